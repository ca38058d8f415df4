/** Prompt templates with {@code {{variable}}} placeholders. */
@NullMarked
package dev.evalgate.engine.prompt;

import org.jspecify.annotations.NullMarked;

/** Prompt templates with {@code {{variable}}} placeholders. */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.prompt;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;

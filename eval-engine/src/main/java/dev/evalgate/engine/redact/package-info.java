/**
 * Redaction of prompts, answers and errors before anything is written or printed. Layer
 * "foundation": it imports no other engine package.
 */
@NullMarked
package dev.evalgate.engine.redact;

import org.jspecify.annotations.NullMarked;

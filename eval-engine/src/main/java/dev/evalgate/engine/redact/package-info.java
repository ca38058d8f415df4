/**
 * Redaction of prompts, answers and errors before anything is written or printed. Layer
 * "foundation": it imports no other engine package.
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.redact;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;

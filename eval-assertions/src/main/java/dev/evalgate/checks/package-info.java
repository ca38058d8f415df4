/**
 * The checks: JSON and JSON Schema, refusal, length, hallucination proxies, strings and limits.
 * Every check is a pure, thread-safe function of one exchange; build them with {@link Checks}.
 */
@NullMarked
package dev.evalgate.checks;

import org.jspecify.annotations.NullMarked;

package dev.evalgate.engine.provider;

import dev.evalgate.api.ModelResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP attempt's outcome.
 *
 * @param response the answer or the classified failure
 * @param retryable whether another attempt may succeed (429, 5xx, timeouts, resets, malformed
 *     bodies)
 * @param retryAfter the server's {@code Retry-After}, when it sent one
 */
record Attempt(ModelResponse response, boolean retryable, @Nullable Duration retryAfter) {}

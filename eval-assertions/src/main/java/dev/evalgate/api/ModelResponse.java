package dev.evalgate.api;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one call of a variant produced: an answer, or a classified error.
 *
 * @param content the answer text; {@code null} when the call errored
 * @param finishReason the provider's finish or stop reason ({@code stop}, {@code length}, ...)
 * @param usage tokens consumed
 * @param latency the answer's latency: the last attempt's, from sending the request to the last byte
 *     of the body (a replayed answer: the recorded one)
 * @param timeToFirstByte time until the first response byte of the last attempt, when known
 * @param httpStatus the last HTTP status, 0 when there was no HTTP exchange
 * @param requestId the provider's request id, when it sent one
 * @param error why the call failed, {@code null} on success
 * @param errorMessage a human-readable description of the failure; never contains secrets
 * @param recorded true when replayed from a recording rather than answered live
 * @param callTime the call's total time: every attempt, and the waits between them; equal to
 *     {@code latency} when there was one attempt (and for replayed and in-process answers)
 */
public record ModelResponse(
    @Nullable String content,
    @Nullable String finishReason,
    TokenUsage usage,
    Duration latency,
    @Nullable Duration timeToFirstByte,
    int httpStatus,
    @Nullable String requestId,
    @Nullable ErrorClass error,
    @Nullable String errorMessage,
    boolean recorded,
    Duration callTime) {

  public ModelResponse {
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(callTime, "callTime");
    if (error == null && content == null) {
      throw new IllegalArgumentException("a successful response needs content");
    }
  }

  /** A response of one attempt: its call took as long as its answer. */
  public ModelResponse(@Nullable String content, @Nullable String finishReason, TokenUsage usage, Duration latency,
      @Nullable Duration timeToFirstByte, int httpStatus, @Nullable String requestId, @Nullable ErrorClass error,
      @Nullable String errorMessage, boolean recorded) {
    this(content, finishReason, usage, latency, timeToFirstByte, httpStatus, requestId, error, errorMessage, recorded, latency);
  }

  /** A successful answer with no transport details, as in-process variants and tests produce. */
  public static ModelResponse ofText(String content) {
    return new ModelResponse(content, "stop", TokenUsage.NONE, Duration.ZERO, null, 0, null, null, null, false);
  }

  /** A failed call. */
  public static ModelResponse failure(ErrorClass error, String message, Duration latency, int httpStatus) {
    return new ModelResponse(null, null, TokenUsage.NONE, latency, null, httpStatus, null, error, message, false);
  }

  public boolean isError() {
    return error != null;
  }

  /** The answer text, empty when the call errored. */
  public String text() {
    return content == null ? "" : content;
  }

  public ModelResponse asRecorded() {
    return new ModelResponse(content, finishReason, usage, latency, timeToFirstByte, httpStatus, requestId, error, errorMessage, true,
        callTime);
  }

  /** The same response, whose call took {@code total} (every attempt and the waits between them). */
  public ModelResponse withCallTime(Duration total) {
    return new ModelResponse(content, finishReason, usage, latency, timeToFirstByte, httpStatus, requestId, error, errorMessage,
        recorded, total);
  }
}

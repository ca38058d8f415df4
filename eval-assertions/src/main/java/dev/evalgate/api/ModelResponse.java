package dev.evalgate.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * What one call of a variant produced: an answer, or a classified error.
 *
 * @param content the answer text (empty when the model only called tools); {@code null} when the
 *     call errored
 * @param finishReason the provider's finish or stop reason ({@code stop}, {@code length}, {@code
 *     tool_calls}, ...)
 * @param usage tokens consumed (of an application pipeline: all its steps')
 * @param latency the answer's latency: the last attempt's, from sending the request to the last
 *     byte of the body (a replayed answer: the recorded one; an application pipeline: its steps'
 *     together)
 * @param timeToFirstByte time until the first response byte of the last attempt, when known
 * @param httpStatus the last HTTP status, 0 when there was no HTTP exchange
 * @param requestId the provider's request id, when it sent one
 * @param error why the call failed, {@code null} on success
 * @param errorMessage a human-readable description of the failure; never contains secrets
 * @param recorded true when replayed from a recording rather than answered live
 * @param callTime the call's total time: every attempt, and the waits between them; equal to {@code
 *     latency} when there was one attempt (and for replayed and in-process answers)
 * @param toolCalls the tool calls the model made, in order (of an application pipeline: every
 *     step's)
 * @param timeToFirstToken for a streamed answer, the time until the first text or tool-call delta
 *     arrived, measured live (a replayed answer: the recorded one); {@code null} when not streamed
 * @param steps the model calls of an application pipeline, in order; empty for a single call
 * @param attempts the HTTP requests this run sent for the answer: the first and each retry; 0 when
 *     it sent none (a replayed, in-process or baseline answer, a call not made, an application
 *     pipeline, whose calls are its steps)
 * @param retriedErrors what each attempt before the last failed with, in order (each was retried);
 *     empty when the first attempt was the last
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
    Duration callTime,
    List<ToolCall> toolCalls,
    @Nullable Duration timeToFirstToken,
    List<CallStep> steps,
    int attempts,
    List<String> retriedErrors) {

  public ModelResponse {
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(callTime, "callTime");
    toolCalls = List.copyOf(toolCalls);
    steps = List.copyOf(steps);
    retriedErrors = List.copyOf(retriedErrors);
    if (error == null && content == null) {
      throw new IllegalArgumentException("a successful response needs content");
    }
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be at least 0, not " + attempts);
    }
  }

  /** A response whose request this run did not send, or sent once (see {@link #withAttempts}). */
  public ModelResponse(
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
      Duration callTime,
      List<ToolCall> toolCalls,
      @Nullable Duration timeToFirstToken,
      List<CallStep> steps) {
    this(
        content,
        finishReason,
        usage,
        latency,
        timeToFirstByte,
        httpStatus,
        requestId,
        error,
        errorMessage,
        recorded,
        callTime,
        toolCalls,
        timeToFirstToken,
        steps,
        0,
        List.of());
  }

  /** A response without tool calls, stream timing or steps. */
  public ModelResponse(
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
    this(
        content,
        finishReason,
        usage,
        latency,
        timeToFirstByte,
        httpStatus,
        requestId,
        error,
        errorMessage,
        recorded,
        callTime,
        List.of(),
        null,
        List.of());
  }

  /** A response of one attempt: its call took as long as its answer. */
  public ModelResponse(
      @Nullable String content,
      @Nullable String finishReason,
      TokenUsage usage,
      Duration latency,
      @Nullable Duration timeToFirstByte,
      int httpStatus,
      @Nullable String requestId,
      @Nullable ErrorClass error,
      @Nullable String errorMessage,
      boolean recorded) {
    this(
        content,
        finishReason,
        usage,
        latency,
        timeToFirstByte,
        httpStatus,
        requestId,
        error,
        errorMessage,
        recorded,
        latency);
  }

  /** A successful answer with no transport details, as in-process variants and tests produce. */
  public static ModelResponse ofText(String content) {
    return new ModelResponse(
        content, "stop", TokenUsage.NONE, Duration.ZERO, null, 0, null, null, null, false);
  }

  /**
   * A successful answer that called tools, with any text beside the calls, as in-process variants
   * and tests produce.
   */
  public static ModelResponse ofToolCalls(String content, List<ToolCall> toolCalls) {
    return ofText(content)
        .withToolCalls(toolCalls)
        .withFinishReason(toolCalls.isEmpty() ? "stop" : "tool_calls");
  }

  /** A failed call. */
  public static ModelResponse failure(
      ErrorClass error, String message, Duration latency, int httpStatus) {
    return new ModelResponse(
        null, null, TokenUsage.NONE, latency, null, httpStatus, null, error, message, false);
  }

  public boolean isError() {
    return error != null;
  }

  /**
   * How the message of a call that still failed after more than one attempt starts: {@code failed
   * after 4 attempts: }, followed by what the last attempt failed with.
   */
  public static String failedAfter(int attempts) {
    return "failed after " + attempts + " attempts: ";
  }

  /**
   * What the last attempt failed with: the error message without the {@link #failedAfter} count
   * that a retried call's message starts with; {@code null} when the call did not fail.
   */
  public @Nullable String lastAttemptError() {
    String prefix = failedAfter(attempts);
    return errorMessage != null && attempts > 1 && errorMessage.startsWith(prefix)
        ? errorMessage.substring(prefix.length())
        : errorMessage;
  }

  /** The answer text, empty when the call errored. */
  public String text() {
    return content == null ? "" : content;
  }

  /** Whether the model called any tool. */
  public boolean calledTools() {
    return !toolCalls.isEmpty();
  }

  /** The same answer, replayed: no request of this run stands behind it, so it has no attempts. */
  public ModelResponse asRecorded() {
    return new ModelResponse(
        content,
        finishReason,
        usage,
        latency,
        timeToFirstByte,
        httpStatus,
        requestId,
        error,
        errorMessage,
        true,
        callTime,
        toolCalls,
        timeToFirstToken,
        steps,
        0,
        List.of());
  }

  /**
   * The same response, whose call took {@code total} (every attempt and the waits between them).
   */
  public ModelResponse withCallTime(Duration total) {
    return new ModelResponse(
        content,
        finishReason,
        usage,
        latency,
        timeToFirstByte,
        httpStatus,
        requestId,
        error,
        errorMessage,
        recorded,
        total,
        toolCalls,
        timeToFirstToken,
        steps,
        attempts,
        retriedErrors);
  }

  /**
   * The same response, which took {@code count} HTTP requests: the attempts before the last failed
   * with {@code retried}, in order.
   */
  public ModelResponse withAttempts(int count, List<String> retried) {
    return new ModelResponse(
        content,
        finishReason,
        usage,
        latency,
        timeToFirstByte,
        httpStatus,
        requestId,
        error,
        errorMessage,
        recorded,
        callTime,
        toolCalls,
        timeToFirstToken,
        steps,
        count,
        retried);
  }

  /** The same response with these tool calls. */
  public ModelResponse withToolCalls(List<ToolCall> value) {
    return new ModelResponse(
        content,
        finishReason,
        usage,
        latency,
        timeToFirstByte,
        httpStatus,
        requestId,
        error,
        errorMessage,
        recorded,
        callTime,
        value,
        timeToFirstToken,
        steps,
        attempts,
        retriedErrors);
  }

  /** The same response with this finish reason. */
  public ModelResponse withFinishReason(@Nullable String value) {
    return new ModelResponse(
        content,
        value,
        usage,
        latency,
        timeToFirstByte,
        httpStatus,
        requestId,
        error,
        errorMessage,
        recorded,
        callTime,
        toolCalls,
        timeToFirstToken,
        steps,
        attempts,
        retriedErrors);
  }

  /** The same response, whose first token arrived after {@code value}. */
  public ModelResponse withTimeToFirstToken(@Nullable Duration value) {
    return new ModelResponse(
        content,
        finishReason,
        usage,
        latency,
        timeToFirstByte,
        httpStatus,
        requestId,
        error,
        errorMessage,
        recorded,
        callTime,
        toolCalls,
        value,
        steps,
        attempts,
        retriedErrors);
  }

  /** The same response with these pipeline steps. */
  public ModelResponse withSteps(List<CallStep> value) {
    return new ModelResponse(
        content,
        finishReason,
        usage,
        latency,
        timeToFirstByte,
        httpStatus,
        requestId,
        error,
        errorMessage,
        recorded,
        callTime,
        toolCalls,
        timeToFirstToken,
        value,
        attempts,
        retriedErrors);
  }

  /**
   * The same response with {@code text} applied to every text it holds that came from the provider
   * (answer, request id, error message, the retried attempts' errors, tool-call arguments), as
   * secret scrubbing and redaction need; this instance when nothing changed.
   */
  public ModelResponse mapText(UnaryOperator<String> text) {
    String newContent = content == null ? null : text.apply(content);
    String newId = requestId == null ? null : text.apply(requestId);
    String newMessage = errorMessage == null ? null : text.apply(errorMessage);
    boolean same =
        Objects.equals(newContent, content)
            && Objects.equals(newId, requestId)
            && Objects.equals(newMessage, errorMessage);
    List<String> retried = new ArrayList<>(retriedErrors.size());
    for (String retriedError : retriedErrors) {
      String mapped = text.apply(retriedError);
      same &= mapped.equals(retriedError);
      retried.add(mapped);
    }
    List<ToolCall> calls = new ArrayList<>(toolCalls.size());
    for (ToolCall call : toolCalls) {
      String arguments = text.apply(call.arguments());
      same &= arguments.equals(call.arguments());
      calls.add(
          arguments.equals(call.arguments())
              ? call
              : new ToolCall(call.id(), call.name(), arguments));
    }
    if (same) {
      return this;
    }
    return new ModelResponse(
        newContent,
        finishReason,
        usage,
        latency,
        timeToFirstByte,
        httpStatus,
        newId,
        error,
        newMessage,
        recorded,
        callTime,
        calls,
        timeToFirstToken,
        steps,
        attempts,
        retried);
  }

  /**
   * The same response with its usage and latency (and call time) replaced: an in-process answer
   * measured by the engine.
   */
  public ModelResponse withUsageAndLatency(TokenUsage value, Duration measured) {
    return new ModelResponse(
        content,
        finishReason,
        value,
        measured,
        timeToFirstByte,
        httpStatus,
        requestId,
        error,
        errorMessage,
        recorded,
        measured,
        toolCalls,
        timeToFirstToken,
        steps,
        attempts,
        retriedErrors);
  }

  /** The number of model calls behind this answer: its steps, or one. */
  public int calls() {
    return steps.isEmpty() ? 1 : steps.size();
  }
}

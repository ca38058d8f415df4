package dev.evalgate.engine.recording;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.api.ToolCall;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One stored response, a line of a recording file. Field order is fixed so files diff cleanly.
 *
 * <p>Lines are versioned by {@code format}: a line without it is format 1 (a text answer); a line
 * that holds tool calls, a streamed answer's time to first token or an endpoint's response body is
 * written with {@code "format":2}, so recordings of text answers are written as before and old
 * files read as they always did. A line of a newer format than {@link #FORMAT} is refused with a
 * message that says so.
 *
 * @param key the request's canonical hash
 * @param caseId the case it answered (for people reading the file; the key decides)
 * @param variant the variant that asked
 * @param model the model that answered
 * @param repeat the repeat index
 * @param content the answer text (empty when the model only called tools)
 * @param finishReason the finish reason
 * @param promptTokens input tokens
 * @param completionTokens output tokens
 * @param tokensEstimated whether the counts were estimated locally
 * @param latencyMs the live call's latency
 * @param ttfbMs the live call's time to first byte, when known
 * @param status the HTTP status
 * @param requestId the provider's request id
 * @param toolCalls the tool calls of the answer, {@code null} for none
 * @param firstTokenMs a streamed answer's time to first token, {@code null} when not streamed
 * @param contentType the recording endpoint's response content type ({@code text/event-stream} for
 *     a stream), else {@code null}
 * @param body the recording endpoint's response body as the provider sent it, replayed byte for
 *     byte; else {@code null}
 * @param format the line's format, {@code null} for format 1
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "key",
  "case",
  "variant",
  "model",
  "repeat",
  "content",
  "finish_reason",
  "prompt_tokens",
  "completion_tokens",
  "tokens_estimated",
  "latency_ms",
  "ttfb_ms",
  "status",
  "request_id",
  "tool_calls",
  "first_token_ms",
  "content_type",
  "body",
  "format"
})
public record Recording(
    String key,
    @JsonProperty("case") String caseId,
    String variant,
    @Nullable String model,
    int repeat,
    String content,
    @JsonProperty("finish_reason") @Nullable String finishReason,
    @JsonProperty("prompt_tokens") long promptTokens,
    @JsonProperty("completion_tokens") long completionTokens,
    @JsonProperty("tokens_estimated") boolean tokensEstimated,
    @JsonProperty("latency_ms") long latencyMs,
    @JsonProperty("ttfb_ms") @Nullable Long ttfbMs,
    int status,
    @JsonProperty("request_id") @Nullable String requestId,
    @JsonProperty("tool_calls") @Nullable List<Call> toolCalls,
    @JsonProperty("first_token_ms") @Nullable Long firstTokenMs,
    @JsonProperty("content_type") @Nullable String contentType,
    @Nullable String body,
    @Nullable Integer format) {

  /** The newest format this version reads and writes. */
  public static final int FORMAT = 2;

  /** A recorded tool call: its id, the tool, and the arguments as the model wrote them. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"id", "name", "arguments"})
  public record Call(@Nullable String id, String name, String arguments) {}

  /** A line of format 1: a text answer. */
  public Recording(
      String key,
      String caseId,
      String variant,
      @Nullable String model,
      int repeat,
      String content,
      @Nullable String finishReason,
      long promptTokens,
      long completionTokens,
      boolean tokensEstimated,
      long latencyMs,
      @Nullable Long ttfbMs,
      int status,
      @Nullable String requestId) {
    this(
        key,
        caseId,
        variant,
        model,
        repeat,
        content,
        finishReason,
        promptTokens,
        completionTokens,
        tokensEstimated,
        latencyMs,
        ttfbMs,
        status,
        requestId,
        null,
        null,
        null,
        null,
        null);
  }

  public static Recording of(
      String key,
      String caseId,
      String variant,
      @Nullable String model,
      int repeat,
      ModelResponse response) {
    return of(key, caseId, variant, model, repeat, response, null, null);
  }

  /**
   * A recording of what the recording endpoint answered: the answer read from the body (for the
   * trace and for people reading the file) and the body itself, which replay sends back as it came.
   */
  public static Recording of(
      String key,
      String caseId,
      String variant,
      @Nullable String model,
      int repeat,
      ModelResponse response,
      @Nullable String contentType,
      @Nullable String body) {
    List<Call> calls =
        response.toolCalls().isEmpty()
            ? null
            : response.toolCalls().stream()
                .map(c -> new Call(c.id(), c.name(), c.arguments()))
                .toList();
    Long firstToken =
        response.timeToFirstToken() == null ? null : response.timeToFirstToken().toMillis();
    boolean newer = calls != null || firstToken != null || body != null;
    return new Recording(
        key,
        caseId,
        variant,
        model,
        repeat,
        response.text(),
        response.finishReason(),
        response.usage().promptTokens(),
        response.usage().completionTokens(),
        response.usage().estimated(),
        response.latency().toMillis(),
        response.timeToFirstByte() == null ? null : response.timeToFirstByte().toMillis(),
        response.httpStatus(),
        response.requestId(),
        calls,
        firstToken,
        contentType,
        body,
        newer ? FORMAT : null);
  }

  /**
   * The response as replayed: recorded latency, usage, tool calls and time to first token, marked
   * as recorded.
   */
  public ModelResponse toResponse() {
    ModelResponse response =
        new ModelResponse(
            content,
            finishReason,
            new TokenUsage(promptTokens, completionTokens, tokensEstimated),
            Duration.ofMillis(latencyMs),
            ttfbMs == null ? null : Duration.ofMillis(ttfbMs),
            status,
            requestId,
            null,
            null,
            true);
    if (toolCalls != null) {
      response =
          response.withToolCalls(
              toolCalls.stream().map(c -> ToolCall.of(c.id(), c.name(), c.arguments())).toList());
    }
    return firstTokenMs == null
        ? response
        : response.withTimeToFirstToken(Duration.ofMillis(firstTokenMs));
  }
}

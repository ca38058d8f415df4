package dev.evalgate.engine.recording;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.TokenUsage;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One stored response, a line of a recording file. Field order is fixed so files diff cleanly.
 *
 * @param key the request's canonical hash
 * @param caseId the case it answered (for people reading the file; the key decides)
 * @param variant the variant that asked
 * @param model the model that answered
 * @param repeat the repeat index
 * @param content the answer
 * @param finishReason the finish reason
 * @param promptTokens input tokens
 * @param completionTokens output tokens
 * @param tokensEstimated whether the counts were estimated locally
 * @param latencyMs the live call's latency
 * @param ttfbMs the live call's time to first byte, when known
 * @param status the HTTP status
 * @param requestId the provider's request id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"key", "case", "variant", "model", "repeat", "content", "finish_reason", "prompt_tokens",
    "completion_tokens", "tokens_estimated", "latency_ms", "ttfb_ms", "status", "request_id"})
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
    @JsonProperty("request_id") @Nullable String requestId) {

  public static Recording of(String key, String caseId, String variant, @Nullable String model, int repeat, ModelResponse response) {
    return new Recording(key, caseId, variant, model, repeat, response.text(), response.finishReason(),
        response.usage().promptTokens(), response.usage().completionTokens(), response.usage().estimated(),
        response.latency().toMillis(), response.timeToFirstByte() == null ? null : response.timeToFirstByte().toMillis(),
        response.httpStatus(), response.requestId());
  }

  /** The response as replayed: recorded latency and usage, marked as recorded. */
  public ModelResponse toResponse() {
    return new ModelResponse(content, finishReason, new TokenUsage(promptTokens, completionTokens, tokensEstimated),
        Duration.ofMillis(latencyMs), ttfbMs == null ? null : Duration.ofMillis(ttfbMs), status, requestId, null, null, true);
  }
}

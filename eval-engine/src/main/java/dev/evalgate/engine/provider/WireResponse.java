package dev.evalgate.engine.provider;

import dev.evalgate.api.ToolCall;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a provider's 2xx body (or stream) said.
 *
 * @param content the answer text (empty when the model only called tools)
 * @param finishReason the finish or stop reason
 * @param promptTokens reported input tokens, or {@code null} when the body had no usage
 * @param completionTokens reported output tokens, or {@code null}
 * @param toolCalls the tool calls of the answer, in order
 */
record WireResponse(
    String content,
    @Nullable String finishReason,
    @Nullable Long promptTokens,
    @Nullable Long completionTokens,
    List<ToolCall> toolCalls) {
  WireResponse {
    toolCalls = List.copyOf(toolCalls);
  }

  WireResponse(
      String content,
      @Nullable String finishReason,
      @Nullable Long promptTokens,
      @Nullable Long completionTokens) {
    this(content, finishReason, promptTokens, completionTokens, List.of());
  }
}

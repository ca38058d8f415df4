package dev.evalgate.engine.provider;

import org.jspecify.annotations.Nullable;

/**
 * What a provider's 2xx body said.
 *
 * @param content the answer text
 * @param finishReason the finish or stop reason
 * @param promptTokens reported input tokens, or {@code null} when the body had no usage
 * @param completionTokens reported output tokens, or {@code null}
 */
record WireResponse(String content, @Nullable String finishReason, @Nullable Long promptTokens, @Nullable Long completionTokens) {}

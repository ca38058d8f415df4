package dev.evalgate.engine.model;

import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.VariantSpec;
import java.util.List;
import java.util.Objects;

/**
 * One model call to make: a variant answering a case's rendered prompt.
 *
 * @param suite the suite's name (recordings are grouped by suite)
 * @param variant the variant, with configuration overrides already applied
 * @param evalCase the case
 * @param repeat 0-based repeat index (part of the recording key when repeats &gt; 1)
 * @param messages the rendered prompt
 */
public record CallRequest(
    String suite, VariantSpec variant, EvalCase evalCase, int repeat, List<ChatMessage> messages) {
  public CallRequest {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(evalCase, "evalCase");
    messages = List.copyOf(messages);
  }
}

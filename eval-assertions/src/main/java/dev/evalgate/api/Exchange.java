package dev.evalgate.api;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One case answered by one variant: everything a check may look at.
 *
 * @param evalCase the dataset row
 * @param variant the variant's name
 * @param model the model the variant called, when it has one
 * @param prompt the rendered messages that were sent
 * @param response what came back
 * @param costUsd the call's cost in US dollars, {@code null} when the model's price is unknown
 * @param repeat 0-based repeat index when a suite runs each case several times
 */
public record Exchange(
    EvalCase evalCase,
    String variant,
    @Nullable String model,
    List<ChatMessage> prompt,
    ModelResponse response,
    @Nullable Double costUsd,
    int repeat) {

  public Exchange {
    Objects.requireNonNull(evalCase, "evalCase");
    Objects.requireNonNull(variant, "variant");
    prompt = List.copyOf(prompt);
    Objects.requireNonNull(response, "response");
  }

  /** A minimal exchange for checks written and tested without an engine. */
  public static Exchange of(EvalCase evalCase, String answer) {
    return new Exchange(evalCase, "test", null, List.of(), ModelResponse.ofText(answer), null, 0);
  }

  /** The answer text, empty when the call errored. */
  public String output() {
    return response.text();
  }

  /** All prompt text concatenated, for checks that ask whether something came from the prompt. */
  public String promptText() {
    StringBuilder text = new StringBuilder();
    for (ChatMessage message : prompt) {
      text.append(message.content()).append('\n');
    }
    return text.toString();
  }
}

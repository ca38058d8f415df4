package dev.evalgate.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param tools the tools the variant offered the model (its prompt's); empty for none
 */
public record Exchange(
    EvalCase evalCase,
    String variant,
    @Nullable String model,
    List<ChatMessage> prompt,
    ModelResponse response,
    @Nullable Double costUsd,
    int repeat,
    List<ToolSpec> tools) {

  public Exchange {
    Objects.requireNonNull(evalCase, "evalCase");
    Objects.requireNonNull(variant, "variant");
    prompt = List.copyOf(prompt);
    Objects.requireNonNull(response, "response");
    tools = List.copyOf(tools);
  }

  /** An exchange of a variant that offered no tools. */
  public Exchange(
      EvalCase evalCase,
      String variant,
      @Nullable String model,
      List<ChatMessage> prompt,
      ModelResponse response,
      @Nullable Double costUsd,
      int repeat) {
    this(evalCase, variant, model, prompt, response, costUsd, repeat, List.of());
  }

  /** A minimal exchange for checks written and tested without an engine. */
  public static Exchange of(EvalCase evalCase, String answer) {
    return new Exchange(evalCase, "test", null, List.of(), ModelResponse.ofText(answer), null, 0);
  }

  /** The same exchange, its variant having offered {@code value}. */
  public Exchange withTools(List<ToolSpec> value) {
    return new Exchange(evalCase, variant, model, prompt, response, costUsd, repeat, value);
  }

  /**
   * The tools offered: the variant's, else (an application pipeline that declared none) every tool
   * its model calls offered, the first definition of each name.
   */
  public List<ToolSpec> offeredTools() {
    if (!tools.isEmpty() || response.steps().isEmpty()) {
      return tools;
    }
    Map<String, ToolSpec> offered = new LinkedHashMap<>();
    for (CallStep step : response.steps()) {
      for (ToolSpec tool : step.tools()) {
        offered.putIfAbsent(tool.name(), tool);
      }
    }
    return List.copyOf(offered.values());
  }

  /** The tool calls of the answer (of an application pipeline: of every step), in order. */
  public List<ToolCall> toolCalls() {
    return response.toolCalls();
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

package dev.evalgate.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A tool call the model made, as it made it: the arguments are the JSON text the model wrote, kept
 * even when it is not valid JSON (the {@code tool-schema} check then fails with the parser's
 * reason).
 *
 * @param id the provider's id of the call (OpenAI {@code call_...}, Anthropic {@code toolu_...}),
 *     which a tool result refers to; {@code null} when the provider gave none
 * @param name the tool called
 * @param arguments the arguments, as JSON text ({@code {}} for none)
 */
public record ToolCall(@Nullable String id, String name, String arguments) {
  public ToolCall {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arguments, "arguments");
  }

  public static ToolCall of(@Nullable String id, String name, String arguments) {
    return new ToolCall(id, name, arguments);
  }
}

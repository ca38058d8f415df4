package dev.evalgate.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A tool call a case expects (a row's {@code expected_tool_calls}): the tool, and optionally the
 * arguments it must be given. A call matches when it calls the tool and each argument given here
 * equals the call's (arguments the expectation leaves out may hold anything).
 *
 * @param name the tool expected
 * @param arguments a JSON object of the arguments that must match, or {@code null} for any
 *     arguments
 */
public record ExpectedToolCall(String name, @Nullable String arguments) {
  public ExpectedToolCall {
    Objects.requireNonNull(name, "name");
  }

  public static ExpectedToolCall of(String name) {
    return new ExpectedToolCall(name, null);
  }

  public static ExpectedToolCall of(String name, String arguments) {
    return new ExpectedToolCall(name, arguments);
  }
}

package dev.evalgate.checks;

import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;
import dev.evalgate.api.ExpectedToolCall;
import dev.evalgate.api.ToolCall;
import dev.evalgate.api.ToolSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The answer called the expected tools, or none: the tools named in the options (which may be
 * {@code {{variables}}}), else those of the case's {@code expected_tool_calls}. With {@code order},
 * they were called in that order; with {@code only}, no other tool was. A call of a tool the
 * variant did not offer fails the check whatever was expected.
 */
final class ToolCallCheck extends BaseCheck {
  /** What a suite writes for "no tool call". */
  static final String NONE = "none";

  /**
   * The expected tool names as written (each may be a placeholder); {@code null}: the case's
   * expected_tool_calls.
   */
  private final @Nullable List<String> expected;

  private final boolean order;
  private final boolean only;

  ToolCallCheck(String name, @Nullable List<String> expected, boolean order, boolean only) {
    super(name, "tools");
    this.expected = expected == null ? null : List.copyOf(expected);
    this.order = order;
    this.only = only;
  }

  @Override
  public CheckResult evaluate(Exchange exchange) {
    List<ToolCall> calls = exchange.toolCalls();
    Map<String, String> details = Map.of("tools.called", ToolArguments.names(calls));
    String notOffered = notOffered(calls, exchange.offeredTools());
    if (notOffered != null) {
      return result(false, 0.0, notOffered, details);
    }
    List<String> names = expectedNames(exchange);
    if (names == null) {
      return notApplicable(
          expected == null
              ? "the case has no 'expected_tool_calls' to compare the tool calls with"
              : "the case has no value for " + String.join(", ", expected),
          details);
    }
    if (names.isEmpty()) {
      return calls.isEmpty()
          ? result(true, 1.0, "called no tool, as expected", details)
          : result(
              false,
              0.0,
              "expected no tool call, but called " + ToolArguments.names(calls),
              details);
    }
    List<String> called = calls.stream().map(ToolCall::name).toList();
    List<String> missing = missing(names, called);
    if (!missing.isEmpty()) {
      return result(
          false,
          0.0,
          "did not call "
              + String.join(", ", missing)
              + " (called: "
              + ToolArguments.names(calls)
              + ")",
          details);
    }
    if (order && !inOrder(names, called)) {
      return result(
          false,
          0.0,
          "called "
              + String.join(", ", called)
              + ", not in the expected order "
              + String.join(", ", names),
          details);
    }
    if (only) {
      List<String> extra = missing(called, names);
      if (!extra.isEmpty()) {
        return result(
            false,
            0.0,
            "also called "
                + String.join(", ", extra)
                + " (expected only "
                + String.join(", ", names)
                + ")",
            details);
      }
    }
    return result(
        true,
        1.0,
        "called " + String.join(", ", names) + (order && names.size() > 1 ? " in order" : ""),
        details);
  }

  /**
   * The first call of a tool that was not offered, as a reason; null when every call's tool was (or
   * no tools are known).
   */
  static @Nullable String notOffered(List<ToolCall> calls, List<ToolSpec> offered) {
    if (offered.isEmpty()) {
      return null;
    }
    for (ToolCall call : calls) {
      if (offered.stream().noneMatch(t -> t.name().equals(call.name()))) {
        return "called '"
            + call.name()
            + "', which was not offered (offered: "
            + String.join(", ", offered.stream().map(ToolSpec::name).toList())
            + ")";
      }
    }
    return null;
  }

  /** The tool names expected of this case, empty for none, null when the case does not say. */
  private @Nullable List<String> expectedNames(Exchange exchange) {
    if (expected == null) {
      List<ExpectedToolCall> calls = exchange.evalCase().expectedToolCalls();
      return calls == null ? null : calls.stream().map(ExpectedToolCall::name).toList();
    }
    List<String> names = new ArrayList<>();
    for (String written : expected) {
      String value = Placeholders.has(written) ? Placeholders.render(written, exchange) : written;
      for (String part : value.split(",")) {
        String tool = part.strip();
        if (!tool.isEmpty() && !tool.equals(NONE)) {
          names.add(tool);
        } else if (tool.equals(NONE)) {
          return List.of();
        }
      }
    }
    return names.isEmpty() ? null : names;
  }

  /** The names of {@code wanted} that {@code present} lacks, counting repeats. */
  static List<String> missing(List<String> wanted, List<String> present) {
    Map<String, Integer> left = new HashMap<>();
    present.forEach(name -> left.merge(name, 1, Integer::sum));
    List<String> missing = new ArrayList<>();
    for (String name : wanted) {
      if (left.getOrDefault(name, 0) > 0) {
        left.merge(name, -1, Integer::sum);
      } else {
        missing.add(name);
      }
    }
    return missing;
  }

  /** Whether {@code names} occur in {@code called} in that order (other calls may come between). */
  static boolean inOrder(List<String> names, List<String> called) {
    int next = 0;
    for (String call : called) {
      if (next < names.size() && call.equals(names.get(next))) {
        next++;
      }
    }
    return next == names.size();
  }
}

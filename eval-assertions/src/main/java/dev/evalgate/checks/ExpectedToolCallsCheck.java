package dev.evalgate.checks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;
import dev.evalgate.api.ExpectedToolCall;
import dev.evalgate.api.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tool calls made, compared with the case's {@code expected_tool_calls}: each expected call is
 * matched to one call of its tool whose arguments hold the expected ones (in order, with {@code
 * order}). Precision is the share of calls made that were expected, recall the share of expected
 * calls that were made; the check passes when both reach their minimums (default 1: the calls are
 * exactly the expected ones). The score is their harmonic mean (F1).
 */
final class ExpectedToolCallsCheck extends BaseCheck {
  /** Unmatched calls a reason describes; the rest are counted. */
  static final int LISTED = 3;

  private final double minPrecision;
  private final double minRecall;
  private final boolean order;

  ExpectedToolCallsCheck(String name, double minPrecision, double minRecall, boolean order) {
    super(name, "tools");
    for (double min : new double[] {minPrecision, minRecall}) {
      if (!(min >= 0 && min <= 1)) {
        throw new CheckSpecException(
            "option 'min-precision' and 'min-recall' of check '"
                + name
                + "' must be numbers from 0 to 1, but was "
                + min);
      }
    }
    this.minPrecision = minPrecision;
    this.minRecall = minRecall;
    this.order = order;
  }

  @Override
  public CheckResult evaluate(Exchange exchange) {
    List<ExpectedToolCall> expected = exchange.evalCase().expectedToolCalls();
    if (expected == null) {
      return notApplicable(
          "the case has no 'expected_tool_calls' to compare the tool calls with", Map.of());
    }
    List<ToolCall> calls = exchange.toolCalls();
    boolean[] used = new boolean[calls.size()];
    List<ExpectedToolCall> missing = new ArrayList<>();
    int after = 0;
    int matched = 0;
    for (ExpectedToolCall want : expected) {
      int found = -1;
      for (int i = order ? after : 0; i < calls.size() && found < 0; i++) {
        if (!used[i] && matches(want, calls.get(i))) {
          found = i;
        }
      }
      if (found < 0) {
        missing.add(want);
      } else {
        used[found] = true;
        matched++;
        after = found + 1;
      }
    }
    List<ToolCall> unexpected = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      if (!used[i]) {
        unexpected.add(calls.get(i));
      }
    }
    double precision = calls.isEmpty() ? 1.0 : (double) matched / calls.size();
    double recall = expected.isEmpty() ? 1.0 : (double) matched / expected.size();
    double f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
    Map<String, String> details =
        Map.of(
            "tool_calls.precision",
            format(precision),
            "tool_calls.recall",
            format(recall),
            "tool_calls.matched",
            String.valueOf(matched),
            "tool_calls.expected",
            String.valueOf(expected.size()),
            "tool_calls.made",
            String.valueOf(calls.size()));
    StringBuilder reason = new StringBuilder();
    reason
        .append("precision ")
        .append(format(precision))
        .append(" (")
        .append(matched)
        .append(" of ")
        .append(calls.size())
        .append(calls.size() == 1 ? " call" : " calls")
        .append(" expected), recall ")
        .append(format(recall))
        .append(" (")
        .append(matched)
        .append(" of ")
        .append(expected.size())
        .append(" expected ")
        .append(expected.size() == 1 ? "call" : "calls")
        .append(" made)");
    if (!missing.isEmpty()) {
      reason.append("; missing: ").append(describeExpected(missing));
    }
    if (!unexpected.isEmpty()) {
      reason.append("; unexpected: ").append(describeCalls(unexpected));
    }
    boolean passed = precision >= minPrecision - 1e-9 && recall >= minRecall - 1e-9;
    return result(passed, f1, reason.toString(), details);
  }

  static boolean matches(ExpectedToolCall want, ToolCall call) {
    if (!want.name().equals(call.name())) {
      return false;
    }
    if (want.arguments() == null) {
      return true;
    }
    ToolArguments.Parsed parsed = ToolArguments.parse(call.arguments());
    if (!parsed.valid()) {
      return false;
    }
    try {
      JsonNode expected = JsonExtractor.MAPPER.readTree(want.arguments());
      return ToolArguments.matches(expected, parsed.validJson());
    } catch (JsonProcessingException e) {
      // the dataset reader checked the expected arguments; a hand-built case may still hold bad
      // JSON
      return false;
    }
  }

  private static String describeExpected(List<ExpectedToolCall> calls) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < Math.min(LISTED, calls.size()); i++) {
      ExpectedToolCall call = calls.get(i);
      parts.add(
          call.name()
              + (call.arguments() == null ? "" : " " + ToolArguments.quote(call.arguments())));
    }
    return more(parts, calls.size());
  }

  private static String describeCalls(List<ToolCall> calls) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < Math.min(LISTED, calls.size()); i++) {
      parts.add(calls.get(i).name() + " " + ToolArguments.quote(calls.get(i).arguments()));
    }
    return more(parts, calls.size());
  }

  private static String more(List<String> parts, int all) {
    return String.join(", ", parts)
        + (all > parts.size() ? " and " + (all - parts.size()) + " more" : "");
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}

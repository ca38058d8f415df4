package dev.evalgate.checks;

import com.networknt.schema.Error;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;
import dev.evalgate.api.ToolCall;
import dev.evalgate.api.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every tool call's arguments are a JSON object valid against the schema of the tool it calls (of
 * one tool's calls, with {@code tool}). Arguments that are not JSON, and a call of a tool that was
 * not offered, are failures with the reason; an answer without tool calls is not judged. The score
 * is the share of valid calls.
 */
final class ToolSchemaCheck extends BaseCheck {
  /** Invalid calls a reason describes; the rest are counted. */
  static final int LISTED = 3;

  private final @Nullable String tool;

  ToolSchemaCheck(String name, @Nullable String tool) {
    super(name, "tools");
    this.tool = tool;
  }

  @Override
  public CheckResult evaluate(Exchange exchange) {
    List<ToolCall> all = exchange.toolCalls();
    List<ToolSpec> offered = exchange.offeredTools();
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (int i = 0; i < all.size(); i++) {
      ToolCall call = all.get(i);
      if (tool != null && !tool.equals(call.name())) {
        continue;
      }
      checked++;
      String problem = problem(call, offered);
      if (problem != null) {
        problems.add("call " + (i + 1) + " '" + call.name() + "': " + problem);
      }
    }
    if (checked == 0) {
      return notApplicable(
          tool == null ? "no tool call to check" : "'" + tool + "' was not called", Map.of());
    }
    int valid = checked - problems.size();
    Map<String, String> details =
        Map.of("tools.calls", String.valueOf(checked), "tools.valid_calls", String.valueOf(valid));
    double score = (double) valid / checked;
    if (problems.isEmpty()) {
      return result(
          true,
          score,
          (checked == 1
                  ? "the arguments of the call are"
                  : "the arguments of all " + checked + " calls are")
              + (offered.isEmpty()
                  ? " JSON objects (no tool schemas offered)"
                  : " valid against the tools' schemas"),
          details);
    }
    StringBuilder reason = new StringBuilder();
    reason
        .append(problems.size())
        .append(" of ")
        .append(checked)
        .append(checked == 1 ? " call" : " calls")
        .append(" invalid: ");
    for (int i = 0; i < Math.min(LISTED, problems.size()); i++) {
      reason.append(i > 0 ? "; " : "").append(problems.get(i));
    }
    if (problems.size() > LISTED) {
      reason.append("; ... and ").append(problems.size() - LISTED).append(" more");
    }
    return result(false, score, reason.toString(), details);
  }

  /** What is wrong with one call, or null when its arguments are valid. */
  static @Nullable String problem(ToolCall call, List<ToolSpec> offered) {
    ToolSpec spec = null;
    for (ToolSpec candidate : offered) {
      if (candidate.name().equals(call.name())) {
        spec = candidate;
      }
    }
    if (spec == null && !offered.isEmpty()) {
      return "the tool was not offered (offered: "
          + String.join(", ", offered.stream().map(ToolSpec::name).toList())
          + ")";
    }
    ToolArguments.Parsed parsed = ToolArguments.parse(call.arguments());
    if (!parsed.valid()) {
      return parsed.problem();
    }
    if (spec == null) {
      return null;
    }
    ToolSchemas.Compiled compiled = ToolSchemas.compiled(spec);
    if (!compiled.usable()) {
      return compiled.problem();
    }
    List<Error> errors = ToolSchemas.validate(compiled, parsed.validJson());
    return errors.isEmpty() ? null : SchemaCheck.violations(errors, "its schema");
  }
}

package dev.evalgate.checks;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;
import dev.evalgate.api.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An argument of a tool's call, found by a JSON path ({@code $.order_id}, {@code /items/0/sku}),
 * exists, equals a value, matches a pattern, or is one of several values (each may be a {@code
 * {{variable}}}). Some call of the tool must satisfy it; an answer that did not call the tool is
 * not judged (whether it should have is the {@code tool-call} check's question).
 */
final class ToolArgumentCheck extends BaseCheck {
  private final String tool;
  private final String path;
  private final JsonPointer pointer;
  private final @Nullable String equalsValue;
  private final @Nullable Pattern matches;
  private final List<String> oneOf;

  ToolArgumentCheck(
      String name,
      String tool,
      String path,
      @Nullable String equalsValue,
      @Nullable String matches,
      List<String> oneOf) {
    super(name, "tools");
    this.tool = tool;
    this.path = path;
    this.pointer = JsonPathCheck.toPointer(path);
    this.equalsValue = equalsValue;
    this.matches = matches == null ? null : Pattern.compile(matches);
    this.oneOf = List.copyOf(oneOf);
  }

  @Override
  public CheckResult evaluate(Exchange exchange) {
    List<String> allowed = new ArrayList<>();
    for (String written : equalsValue != null ? List.of(equalsValue) : oneOf) {
      String value = Placeholders.has(written) ? Placeholders.render(written, exchange) : written;
      if (!(value.isEmpty() && Placeholders.has(written))) {
        allowed.add(value);
      }
    }
    if (allowed.isEmpty() && (equalsValue != null || !oneOf.isEmpty())) {
      return notApplicable(
          "the case has no value for "
              + String.join(", ", equalsValue != null ? List.of(equalsValue) : oneOf),
          Map.of());
    }
    List<String> seen = new ArrayList<>();
    int calls = 0;
    for (ToolCall call : exchange.toolCalls()) {
      if (!call.name().equals(tool)) {
        continue;
      }
      calls++;
      ToolArguments.Parsed parsed = ToolArguments.parse(call.arguments());
      if (!parsed.valid()) {
        seen.add(parsed.problem());
        continue;
      }
      JsonNode value = parsed.validJson().at(pointer);
      if (value.isMissingNode()) {
        seen.add(path + " does not exist");
        continue;
      }
      String text = value.isValueNode() ? value.asText() : value.toString();
      if (satisfied(text, allowed)) {
        return pass(
            tool
                + " "
                + path
                + " is \""
                + text
                + "\""
                + (matches != null ? ", which matches /" + matches + "/" : ""));
      }
      seen.add(path + " is \"" + text + "\"");
    }
    if (calls == 0) {
      return notApplicable("'" + tool + "' was not called", Map.of());
    }
    String wanted =
        equalsValue != null
            ? ", expected \"" + allowed.get(0) + "\""
            : !oneOf.isEmpty()
                ? ", expected one of " + quoted(allowed)
                : matches != null ? ", which does not match /" + matches + "/" : "";
    return fail(tool + " " + String.join("; ", seen) + wanted);
  }

  private boolean satisfied(String text, List<String> allowed) {
    if (matches != null) {
      return matches.matcher(text).find();
    }
    return allowed.isEmpty() || allowed.contains(text);
  }

  private static String quoted(List<String> values) {
    return String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList());
  }
}

package dev.evalgate.checks;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A value in the answer's JSON exists, equals a value, or matches a pattern. The path is a JSON
 * pointer ({@code /category}) or a simple dotted path ({@code $.order.items[0].sku}).
 */
final class JsonPathCheck extends BaseCheck {
  private final String path;
  private final JsonPointer pointer;
  private final @Nullable String equalsValue;
  private final @Nullable Pattern matches;

  JsonPathCheck(String name, String path, @Nullable String equalsValue, @Nullable String matches) {
    super(name, "json");
    this.path = path;
    this.pointer = toPointer(path);
    this.equalsValue = equalsValue;
    this.matches = matches == null ? null : Pattern.compile(matches);
  }

  static JsonPointer toPointer(String path) {
    if (path.startsWith("/")) {
      return JsonPointer.compile(path);
    }
    String trimmed = path.startsWith("$") ? path.substring(1) : path;
    String pointer = trimmed.replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
    return JsonPointer.compile(pointer.startsWith("/") ? pointer : "/" + pointer);
  }

  @Override
  public CheckResult evaluate(Exchange exchange) {
    JsonExtractor.Extracted extracted = JsonExtractor.extract(exchange.output(), false);
    if (!extracted.found()) {
      return fail("no JSON in the answer for " + path + ": " + extracted.problem());
    }
    JsonNode value = extracted.foundJson().at(pointer);
    if (value.isMissingNode()) {
      return fail(path + " does not exist");
    }
    String text = value.isValueNode() ? value.asText() : value.toString();
    if (equalsValue != null) {
      String expected =
          exchange.evalCase().variables().isEmpty()
              ? equalsValue
              : Placeholders.render(equalsValue, exchange);
      return text.equals(expected)
          ? pass(path + " is \"" + text + "\"")
          : fail(path + " is \"" + text + "\", expected \"" + expected + "\"");
    }
    if (matches != null) {
      return matches.matcher(text).find()
          ? pass(path + " \"" + text + "\" matches /" + matches + "/")
          : fail(path + " \"" + text + "\" does not match /" + matches + "/");
    }
    return pass(path + " exists");
  }
}

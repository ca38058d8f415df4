package dev.evalgate.checks;

import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;
import java.util.Map;

/** The answer contains JSON (lenient) or is JSON and nothing else (strict). */
final class JsonCheck extends BaseCheck {
  private final boolean strict;

  JsonCheck(String name, boolean strict) {
    super(name, "json");
    this.strict = strict;
  }

  @Override
  public CheckResult evaluate(Exchange exchange) {
    JsonExtractor.Extracted extracted = JsonExtractor.extract(exchange.output(), strict);
    if (!extracted.found()) {
      return fail(extracted.problem());
    }
    JsonExtractor.Form form = extracted.foundForm();
    return result(
        true,
        null,
        "JSON found in " + form.description(),
        Map.of("json.form", form.name().toLowerCase(java.util.Locale.ROOT)));
  }
}

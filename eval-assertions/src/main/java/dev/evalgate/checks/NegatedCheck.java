package dev.evalgate.checks;

import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;
import java.util.HashMap;
import java.util.Map;

/**
 * Passes exactly when the wrapped check fails, and does not apply where it does not. Its reasons
 * are the wrapped check's, which say what was found: passing, "contains none of "As an AI"";
 * failing, "found what it must not: contains "As an AI"".
 */
final class NegatedCheck implements Check {
  private final String name;
  private final Check inner;

  NegatedCheck(String name, Check inner) {
    this.name = name;
    this.inner = inner;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String family() {
    return inner.family();
  }

  @Override
  public CheckResult evaluate(Exchange exchange) {
    CheckResult result = inner.evaluate(exchange);
    Map<String, String> details = new HashMap<>(result.details());
    details.remove(CheckResult.DETAIL_REFUSAL);
    if (!result.applicable()) {
      return new CheckResult(
          name, CheckResult.Outcome.NOT_APPLICABLE, null, result.reason(), details);
    }
    return new CheckResult(
        name,
        !result.passed(),
        result.score() == null ? null : 1 - result.score(),
        result.passed() ? "found what it must not: " + result.reason() : result.reason(),
        details);
  }
}

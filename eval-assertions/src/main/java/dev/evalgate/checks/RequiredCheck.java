package dev.evalgate.checks;

import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;

/**
 * A check whose every case must carry the field it needs: where the wrapped check does not apply,
 * this one fails, with the wrapped check's reason. Built by {@link Checks#required} and by {@code
 * missing: fail} in suite files.
 */
final class RequiredCheck implements Check {
  private final Check inner;

  RequiredCheck(Check inner) {
    this.inner = inner;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public String family() {
    return inner.family();
  }

  @Override
  public CheckResult evaluate(Exchange exchange) {
    CheckResult result = inner.evaluate(exchange);
    if (result.applicable()) {
      return result;
    }
    return new CheckResult(
        result.check(),
        CheckResult.Outcome.FAILED,
        null,
        result.reason() + "; every case must have it (missing: fail)",
        result.details());
  }

  @Override
  public String toString() {
    return "RequiredCheck[" + inner + "]";
  }
}

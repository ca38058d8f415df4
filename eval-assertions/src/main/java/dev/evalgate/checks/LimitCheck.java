package dev.evalgate.checks;

import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;
import java.util.Locale;

/**
 * Per-case latency or cost limits. An unknown cost passes, saying so: it is not evidence of excess.
 */
final class LimitCheck extends BaseCheck {
  enum Kind {
    LATENCY,
    COST
  }

  private final Kind kind;
  private final double max;

  LimitCheck(String name, Kind kind, double max) {
    super(name, "limit");
    this.kind = kind;
    this.max = max;
  }

  @Override
  public CheckResult evaluate(Exchange exchange) {
    if (kind == Kind.LATENCY) {
      long ms = exchange.response().latency().toMillis();
      return ms <= max
          ? pass("took " + ms + " ms, within " + (long) max + " ms")
          : fail("took " + ms + " ms, expected at most " + (long) max + " ms");
    }
    Double cost = exchange.costUsd();
    if (cost == null) {
      return pass(
          "cost unknown (no price for model "
              + exchange.model()
              + "), not counted against the limit");
    }
    String shown = String.format(Locale.US, "$%.6f", cost);
    String limit = String.format(Locale.US, "$%.6f", max);
    return cost <= max
        ? pass("cost " + shown + ", within " + limit)
        : fail("cost " + shown + ", expected at most " + limit);
  }
}

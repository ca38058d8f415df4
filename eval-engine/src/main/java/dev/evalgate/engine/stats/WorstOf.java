package dev.evalgate.engine.stats;

import java.util.List;

/**
 * The worst of several estimates of the same kind of number (a pass-rate difference in each slice
 * of the cases), for a claim that every one of them is at least a limit: "no slice regresses by
 * more than the margin".
 *
 * <p>The claim holds when every part holds, so its lower bound is the lowest of the parts' lower
 * bounds at the same level (an intersection-union test, Berger 1982: no adjustment is needed, and a
 * claim that is false in any part holds at most alpha of the time). It is violated when any part is
 * shown below the limit, so its upper bound is the lowest of the parts' upper bounds at alpha over
 * the number of parts: the first step of Holm's procedure across them, which finds some part
 * violated exactly when Holm does ({@link Holm}; the parts' own Holm steps then say which). So the
 * chance of finding a claim violated that is true in every part is at most alpha, whatever the
 * dependence between the parts.
 *
 * <pre>{@code
 * Estimate worst = new WorstOf(List.of(billing, refunds, shipping)); // each a PairedProportions
 * new Claim(worst, Side.AT_LEAST, -0.05).judge(0.025, 0.025);        // HOLDS only if all three do
 * }</pre>
 */
public final class WorstOf implements Estimate {
  private final List<Estimate> parts;

  /**
   * @param parts the estimates, at least one
   */
  public WorstOf(List<? extends Estimate> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("the worst of no estimate is undefined");
    }
    this.parts = List.copyOf(parts);
  }

  /** The parts, in the order given. */
  public List<Estimate> parts() {
    return parts;
  }

  /** The lowest of the parts' values. */
  @Override
  public double value() {
    return parts.stream().mapToDouble(Estimate::value).min().orElseThrow();
  }

  /** The observations behind every part. */
  @Override
  public long n() {
    return parts.stream().mapToLong(Estimate::n).sum();
  }

  @Override
  public double lower(double alpha) {
    return parts.stream().mapToDouble(p -> p.lower(alpha)).min().orElseThrow();
  }

  @Override
  public double upper(double alpha) {
    double each = alpha / parts.size();
    return parts.stream().mapToDouble(p -> p.upper(each)).min().orElseThrow();
  }

  /** The largest of the parts' p-values: every part must reach the limit. */
  @Override
  public double lowerP(double limit, boolean inclusive) {
    return parts.stream().mapToDouble(p -> p.lowerP(limit, inclusive)).max().orElseThrow();
  }

  /** The smallest of the parts' p-values times their number (at most 1): Holm's first step. */
  @Override
  public double upperP(double limit, boolean inclusive) {
    double smallest =
        parts.stream().mapToDouble(p -> p.upperP(limit, inclusive)).min().orElseThrow();
    return Math.min(1, smallest * parts.size());
  }
}

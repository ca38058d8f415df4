package dev.evalgate.engine.stats;

/**
 * An estimate of one gated number (a difference of pass rates, a rate, a latency percentile, a mean
 * cost, a ratio of costs) with the one-sided confidence bounds and p-values its criterion is judged
 * on.
 *
 * <p>The bounds and p-values are two views of one procedure: {@code lowerP(limit, true)} is the
 * smallest one-sided alpha at which {@code lower(alpha) >= limit}, so a decision taken on a p-value
 * is the decision the interval shows ({@link Claim#judge} relies on it, and every implementation's
 * test checks it).
 *
 * <pre>{@code
 * Estimate d = new PairedProportions(180, 12, 6, 2);   // challenger minus control
 * d.lower(0.025);                                      // Newcombe's 95 % lower bound
 * d.lowerP(-0.02, true);                               // p-value that d >= -2 pp
 * }</pre>
 */
public interface Estimate {
  /** The point estimate. */
  double value();

  /** The number of observations (cases, pairs) behind it. */
  long n();

  /**
   * The one-sided lower confidence bound at level {@code 1 - alpha}: the true value lies at or
   * above it with probability at least {@code 1 - alpha} (approximately, for the approximate
   * procedures; the simulation in {@code benchmarks} measures how well).
   */
  double lower(double alpha);

  /** The one-sided upper confidence bound at level {@code 1 - alpha}. */
  double upper(double alpha);

  /**
   * The smallest one-sided alpha at which the lower bound reaches {@code limit}: {@code
   * lower(alpha) >= limit} when {@code inclusive}, {@code lower(alpha) > limit} otherwise. It is
   * the p-value of the null hypothesis "the true value is below the limit" (or "at or below" when
   * not inclusive).
   */
  double lowerP(double limit, boolean inclusive);

  /**
   * The smallest one-sided alpha at which the upper bound reaches {@code limit} ({@code <=} or
   * {@code <}).
   */
  double upperP(double limit, boolean inclusive);

  /**
   * The interval from the lower bound at {@code alphaLow} to the upper bound at {@code alphaHigh}.
   */
  default Interval interval(double alphaLow, double alphaHigh) {
    return new Interval(lower(alphaLow), upper(alphaHigh));
  }

  /** The two-sided interval at a confidence level, e.g. 0.95 (2.5 % on each side). */
  default Interval interval(double confidence) {
    double alpha = (1 - confidence) / 2;
    return interval(alpha, alpha);
  }

  /** This estimate multiplied by a positive factor (a mean cost per call as cost per 1K calls). */
  default Estimate scaled(double factor) {
    return new Scaled(this, factor);
  }
}

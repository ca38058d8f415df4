package dev.evalgate.engine.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A mean (cost per call, latency) or a mean paired difference with skew-aware Student's t bounds.
 * Without skewness they are the mean plus or minus t(n - 1) standard errors. Costs and latencies
 * have long right tails, and there t bounds are too low above: a sample's mean and spread are small
 * together, so at 50 log-normal costs "at most the true mean" was promoted 7.6 % of the time
 * instead of 2.5 %. So the studentized mean T is first corrected for the sample's skewness by
 * Hall's transformation (Hall 1992, "On the removal of skewness by transformation"; compared with
 * the bootstrap by Zhou and Dinh 2005), g(T) = T + a T² + a² T³ / 3 + b with a = γ / (3 √n) and b =
 * γ / (6 √n), which is monotone and inverted in closed form; the bounds are the mean minus the
 * standard error times g⁻¹ of the t(n - 1) quantiles. It needs only n, the mean, the standard
 * deviation and the skewness, so a report can keep what it needs in four numbers. The simulation in
 * {@code benchmarks} measures its error rates on skewed costs.
 *
 * @param n observations
 * @param mean their mean
 * @param sd their standard deviation (unbiased)
 * @param skewness their sample skewness (0 when unknown: plain t bounds)
 */
public record Mean(long n, double mean, double sd, double skewness) implements Estimate {
  public Mean {
    if (n < 0 || sd < 0 || Double.isNaN(sd)) {
      throw new IllegalArgumentException(
          "a mean needs n >= 0 and a standard deviation >= 0, but had n=" + n + ", sd=" + sd);
    }
    if (!Double.isFinite(skewness)) {
      skewness = 0;
    }
  }

  /** A mean with plain t bounds (its skewness unknown or taken as 0). */
  public Mean(long n, double mean, double sd) {
    this(n, mean, sd, 0);
  }

  @Override
  public double value() {
    return mean;
  }

  /**
   * This mean multiplied by a positive factor (cost per call as cost per 1K calls): the spread
   * scales with it, the skewness does not.
   */
  public Mean times(double factor) {
    if (!(factor > 0)) {
      throw new IllegalArgumentException("a scale factor must be positive, but was " + factor);
    }
    return new Mean(n, mean * factor, sd * factor, skewness);
  }

  /** Whether the data say anything about the spread: two observations, or more. */
  private boolean measurable() {
    return n >= 2;
  }

  private double standardError() {
    return sd / Math.sqrt(n);
  }

  /** Hall's a: the weight of T² in g(T). */
  private double a() {
    return skewness / (3 * Math.sqrt(n));
  }

  /** Hall's transformation of a studentized value. */
  private double g(double t) {
    double a = a();
    double b = skewness / (6 * Math.sqrt(n));
    return a == 0 ? t : (Math.pow(1 + a * t, 3) - 1) / (3 * a) + b;
  }

  /** The inverse of {@link #g}. */
  private double inverse(double y) {
    double a = a();
    double b = skewness / (6 * Math.sqrt(n));
    return a == 0 ? y : (Math.cbrt(1 + 3 * a * (y - b)) - 1) / a;
  }

  @Override
  public double lower(double alpha) {
    if (!measurable()) {
      return Double.NEGATIVE_INFINITY;
    }
    return mean - inverse(t().inverseCumulativeProbability(1 - alpha)) * standardError();
  }

  @Override
  public double upper(double alpha) {
    if (!measurable()) {
      return Double.POSITIVE_INFINITY;
    }
    return mean - inverse(t().inverseCumulativeProbability(alpha)) * standardError();
  }

  @Override
  public double lowerP(double limit, boolean inclusive) {
    if (!measurable()) {
      return 1;
    }
    if (sd == 0) {
      return mean > limit || inclusive && mean == limit ? 0 : 1;
    }
    return 1 - t().cumulativeProbability(g((mean - limit) / standardError()));
  }

  @Override
  public double upperP(double limit, boolean inclusive) {
    if (!measurable()) {
      return 1;
    }
    if (sd == 0) {
      return mean < limit || inclusive && mean == limit ? 0 : 1;
    }
    return t().cumulativeProbability(g((mean - limit) / standardError()));
  }

  private TDistribution t() {
    return new TDistribution(null, n - 1);
  }
}

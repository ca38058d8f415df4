package dev.evalgate.engine.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A mean (cost per call, latency) or a mean paired difference with Student's t bounds: the mean
 * plus or minus t(n - 1) standard errors. By the central limit theorem they hold for any
 * distribution with a variance as n grows; the simulation in {@code benchmarks} shows how close
 * they are at 50 cases of a skewed cost.
 *
 * @param n observations
 * @param mean their mean
 * @param sd their standard deviation (unbiased)
 */
public record Mean(long n, double mean, double sd) implements Estimate {
  public Mean {
    if (n < 0 || sd < 0 || Double.isNaN(sd)) {
      throw new IllegalArgumentException(
          "a mean needs n >= 0 and a standard deviation >= 0, but had n=" + n + ", sd=" + sd);
    }
  }

  @Override
  public double value() {
    return mean;
  }

  /** Whether the data say anything about the spread: two observations, or more. */
  private boolean measurable() {
    return n >= 2;
  }

  private double standardError() {
    return sd / Math.sqrt(n);
  }

  @Override
  public double lower(double alpha) {
    if (!measurable()) {
      return Double.NEGATIVE_INFINITY;
    }
    return mean - t().inverseCumulativeProbability(1 - alpha) * standardError();
  }

  @Override
  public double upper(double alpha) {
    if (!measurable()) {
      return Double.POSITIVE_INFINITY;
    }
    return mean + t().inverseCumulativeProbability(1 - alpha) * standardError();
  }

  @Override
  public double lowerP(double limit, boolean inclusive) {
    if (!measurable()) {
      return 1;
    }
    if (sd == 0) {
      return mean > limit || inclusive && mean == limit ? 0 : 1;
    }
    return 1 - t().cumulativeProbability((mean - limit) / standardError());
  }

  @Override
  public double upperP(double limit, boolean inclusive) {
    if (!measurable()) {
      return 1;
    }
    if (sd == 0) {
      return mean < limit || inclusive && mean == limit ? 0 : 1;
    }
    return t().cumulativeProbability((mean - limit) / standardError());
  }

  private TDistribution t() {
    return new TDistribution(null, n - 1);
  }
}

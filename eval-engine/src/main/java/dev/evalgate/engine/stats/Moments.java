package dev.evalgate.engine.stats;

import org.apache.commons.math3.stat.correlation.StorelessCovariance;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.descriptive.moment.Skewness;

/**
 * Means, variances and the covariance of paired values (challenger, control) accumulated case by
 * case in constant memory (commons-math3's storeless statistics): what the delta-method intervals
 * of means and ratios need. Use one variable with {@link #add(double)} and two with {@link
 * #add(double, double)}, not both.
 */
public final class Moments {
  private final SummaryStatistics first = new SummaryStatistics();
  private final SummaryStatistics second = new SummaryStatistics();
  private final StorelessCovariance covariance = new StorelessCovariance(2);
  // the skewness of the first variable, for the skew-aware bounds of its mean
  private final Skewness skewness = new Skewness();

  /** Adds one value of a single variable (a cost per call). */
  public void add(double x) {
    first.addValue(x);
    skewness.increment(x);
  }

  /** Adds one pair, e.g. the challenger's and the control's cost on one case. */
  public void add(double x, double y) {
    first.addValue(x);
    second.addValue(y);
    skewness.increment(x);
    covariance.increment(new double[] {x, y});
  }

  public long n() {
    return first.getN();
  }

  public double mean() {
    return first.getN() == 0 ? 0 : first.getMean();
  }

  public double secondMean() {
    return second.getN() == 0 ? 0 : second.getMean();
  }

  /** The unbiased variance of the first variable; 0 below two values. */
  public double variance() {
    return first.getN() < 2 ? 0 : first.getVariance();
  }

  public double secondVariance() {
    return second.getN() < 2 ? 0 : second.getVariance();
  }

  /** The unbiased covariance of the pairs; 0 below two pairs. */
  public double covariance() {
    return second.getN() < 2 ? 0 : covariance.getCovariance(0, 1);
  }

  /** The sample skewness of the first variable; 0 below three values or without spread. */
  public double skewness() {
    return finite(skewness.getResult());
  }

  private static double finite(double value) {
    return Double.isFinite(value) ? value : 0;
  }

  /** The mean of the first variable with Student's t bounds. */
  public Mean meanEstimate() {
    return new Mean(n(), mean(), Math.sqrt(variance()));
  }

  /**
   * The mean of the first variable with skew-aware Student's t bounds (Hall's transformation, see
   * {@link Mean}): what the gate decides a mean cost on.
   */
  public Mean skewAwareMean() {
    return new Mean(n(), mean(), Math.sqrt(variance()), skewness());
  }

  /** The mean of the paired differences (first minus second) with Student's t bounds. */
  public Mean differenceEstimate() {
    double variance = Math.max(0, variance() + secondVariance() - 2 * covariance());
    return new Mean(n(), mean() - secondMean(), Math.sqrt(variance));
  }

  /** The ratio of the two means (first over second) of paired values, by the delta method. */
  public Ratio pairedRatio() {
    return Ratio.of(
        mean(), secondMean(), variance() / n(), secondVariance() / n(), covariance() / n(), n());
  }

  /** The ratio of this variable's mean over another's, measured on different cases. */
  public Ratio ratioTo(Moments other) {
    return Ratio.of(
        mean(), other.mean(), variance() / n(), other.variance() / other.n(), 0, n() + other.n());
  }
}

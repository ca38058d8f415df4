package dev.evalgate.engine.stats;

/**
 * The ratio of two means (challenger's cost per call over control's) with delta-method bounds on
 * the log scale: log(ratio) plus or minus z standard errors, where the variance of log(x/y) is
 * var(x)/x^2 + var(y)/y^2 - 2 cov(x, y)/(x y) for the means x and y. Bounds on the log scale keep
 * the interval positive and follow the ratio's skew. Built by {@link Moments#pairedRatio()} for
 * values on the same cases and {@link Moments#ratioTo(Moments)} for different cases.
 *
 * <p>A ratio whose denominator is not positive is undefined: its bounds are 0 and infinity, so
 * every criterion on it is inconclusive.
 *
 * @param value the ratio of the means
 * @param logStandardError the standard error of its logarithm; infinite when undefined
 * @param n observations behind it
 */
public record Ratio(double value, double logStandardError, long n) implements Estimate {
  /**
   * The ratio x/y of two means from the variances of the means (not of the values) and their
   * covariance.
   */
  static Ratio of(
      double x, double y, double varianceOfX, double varianceOfY, double covariance, long n) {
    if (!(y > 0) || x < 0 || n == 0) {
      return new Ratio(y > 0 ? x / y : Double.NaN, Double.POSITIVE_INFINITY, n);
    }
    if (x == 0) {
      // a challenger that cost nothing on every case (a local model): the ratio is 0 if its
      // variance is too
      return new Ratio(0, varianceOfX == 0 ? 0 : Double.POSITIVE_INFINITY, n);
    }
    double variance = varianceOfX / (x * x) + varianceOfY / (y * y) - 2 * covariance / (x * y);
    return new Ratio(x / y, Math.sqrt(Math.max(0, variance)), n);
  }

  /**
   * The ratio of two means measured on the same cases when only each one's spread is known (a
   * report keeps no covariance): the covariance is taken as 0, which widens the interval when the
   * two are positively correlated (a long prompt costs more in both variants), so the bounds are
   * conservative then. {@code n} is the smaller of the two counts.
   */
  public static Ratio ofMeans(Mean numerator, Mean denominator) {
    if (numerator.n() < 2 || denominator.n() < 2) {
      return new Ratio(
          denominator.mean() > 0 ? numerator.mean() / denominator.mean() : Double.NaN,
          Double.POSITIVE_INFINITY,
          Math.min(numerator.n(), denominator.n()));
    }
    return of(
        numerator.mean(),
        denominator.mean(),
        numerator.sd() * numerator.sd() / numerator.n(),
        denominator.sd() * denominator.sd() / denominator.n(),
        0,
        Math.min(numerator.n(), denominator.n()));
  }

  private boolean defined() {
    return !Double.isNaN(value) && !Double.isInfinite(logStandardError);
  }

  @Override
  public double lower(double alpha) {
    if (!defined()) {
      return 0;
    }
    return value == 0
        ? 0
        : Math.exp(Math.log(value) - Proportions.zOneSided(alpha) * logStandardError);
  }

  @Override
  public double upper(double alpha) {
    if (!defined()) {
      return Double.POSITIVE_INFINITY;
    }
    return value == 0
        ? 0
        : Math.exp(Math.log(value) + Proportions.zOneSided(alpha) * logStandardError);
  }

  @Override
  public double lowerP(double limit, boolean inclusive) {
    if (limit <= 0) {
      return limit < 0 || inclusive ? 0 : defined() && value > 0 ? 0 : 1;
    }
    if (!defined() || value == 0) {
      return 1;
    }
    return exceed(Math.log(value) - Math.log(limit), inclusive);
  }

  @Override
  public double upperP(double limit, boolean inclusive) {
    if (!defined()) {
      return 1;
    }
    if (value == 0) {
      return limit > 0 || inclusive && limit == 0 ? 0 : 1;
    }
    if (limit <= 0) {
      return 1;
    }
    return exceed(Math.log(limit) - Math.log(value), inclusive);
  }

  /**
   * The normal tail beyond {@code distance / se}: the alpha at which the bound is {@code distance}
   * (log scale) from the estimate.
   */
  private double exceed(double distance, boolean inclusive) {
    if (logStandardError == 0) {
      return distance > 0 || distance == 0 && inclusive ? 0 : 1;
    }
    return Proportions.upperTail(distance / logStandardError);
  }
}

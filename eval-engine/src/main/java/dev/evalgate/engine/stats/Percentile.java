package dev.evalgate.engine.stats;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * A percentile (latency p95) judged against a limit with distribution-free bounds: order statistics
 * chosen by the binomial distribution, which hold for any continuous distribution of the values,
 * however skewed (Hahn and Meeker, Statistical Intervals, 1991, section 5.2).
 *
 * <p>The count of observations at or below a limit is binomial with the true share below it, so
 * "p95 is at most 2,500 ms" is shown when so many observations are at or below 2,500 ms that a true
 * share of 95 % would rarely give as many: the p-value is that binomial tail, and it is below alpha
 * exactly when the order statistic that is the upper bound is at or below the limit. With few
 * observations a bound is infinite: 50 latencies cannot show an upper bound for p95 at 97.5 % (even
 * the largest of 50 is below the true p95 with probability 1 - 0.95^50 = 7.7 %).
 *
 * <pre>{@code
 * Percentile p95 = new Percentile(OrderStatistics.of(latencies), 0.95);
 * p95.upper(0.025);          // an order statistic at or above the true p95 with probability >= 97.5 %
 * p95.upperP(2_500, true);   // p-value that p95 <= 2,500
 * }</pre>
 *
 * @param sample the observations
 * @param level the percentile as a share, e.g. 0.95
 */
public record Percentile(OrderStatistics sample, double level) implements Estimate {
  public Percentile {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException(
          "percentile level must lie strictly between 0 and 1, but was " + level);
    }
  }

  @Override
  public long n() {
    return sample.n();
  }

  /**
   * The nearest-rank percentile: the observation at rank ceil(level x n), as HdrHistogram reports
   * it.
   */
  @Override
  public double value() {
    long n = n();
    return n == 0 ? Double.NaN : sample.value(Math.max(1, (long) Math.ceil(level * n)));
  }

  /**
   * The largest order statistic below the true percentile with probability at least 1 - alpha;
   * -infinity when none is.
   */
  @Override
  public double lower(double alpha) {
    long j = largestWithCdfAtMost(alpha);
    return j < 0 ? Double.NEGATIVE_INFINITY : sample.value(j + 1);
  }

  /**
   * The smallest order statistic above the true percentile with probability at least 1 - alpha;
   * +infinity when none is.
   */
  @Override
  public double upper(double alpha) {
    long n = n();
    if (n == 0) {
      return Double.POSITIVE_INFINITY;
    }
    BinomialDistribution binomial = binomial();
    int j = binomial.inverseCumulativeProbability(1 - alpha);
    return j + 1 > n ? Double.POSITIVE_INFINITY : sample.value(j + 1);
  }

  /**
   * P(Bin(n, level) &lt;= K), K the observations below the limit (at or below it when not
   * inclusive).
   */
  @Override
  public double lowerP(double limit, boolean inclusive) {
    if (n() == 0) {
      return 1;
    }
    return binomial().cumulativeProbability((int) sample.count(limit, !inclusive));
  }

  /**
   * P(Bin(n, level) &gt;= K), K the observations at or below the limit (below it when not
   * inclusive).
   */
  @Override
  public double upperP(double limit, boolean inclusive) {
    long k = sample.count(limit, inclusive);
    if (k == 0) {
      return 1;
    }
    return 1 - binomial().cumulativeProbability((int) k - 1);
  }

  /** The largest j with P(Bin(n, level) &lt;= j) &lt;= alpha, or -1. */
  private long largestWithCdfAtMost(double alpha) {
    if (n() == 0) {
      return -1;
    }
    BinomialDistribution binomial = binomial();
    int j = binomial.inverseCumulativeProbability(alpha);
    // inverseCumulativeProbability gives the smallest j with P(X <= j) >= alpha
    return binomial.cumulativeProbability(j) <= alpha ? j : j - 1;
  }

  private BinomialDistribution binomial() {
    return new BinomialDistribution(null, (int) n(), level);
  }
}

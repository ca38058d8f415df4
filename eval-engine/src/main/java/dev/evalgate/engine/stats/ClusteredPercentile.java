package dev.evalgate.engine.stats;

import org.apache.commons.math3.special.Beta;

/**
 * A percentile (latency p95) whose observations come in clusters (the turns of one conversation,
 * the repeats of one case), which run slow or fast together: {@link Percentile}'s order-statistics
 * bounds with the binomial count taken on effective observations.
 *
 * <p>A percentile's bounds and p-values rest on the count of observations at or below a value,
 * which is binomial with the true share below it when the observations are independent. Clustered,
 * that count varies more: its variance is the design effect times the binomial one. Measured, as
 * Woodruff (1952) and Francisco and Fuller (1991) do for a quantile of a survey, on the indicator
 * "at or below the sample percentile" over the clusters ({@link ClusteredProportion#designEffect}),
 * the design effect divides the observations and the count (Rao and Scott's effective sample size),
 * shrunk further by Korn and Graubard's degrees-of-freedom factor as for a clustered rate; the
 * binomial tails are read through the regularised incomplete beta function, which takes effective
 * counts whole or not. With a design effect of 1 and many clusters this is {@link Percentile}.
 *
 * <p>An infinite design effect (fewer than 2 clusters: nothing is known of how clusters vary)
 * bounds nothing: both bounds are infinite and no limit is shown.
 *
 * <pre>{@code
 * Percentile plain = new Percentile(OrderStatistics.of(latencies), 0.95);
 * Estimate p95 = new ClusteredPercentile(plain, 3.2, 30);  // 30 conversations, design effect 3.2
 * p95.upperP(2_500, true);                                 // p-value that p95 <= 2,500
 * }</pre>
 *
 * @param counted the percentile as if its observations were independent
 * @param designEffect the design effect of the share at or below the percentile: at least 1, or
 *     infinite
 * @param clusters the clusters the observations came in; with fewer than 2 nothing is bounded
 */
public record ClusteredPercentile(Percentile counted, double designEffect, int clusters)
    implements Estimate {
  public ClusteredPercentile {
    ClusteredProportion.requireDesign(designEffect, clusters);
  }

  @Override
  public double value() {
    return counted.value();
  }

  @Override
  public long n() {
    return counted.n();
  }

  private boolean unknown() {
    return Double.isInfinite(designEffect) || clusters < 2 || n() == 0;
  }

  /** What each observation counts for: Korn and Graubard's factor over the design effect. */
  private double shrink() {
    return ClusteredProportion.degreesOfFreedomFactor(clusters) / designEffect;
  }

  /** The effective observations. */
  private double effective() {
    return n() * shrink();
  }

  /**
   * P(X &gt;= x) for X binomial over the effective observations at the percentile's level, x an
   * effective count (0 or more).
   */
  private double tailAtLeast(double x) {
    if (x <= 0) {
      return 1;
    }
    return Beta.regularizedBeta(counted.level(), x, effective() - x + 1);
  }

  /** P(X &lt;= x) for the same X. */
  private double tailAtMost(double x) {
    double m = effective();
    if (x >= m) {
      return 1;
    }
    return 1 - Beta.regularizedBeta(counted.level(), x + 1, m - x);
  }

  /**
   * The smallest order statistic at or above the true percentile with probability at least 1 -
   * alpha: the smallest rank r whose effective count shows it (P(X &gt;= r') &lt;= alpha);
   * +infinity when no rank does.
   */
  @Override
  public double upper(double alpha) {
    if (unknown() || tailAtLeast(n() * shrink()) > alpha) {
      return Double.POSITIVE_INFINITY;
    }
    // the tail falls as the rank rises: the smallest rank at or under alpha, by bisection
    long low = 1;
    long high = n();
    while (low < high) {
      long mid = (low + high) >>> 1;
      if (tailAtLeast(mid * shrink()) <= alpha) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return counted.sample().value(low);
  }

  /**
   * The largest order statistic at or below the true percentile with probability at least 1 -
   * alpha: rank j + 1 for the largest j with P(X &lt;= j') &lt;= alpha; -infinity when none is.
   */
  @Override
  public double lower(double alpha) {
    if (unknown() || tailAtMost(0) > alpha) {
      return Double.NEGATIVE_INFINITY;
    }
    // the tail rises with j: the largest j in [0, n - 1] still at or under alpha
    long low = 0;
    long high = n() - 1;
    while (low < high) {
      long mid = (low + high + 1) >>> 1;
      if (tailAtMost(mid * shrink()) <= alpha) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return counted.sample().value(low + 1);
  }

  /**
   * P(X &lt;= K') at the level, K the observations below the limit (at or below, not inclusive).
   */
  @Override
  public double lowerP(double limit, boolean inclusive) {
    if (unknown()) {
      return 1;
    }
    return tailAtMost(counted.sample().count(limit, !inclusive) * shrink());
  }

  /**
   * P(X &gt;= K') at the level, K the observations at or below the limit (below, not inclusive).
   */
  @Override
  public double upperP(double limit, boolean inclusive) {
    if (unknown()) {
      return 1;
    }
    long k = counted.sample().count(limit, inclusive);
    return k == 0 ? 1 : tailAtLeast(k * shrink());
  }
}

package dev.evalgate.engine.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.evalgate.engine.stats.Interval;
import dev.evalgate.engine.stats.Proportions;
import org.jspecify.annotations.Nullable;

/**
 * A proportion with its Wilson interval, and, when the cases come in clusters ({@code
 * dataset.cluster}), how many clusters its outcomes fell in and how much that inflates its
 * variance.
 *
 * @param count how many of {@code n} had the property
 * @param n the denominator
 * @param rate count / n (0 when n is 0)
 * @param low lower bound of the 95 % Wilson interval (as if the outcomes were independent)
 * @param high upper bound of the 95 % Wilson interval (as if the outcomes were independent)
 * @param clusters with clusters, the clusters holding at least one of the {@code n} outcomes;
 *     {@code null} (left out of report.json) without
 * @param designEffect with clusters, the rate's design effect over them ({@link
 *     dev.evalgate.engine.stats.ClusteredProportion#designEffect}); {@code null} without clusters
 *     or with fewer than 2 (nothing is known of how they vary)
 */
public record Rate(
    long count,
    long n,
    double rate,
    double low,
    double high,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer clusters,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double designEffect) {

  /** A rate whose outcomes are not in clusters. */
  public Rate(long count, long n, double rate, double low, double high) {
    this(count, n, rate, low, high, null, null);
  }

  public static Rate of(long count, long n) {
    Interval interval = Proportions.wilson(count, n, 0.95);
    return new Rate(count, n, n == 0 ? 0 : (double) count / n, interval.low(), interval.high());
  }

  /**
   * The same rate, its outcomes in {@code clusters} clusters with {@code designEffect} (infinite:
   * unknown, written as {@code null}).
   */
  Rate clustered(int clusters, double designEffect) {
    return new Rate(
        count, n, rate, low, high, clusters, Double.isInfinite(designEffect) ? null : designEffect);
  }
}

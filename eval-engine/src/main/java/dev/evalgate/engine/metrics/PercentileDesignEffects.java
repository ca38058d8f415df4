package dev.evalgate.engine.metrics;

/**
 * The design effects of a distribution's percentiles over the clusters its observations came in:
 * for each, the variance of the share of observations at or below the sample percentile, counted
 * per cluster, over that share's binomial variance were the observations independent (at least 1).
 * {@link dev.evalgate.engine.stats.ClusteredPercentile} judges a limit on the percentile with it.
 *
 * @param p50 the median's
 * @param p95 the 95th percentile's
 * @param p99 the 99th percentile's
 */
public record PercentileDesignEffects(double p50, double p95, double p99) {
  /** The design effect at {@code level}: 0.5, 0.95 or 0.99 (any other level reads the nearest). */
  public double at(double level) {
    return level <= 0.725 ? p50 : level <= 0.97 ? p95 : p99;
  }
}

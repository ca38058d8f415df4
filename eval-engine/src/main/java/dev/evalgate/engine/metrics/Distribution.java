package dev.evalgate.engine.metrics;

/**
 * A summary of a measured quantity (milliseconds, characters, tokens).
 *
 * @param n observations
 * @param mean arithmetic mean
 * @param p50 median
 * @param p95 95th percentile
 * @param p99 99th percentile
 * @param max largest observation
 */
public record Distribution(long n, double mean, double p50, double p95, double p99, double max) {
  public static final Distribution EMPTY = new Distribution(0, 0, 0, 0, 0, 0);
}

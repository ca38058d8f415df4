package dev.evalgate.engine.stats;

import java.util.Arrays;

/**
 * An estimate with percentile bootstrap bounds: the lower bound at alpha is the resampled value at
 * rank floor(alpha (B - 1)) of B, the upper at ceil((1 - alpha)(B - 1)), and the p-values count the
 * resampled values beyond the limit, so that a p-value below alpha is exactly a bound beyond the
 * limit. With B = 1,000 the smallest p-value above 0 is 1/999.
 */
public final class BootstrapEstimate implements Estimate {
  private final double value;
  private final long n;
  private final double[] sorted;

  /**
   * @param value the estimate on the whole sample
   * @param n observations behind it
   * @param resampled the estimate on each resample (copied)
   */
  public BootstrapEstimate(double value, long n, double[] resampled) {
    if (resampled.length < 2) {
      throw new IllegalArgumentException(
          "a bootstrap needs at least 2 resamples, but had " + resampled.length);
    }
    this.value = value;
    this.n = n;
    this.sorted = resampled.clone();
    Arrays.sort(sorted);
  }

  @Override
  public double value() {
    return value;
  }

  @Override
  public long n() {
    return n;
  }

  /** The number of resamples. */
  public int resamples() {
    return sorted.length;
  }

  @Override
  public double lower(double alpha) {
    int last = sorted.length - 1;
    return sorted[Math.max(0, Math.min(last, (int) Math.floor(alpha * last)))];
  }

  @Override
  public double upper(double alpha) {
    int last = sorted.length - 1;
    return sorted[Math.max(0, Math.min(last, (int) Math.ceil((1 - alpha) * last)))];
  }

  @Override
  public double lowerP(double limit, boolean inclusive) {
    long beyond = inclusive ? countBelow(limit, false) : countBelow(limit, true);
    return Math.min(1, (double) beyond / (sorted.length - 1));
  }

  @Override
  public double upperP(double limit, boolean inclusive) {
    long beyond = sorted.length - (inclusive ? countBelow(limit, true) : countBelow(limit, false));
    return Math.min(1, (double) beyond / (sorted.length - 1));
  }

  /** Resampled values below {@code x}, or at or below it when {@code inclusive}. */
  private long countBelow(double x, boolean inclusive) {
    return new OrderStatistics.Sorted(sorted).count(x, inclusive);
  }
}

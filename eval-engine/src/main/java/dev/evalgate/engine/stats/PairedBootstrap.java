package dev.evalgate.engine.stats;

import java.util.SplittableRandom;

/**
 * A seeded percentile bootstrap interval for the mean of paired differences (challenger minus
 * control), in memory and time that do not grow with the number of pairs.
 *
 * <p>Up to {@value #RESERVOIR} pairs every difference is kept and resampled: the plain percentile
 * bootstrap. Beyond that a seeded uniform reservoir of {@value #RESERVOIR} differences is kept (the
 * sum covers every pair), the reservoir is resampled as before, and each resampled mean's deviation
 * from the reservoir's mean is scaled by {@code sqrt(RESERVOIR / n)} and added to the mean over all
 * n pairs. The resampled means of m pairs vary as sigma^2 / m; scaled, they vary as the mean of n
 * pairs does (sigma^2 / n), so the interval has the width a bootstrap over every pair would have
 * instead of the width of a 20,000-pair sample. It assumes what the bootstrap assumes (pairs are
 * exchangeable) plus the central limit theorem at 20,000 pairs; the reservoir's skew is kept, which
 * at that size is negligible. Cost: {@value #RESAMPLES} x {@value #RESERVOIR} draws per interval.
 */
public final class PairedBootstrap {
  public static final int RESERVOIR = 20_000;
  public static final int RESAMPLES = 1_000;

  private final Reservoir reservoir;
  private final long seed;

  public PairedBootstrap(long seed) {
    this(seed, RESERVOIR);
  }

  PairedBootstrap(long seed, int capacity) {
    this.reservoir = new Reservoir(capacity, seed ^ 0x5DEECE66DL);
    this.seed = seed;
  }

  public void add(double difference) {
    reservoir.add(difference);
  }

  /** The number of pairs added. */
  public long count() {
    return reservoir.count();
  }

  /** The mean difference over every pair added. */
  public double mean() {
    return reservoir.mean();
  }

  /** The percentile interval of the resampled means. */
  public Interval interval(double confidence) {
    if (count() == 0) {
      return new Interval(0, 0);
    }
    return estimate().interval(confidence);
  }

  /**
   * The mean difference with its bootstrap bounds and p-values (the same resamples as {@link
   * #interval}); with no pair, its bounds are infinite.
   */
  public Estimate estimate() {
    if (count() == 0) {
      return new Mean(0, 0, 0);
    }
    return new BootstrapEstimate(
        mean(), count(), reservoir.resampledMeans(new SplittableRandom(seed), RESAMPLES));
  }
}

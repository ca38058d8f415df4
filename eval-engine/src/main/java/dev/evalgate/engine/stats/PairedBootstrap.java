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

  private final double[] reservoir;
  private final SplittableRandom sampling;
  private final long seed;
  private long seen;
  private double sum;

  public PairedBootstrap(long seed) {
    this(seed, RESERVOIR);
  }

  PairedBootstrap(long seed, int capacity) {
    this.reservoir = new double[capacity];
    this.seed = seed;
    this.sampling = new SplittableRandom(seed ^ 0x5DEECE66DL);
  }

  public void add(double difference) {
    sum += difference;
    if (seen < reservoir.length) {
      reservoir[(int) seen] = difference;
    } else {
      long j = sampling.nextLong(seen + 1);
      if (j < reservoir.length) {
        reservoir[(int) j] = difference;
      }
    }
    seen++;
  }

  /** The number of pairs added. */
  public long count() {
    return seen;
  }

  /** The mean difference over every pair added. */
  public double mean() {
    return seen == 0 ? 0 : sum / seen;
  }

  /** The percentile interval of the resampled means. */
  public Interval interval(double confidence) {
    int size = (int) Math.min(seen, reservoir.length);
    if (size == 0) {
      return new Interval(0, 0);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] means = new double[RESAMPLES];
    for (int b = 0; b < RESAMPLES; b++) {
      double total = 0;
      for (int i = 0; i < size; i++) {
        total += reservoir[random.nextInt(size)];
      }
      means[b] = total / size;
    }
    if (seen > size) {
      double sampleMean = 0;
      for (int i = 0; i < size; i++) {
        sampleMean += reservoir[i];
      }
      sampleMean /= size;
      double scale = Math.sqrt((double) size / seen);
      double mean = mean();
      for (int b = 0; b < RESAMPLES; b++) {
        means[b] = mean + (means[b] - sampleMean) * scale;
      }
    }
    java.util.Arrays.sort(means);
    double alpha = (1 - confidence) / 2;
    int lo = (int) Math.floor(alpha * (RESAMPLES - 1));
    int hi = (int) Math.ceil((1 - alpha) * (RESAMPLES - 1));
    return new Interval(means[lo], means[hi]);
  }
}

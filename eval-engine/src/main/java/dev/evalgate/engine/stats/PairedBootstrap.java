package dev.evalgate.engine.stats;

import java.util.SplittableRandom;

/**
 * A seeded percentile bootstrap interval for the mean of paired differences (challenger minus
 * control). Differences are kept in a fixed-size reservoir, so memory does not grow with the number
 * of cases; beyond the reservoir the interval is that of a uniform random sample of the pairs,
 * which is stated in reports as the bootstrap's n.
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
    java.util.Arrays.sort(means);
    double alpha = (1 - confidence) / 2;
    int lo = (int) Math.floor(alpha * (RESAMPLES - 1));
    int hi = (int) Math.ceil((1 - alpha) * (RESAMPLES - 1));
    return new Interval(means[lo], means[hi]);
  }
}

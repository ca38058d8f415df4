package dev.evalgate.engine.stats;

import java.util.SplittableRandom;

/**
 * A seeded uniform reservoir of values with the sum over all of them, and the resampled means the
 * bootstraps are built from (PairedBootstrap explains the scaling beyond the reservoir's size).
 */
final class Reservoir {
  private final double[] values;
  private final SplittableRandom sampling;
  private long seen;
  private double sum;

  Reservoir(int capacity, long samplingSeed) {
    this.values = new double[capacity];
    this.sampling = new SplittableRandom(samplingSeed);
  }

  void add(double value) {
    sum += value;
    if (seen < values.length) {
      values[(int) seen] = value;
    } else {
      long j = sampling.nextLong(seen + 1);
      if (j < values.length) {
        values[(int) j] = value;
      }
    }
    seen++;
  }

  long count() {
    return seen;
  }

  double mean() {
    return seen == 0 ? 0 : sum / seen;
  }

  /**
   * {@code resamples} means of resamples drawn with {@code random}, each the size of the reservoir,
   * scaled to vary as a mean of every value added when there were more values than the reservoir
   * holds. Unsorted, in drawing order.
   */
  double[] resampledMeans(SplittableRandom random, int resamples) {
    int size = (int) Math.min(seen, values.length);
    double[] means = new double[resamples];
    if (size == 0) {
      return means;
    }
    for (int b = 0; b < resamples; b++) {
      double total = 0;
      for (int i = 0; i < size; i++) {
        total += values[random.nextInt(size)];
      }
      means[b] = total / size;
    }
    if (seen > size) {
      double sampleMean = 0;
      for (int i = 0; i < size; i++) {
        sampleMean += values[i];
      }
      sampleMean /= size;
      double scale = Math.sqrt((double) size / seen);
      double mean = mean();
      for (int b = 0; b < resamples; b++) {
        means[b] = mean + (means[b] - sampleMean) * scale;
      }
    }
    return means;
  }
}

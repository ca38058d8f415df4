package dev.evalgate.engine.stats;

import java.util.Arrays;
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

  /** Every value added so far was this one (NaN before the first, or once two differed). */
  private double only = Double.NaN;

  private boolean varied;

  Reservoir(int capacity, long samplingSeed) {
    this.values = new double[capacity];
    this.sampling = new SplittableRandom(samplingSeed);
  }

  void add(double value) {
    if (seen == 0) {
      only = value;
    } else if (!varied && Double.compare(value, only) != 0) {
      varied = true;
      only = Double.NaN;
    }
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
    if (!varied) {
      // every resample holds the one value (a paired difference that is always 0, such as model
      // calls per case between two plain variants): nothing to draw
      Arrays.fill(means, only);
      return means;
    }
    for (int b = 0; b < resamples; b++) {
      double total = 0;
      for (int i = 0; i < size; i++) {
        total += values[index(random, size)];
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

  /**
   * {@code random.nextInt(bound)}, drawn the same way (one {@code nextInt()}, rejecting the
   * over-represented values), written here so that the resampling loop, which makes up to 20
   * million of these draws per interval, does not go through {@code RandomGenerator}'s default
   * method and its argument check on every draw.
   */
  static int index(SplittableRandom random, int bound) {
    int m = bound - 1;
    int r = random.nextInt();
    if ((bound & m) == 0) {
      return r & m;
    }
    for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = random.nextInt() >>> 1) {
      // a value in the incomplete last block of 'bound' values: draw again
    }
    return r;
  }
}

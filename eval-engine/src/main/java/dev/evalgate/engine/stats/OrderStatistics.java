package dev.evalgate.engine.stats;

import java.util.Arrays;

/**
 * A sample read through its order statistics: what a distribution-free percentile interval needs.
 * {@link #of(double[])} keeps the sorted values; an engine that keeps a histogram instead (latency
 * in an HdrHistogram) implements this over it, to the histogram's precision.
 */
public interface OrderStatistics {
  /** The number of observations. */
  long n();

  /** The {@code rank}-th smallest observation, 1-based. */
  double value(long rank);

  /**
   * How many observations are below {@code x} ({@code < x}), or at or below it when {@code
   * inclusive}.
   */
  long count(double x, boolean inclusive);

  /** The order statistics of the given values (copied and sorted). */
  static OrderStatistics of(double... values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Sorted(sorted);
  }

  /** Sorted values in an array. */
  record Sorted(double[] sorted) implements OrderStatistics {
    @Override
    public long n() {
      return sorted.length;
    }

    @Override
    public double value(long rank) {
      return sorted[(int) rank - 1];
    }

    @Override
    public long count(double x, boolean inclusive) {
      int low = 0;
      int high = sorted.length;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (sorted[mid] < x || inclusive && sorted[mid] == x) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      return low;
    }
  }
}

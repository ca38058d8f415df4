package dev.evalgate.engine.metrics;

import dev.evalgate.engine.stats.ClusteredProportion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One quantity's observations (latencies in milliseconds) kept per cluster of cases, when the cases
 * come in clusters: what the design effect of a percentile needs, the share of each cluster's
 * observations at or below the sample percentile, which is known only once every observation is in.
 * Unlike {@link ClusterTallies} this grows with the observations: 4 bytes each.
 */
final class ClusterSamples {
  private final Map<String, Values> byCluster = new HashMap<>();

  /** Adds an observation of the cluster {@code key} ({@link ClusterTallies#key}). */
  void add(String key, double value) {
    byCluster.computeIfAbsent(key, k -> new Values()).add((float) value);
  }

  /**
   * The design effect, over the clusters, of the share of observations at or below {@code value};
   * infinite with fewer than 2 clusters.
   */
  double designEffectAt(double value) {
    List<long[]> counts = new ArrayList<>(byCluster.size());
    for (Values cluster : byCluster.values()) {
      long below = 0;
      for (int i = 0; i < cluster.size; i++) {
        if (cluster.values[i] <= value) {
          below++;
        }
      }
      counts.add(new long[] {cluster.size, below});
    }
    return ClusteredProportion.designEffect(counts);
  }

  /**
   * The design effects of the percentiles p50, p95 and p99 of {@code distribution} (the values
   * these observations gave it); {@code null} with fewer than 2 clusters.
   */
  @Nullable PercentileDesignEffects percentiles(Distribution distribution) {
    double p50 = designEffectAt(distribution.p50());
    if (Double.isInfinite(p50)) {
      return null;
    }
    return new PercentileDesignEffects(
        p50, designEffectAt(distribution.p95()), designEffectAt(distribution.p99()));
  }

  /** A cluster's observations, in a growing array. */
  private static final class Values {
    private float[] values = new float[4];
    private int size;

    void add(float value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }
  }
}

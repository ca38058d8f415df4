package dev.evalgate.engine.metrics;

import dev.evalgate.engine.stats.ClusteredProportion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * One quantity's observations (latencies in milliseconds) kept per cluster of cases, when the cases
 * come in clusters: what the design effect of a percentile needs, the share of each cluster's
 * observations at or below the sample percentile, which is known only once every observation is in.
 * Like {@link ClusterTallies} this grows with the clusters, not the observations: a cluster keeps
 * at most {@value #KEPT} of its observations (4 bytes each), a uniform sample of them beyond that
 * (a reservoir seeded by the cluster's key, so the same cases give the same figures), from which
 * its share is read.
 */
final class ClusterSamples {
  /** The observations a cluster keeps; beyond them, a uniform sample of this many. */
  static final int KEPT = 64;

  private final Map<String, Values> byCluster = new HashMap<>();

  /** Adds an observation of the cluster {@code key} ({@link ClusterTallies#key}). */
  void add(String key, double value) {
    byCluster.computeIfAbsent(key, Values::new).add((float) value);
  }

  /** The observations held in memory, over every cluster. */
  long held() {
    long held = 0;
    for (Values cluster : byCluster.values()) {
      held += cluster.values.length;
    }
    return held;
  }

  /**
   * The design effect, over the clusters, of the share of observations at or below {@code value};
   * infinite with fewer than 2 clusters.
   */
  double designEffectAt(double value) {
    List<long[]> counts = new ArrayList<>(byCluster.size());
    for (Values cluster : byCluster.values()) {
      int kept = Math.min(cluster.seen, KEPT);
      long below = 0;
      for (int i = 0; i < kept; i++) {
        if (cluster.values[i] <= value) {
          below++;
        }
      }
      // a sampled cluster's share, scaled to its observations
      counts.add(
          new long[] {
            cluster.seen,
            kept == cluster.seen ? below : Math.round((double) below * cluster.seen / kept)
          });
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

  /**
   * A cluster's observations, in a growing array of at most {@value #KEPT}; beyond that a reservoir
   * (Vitter's algorithm R) of them.
   */
  private static final class Values {
    private final SplittableRandom random;
    private float[] values = new float[4];
    private int seen;

    Values(String key) {
      this.random = new SplittableRandom(key.hashCode());
    }

    void add(float value) {
      if (seen < KEPT) {
        if (seen == values.length) {
          values = Arrays.copyOf(values, Math.min(KEPT, seen * 2));
        }
        values[seen] = value;
      } else {
        int slot = random.nextInt(seen + 1);
        if (slot < KEPT) {
          values[slot] = value;
        }
      }
      seen++;
    }
  }
}

package dev.evalgate.engine.metrics;

import dev.evalgate.engine.stats.ClusteredPairs;
import dev.evalgate.engine.stats.ClusteredProportion;
import dev.evalgate.engine.stats.Interval;
import dev.evalgate.engine.stats.PairedProportions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One paired pass/fail outcome counted per cluster of cases (both pass, challenger only, control
 * only, both fail), for its comparison over the clusters: the whole run's in {@link Comparison}
 * (each check's, "not refused" and "stable over the repeats"), each slice's in {@link
 * Slice.Paired}. Memory grows with the clusters, not the cases.
 */
final class PairClusters {
  private final Map<String, long[]> byCluster = new HashMap<>();

  /** Counts one pair of the cluster {@code key} ({@link ClusterTallies#key}). */
  void add(String key, boolean control, boolean challenger) {
    long[] counts = byCluster.computeIfAbsent(key, k -> new long[4]);
    counts[control ? (challenger ? 0 : 2) : (challenger ? 1 : 3)]++;
  }

  /** The comparison over the clusters, with its interval at {@code confidence}. */
  Clustered finish(String check, double confidence) {
    List<PairedProportions> clusters = new ArrayList<>();
    List<long[]> controlPasses = new ArrayList<>();
    List<long[]> challengerPasses = new ArrayList<>();
    for (long[] c : byCluster.values()) {
      clusters.add(new PairedProportions(c[0], c[1], c[2], c[3]));
      long n = c[0] + c[1] + c[2] + c[3];
      controlPasses.add(new long[] {n, c[0] + c[2]});
      challengerPasses.add(new long[] {n, c[0] + c[1]});
    }
    ClusteredPairs pairs = ClusteredPairs.of(clusters);
    Interval interval = pairs.interval(confidence);
    return new Clustered(
        check,
        pairs.clusters(),
        known(pairs.designEffect()),
        interval.low(),
        interval.high(),
        pairs.durkalski().statistic(),
        pairs.obuchowski().statistic(),
        known(ClusteredProportion.designEffect(controlPasses)),
        known(ClusteredProportion.designEffect(challengerPasses)));
  }

  private static @Nullable Double known(double designEffect) {
    return Double.isInfinite(designEffect) ? null : designEffect;
  }
}

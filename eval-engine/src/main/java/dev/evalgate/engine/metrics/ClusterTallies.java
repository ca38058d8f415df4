package dev.evalgate.engine.metrics;

import dev.evalgate.engine.stats.ClusteredProportion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One variant's counts per cluster of cases ({@code dataset.cluster}), so that each of its rates
 * can say how many clusters it spans and how much they inflate its variance. Each cluster holds one
 * row of {@code width} counters; a rate reads two of them, its denominator and its count. Memory
 * grows with the clusters, not the cases.
 */
final class ClusterTallies {
  private final int width;
  private final Map<String, long[]> byCluster = new HashMap<>();

  ClusterTallies(int width) {
    this.width = width;
  }

  /** The counters of the cluster {@code key} (see {@link #key}). */
  long[] of(String key) {
    return byCluster.computeIfAbsent(key, k -> new long[width]);
  }

  /**
   * The key of a case's cluster: its cluster value, or its own id when it has none (a cluster of
   * its own); the prefixes keep a cluster named like a case id apart from that case.
   */
  static String key(String caseId, @org.jspecify.annotations.Nullable String cluster) {
    return cluster != null ? "c:" + cluster : "i:" + caseId;
  }

  /**
   * {@code rate} with its clusters (those with outcomes in its denominator, counter {@code n}) and
   * its design effect over them (its count, counter {@code count}).
   */
  Rate apply(Rate rate, int n, int count) {
    List<long[]> clusters = new ArrayList<>();
    for (long[] counters : byCluster.values()) {
      if (counters[n] > 0) {
        clusters.add(new long[] {counters[n], counters[count]});
      }
    }
    return rate.clustered(clusters.size(), ClusteredProportion.designEffect(clusters));
  }
}

package dev.evalgate.engine.metrics;

import dev.evalgate.engine.stats.ClusteredMean;
import dev.evalgate.engine.stats.ClusteredProportion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One variant's counts and sums per cluster of cases ({@code dataset.cluster}, or a repeated case's
 * answers), so that each of its rates and means can say how many clusters it spans and how much
 * they inflate its variance. Each cluster holds a row of {@code width} counters (a rate reads two:
 * its denominator and its count) and a row of {@code sums} (a mean reads two: its observations and
 * their total). Memory grows with the clusters, not the cases.
 */
final class ClusterTallies {
  private final int width;
  private final int sums;
  private final Map<String, long[]> byCluster = new HashMap<>();
  private final Map<String, double[]> sumsByCluster = new HashMap<>();

  ClusterTallies(int width, int sums) {
    this.width = width;
    this.sums = sums;
  }

  /** The sums of the cluster {@code key}. */
  double[] sums(String key) {
    return sumsByCluster.computeIfAbsent(key, k -> new double[sums]);
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
    Spread spread = ofRate(n, count);
    return rate.clustered(spread.clusters(), spread.designEffect());
  }

  /**
   * The clusters holding outcomes of a rate (its denominator: counter {@code n}) and its design
   * effect over them (its count: counter {@code count}).
   */
  Spread ofRate(int n, int count) {
    List<long[]> clusters = new ArrayList<>();
    for (long[] counters : byCluster.values()) {
      if (counters[n] > 0) {
        clusters.add(new long[] {counters[n], counters[count]});
      }
    }
    return new Spread(clusters.size(), ClusteredProportion.designEffect(clusters));
  }

  /**
   * The clusters holding observations of a mean (sum {@code n}: how many, sum {@code total}: their
   * total) and its design effect over them, for standard deviation {@code sd}.
   */
  Spread ofMean(int n, int total, double sd) {
    // in the clusters' order, so that a merge of shards adds up as the whole run does
    List<double[]> rows = new ArrayList<>(new TreeMap<>(sumsByCluster).values());
    long[] sizes = new long[rows.size()];
    double[] totals = new double[rows.size()];
    int k = 0;
    for (double[] row : rows) {
      if (row[n] > 0) {
        sizes[k] = (long) row[n];
        totals[k] = row[total];
        k++;
      }
    }
    return new Spread(
        k,
        ClusteredMean.designEffect(
            java.util.Arrays.copyOf(sizes, k), java.util.Arrays.copyOf(totals, k), sd));
  }

  /**
   * How a rate's or a mean's observations spread over clusters.
   *
   * @param clusters clusters holding at least one observation
   * @param designEffect the estimate's design effect over them; infinite with fewer than 2
   */
  record Spread(int clusters, double designEffect) {}
}

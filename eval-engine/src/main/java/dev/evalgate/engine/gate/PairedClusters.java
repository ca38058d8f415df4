package dev.evalgate.engine.gate;

import dev.evalgate.engine.metrics.Clustered;
import dev.evalgate.engine.stats.ClusteredPairs;
import dev.evalgate.engine.stats.PairedProportions;

/**
 * A paired pass-rate comparison whose cases come in clusters ({@code dataset.cluster}), as a report
 * keeps it ({@link Clustered}), ready to be judged: the estimate over the clusters and the note its
 * message carries. {@code non-inferior} judges the whole run's with it, {@code no-slice-regresses}
 * each slice's.
 *
 * @param pairs the paired counts over the clusters (an interval [-1, 1] with fewer than 2)
 * @param clusters the clusters and design effect as the report keeps them
 */
record PairedClusters(ClusteredPairs pairs, Clustered clusters) {
  static PairedClusters of(PairedProportions passes, Clustered clusters) {
    return new PairedClusters(
        ClusteredPairs.summarised(
            passes,
            clusters.clusters(),
            clusters.designEffect() == null ? Double.POSITIVE_INFINITY : clusters.designEffect(),
            clusters.durkalski(),
            clusters.obuchowski()),
        clusters);
  }

  /**
   * What clustered cases are worth less than independent ones: the design effect, at least 1
   * (infinite with fewer than 2 clusters).
   */
  double inflation() {
    return pairs.adjustment();
  }

  /** {@code , 30 clusters, design effect 4.1}, as a criterion's n reads with it. */
  String note() {
    return clusters.note();
  }
}

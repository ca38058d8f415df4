package dev.evalgate.engine.gate;

import dev.evalgate.engine.metrics.Clustered;
import dev.evalgate.engine.metrics.Comparison;
import dev.evalgate.engine.stats.ClusteredPairs;
import dev.evalgate.engine.stats.PairedProportions;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

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
   * The comparison over clusters of a pass-rate metric ({@code pass-rate(CHECK)}, {@code
   * pass-all-rate}) when the cases come in clusters; {@code null} otherwise.
   */
  static @Nullable PairedClusters of(
      Metric metric, Comparison comparison, PairedProportions passes) {
    if (comparison.clustered() == null) {
      return null;
    }
    Clustered clusters =
        switch (metric.kind()) {
          case PASS_RATE -> comparison.clustered().get(metric.argument());
          case PASS_ALL_RATE -> comparison.clustered().get("*");
          default -> null;
        };
    return clusters == null ? null : of(passes, clusters);
  }

  /** {@code design effect 4.1 over 30 clusters}, as a plan says which clusters it used. */
  String evidence() {
    return (clusters.designEffect() == null
            ? "design effect unknown"
            : String.format(Locale.ROOT, "design effect %.1f", clusters.designEffect()))
        + " over "
        + clusters.clusters()
        + (clusters.clusters() == 1 ? " cluster" : " clusters");
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

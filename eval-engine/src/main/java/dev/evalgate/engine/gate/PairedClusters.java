package dev.evalgate.engine.gate;

import dev.evalgate.engine.metrics.Clustered;
import dev.evalgate.engine.metrics.Comparison;
import dev.evalgate.engine.stats.ClusteredPairs;
import dev.evalgate.engine.stats.PairedProportions;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A paired pass-rate comparison whose cases come in clusters ({@code dataset.cluster}), as a report
 * keeps it ({@link Clustered}), ready to be judged: the estimate over the clusters and the note its
 * message carries. {@code non-inferior} judges the whole run's with it, {@code no-slice-regresses}
 * each slice's.
 *
 * @param pairs the paired counts over the clusters (an interval [-1, 1] with fewer than 2)
 * @param clusters the clusters and design effect as the report keeps them
 * @param predates whether the report was written before it kept this comparison over the clusters
 *     (its design effect is then unknown, and the interval [-1, 1])
 */
record PairedClusters(ClusteredPairs pairs, Clustered clusters, boolean predates) {
  static PairedClusters of(PairedProportions passes, Clustered clusters) {
    return of(passes, clusters, false);
  }

  private static PairedClusters of(PairedProportions passes, Clustered clusters, boolean predates) {
    return new PairedClusters(clusters.pairs(passes), clusters, predates);
  }

  /**
   * The comparison over clusters of a paired rate ({@code pass-rate(CHECK)}, {@code pass-all-rate},
   * {@code refusal-rate}, {@code flaky-rate(CHECK)}) when the cases come in clusters; {@code null}
   * otherwise. A report written before it kept the refusal or the stability comparison over the
   * clusters gives one whose design effect is unknown, so that such a criterion is never judged as
   * if its cases were independent.
   */
  static @Nullable PairedClusters of(
      Metric metric, Comparison comparison, PairedProportions passes) {
    Map<String, Clustered> checks = comparison.clustered();
    if (checks == null) {
      return null;
    }
    Clustered clusters =
        switch (metric.kind()) {
          case PASS_RATE -> checks.get(metric.argument());
          case PASS_ALL_RATE -> checks.get("*");
          case REFUSAL_RATE -> comparison.refusalClustered();
          case FLAKY_RATE ->
              comparison.stabilityClustered() == null
                  ? null
                  : comparison.stabilityClustered().get(metric.repeatKey());
          default -> null;
        };
    if (clusters != null) {
      return of(passes, clusters);
    }
    Clustered all = checks.get("*");
    // a table the report has, kept per case only: written before these were kept over clusters
    boolean perCaseOnly =
        switch (metric.kind()) {
          case REFUSAL_RATE -> comparison.refusal() != null;
          case FLAKY_RATE -> comparison.stability() != null;
          default -> false;
        };
    return !perCaseOnly || all == null
        ? null
        : of(
            passes,
            new Clustered(metric.label(), all.clusters(), null, -1, 1, 0, 0),
            all.clusters() >= 2);
  }

  /**
   * {@code design effect 4.1 over 30 clusters} (or {@code design effect 1.0, bounding 3.0, over 30
   * clusters} when the interval takes a larger bounding design effect), as a plan says which
   * clusters it used.
   */
  String evidence() {
    String bounding = LimitClusters.bounding(pairs);
    return (clusters.designEffect() == null
            ? "design effect unknown"
            : String.format(Locale.ROOT, "design effect %.1f", clusters.designEffect()))
        + bounding
        + (bounding.isEmpty() ? " over " : ", over ")
        + clusters.clusters()
        + (clusters.clusters() == 1 ? " cluster" : " clusters");
  }

  /**
   * Why no count is planned with an unknown design effect: a report written before it was kept, or
   * too few clusters.
   */
  String unknown(String fewClusters) {
    return predates ? ": " + LimitClusters.PREDATES : fewClusters;
  }

  /**
   * What clustered cases are worth less than independent ones: the bounding design effect the
   * interval takes, at least 1 (infinite with fewer than 2 clusters), so that "needs about" and
   * evalgate:plan are no more hopeful than the judgement.
   */
  double inflation() {
    return pairs.adjustment();
  }

  /**
   * {@code , 30 clusters, design effect 4.1} (followed by {@code , bounding 6.3} when the interval
   * takes a larger bounding design effect), as a criterion's n reads with it.
   */
  String note() {
    return predates
        ? ", "
            + clusters.clusters()
            + " clusters, design effect unknown ("
            + LimitClusters.PREDATES
            + ")"
        : clusters.note() + LimitClusters.bounding(pairs);
  }
}

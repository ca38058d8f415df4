package dev.evalgate.engine.metrics;

import org.jspecify.annotations.Nullable;

/**
 * A check's paired comparison over clusters of cases ({@code dataset.cluster}): cases of one
 * conversation or document move together, so the difference in pass rates varies more than the same
 * number of independent cases would make it vary.
 *
 * @param check the check's name, or {@code *} for "passes every check"
 * @param clusters clusters with at least one paired case
 * @param designEffect the difference's variance over clusters (Obuchowski's ratio estimator) over
 *     its variance were the cases independent; {@code null} with fewer than 2 clusters (nothing is
 *     known of how clusters vary; the interval is then [-1, 1])
 * @param low the lower bound of the cluster-adjusted 95 % interval of the difference
 * @param high its upper bound
 * @param durkalski Durkalski's clustered McNemar statistic (chi-square, 1 df)
 * @param obuchowski Obuchowski's clustered statistic (chi-square, 1 df)
 * @param controlDesignEffect the design effect of the control's pass rate over the same clusters
 *     (its pass count per cluster; METRICS.md, "Correlated cases"), which a limit on that rate is
 *     judged with; {@code null} with fewer than 2 clusters
 * @param challengerDesignEffect the same of the challenger's pass rate
 */
public record Clustered(
    String check,
    int clusters,
    @Nullable Double designEffect,
    double low,
    double high,
    double durkalski,
    double obuchowski,
    @Nullable Double controlDesignEffect,
    @Nullable Double challengerDesignEffect) {

  /**
   * {@code , 30 clusters, design effect 4.1}, as a comparison's n reads with it in messages and
   * reports.
   */
  public String note() {
    return ", "
        + clusters
        + (clusters == 1 ? " cluster" : " clusters")
        + ", design effect "
        + (designEffect == null
            ? "unknown (fewer than 2 clusters)"
            : String.format(java.util.Locale.ROOT, "%.1f", designEffect));
  }

  /** A comparison over clusters of a report written before the rates' design effects. */
  public Clustered(
      String check,
      int clusters,
      @Nullable Double designEffect,
      double low,
      double high,
      double durkalski,
      double obuchowski) {
    this(check, clusters, designEffect, low, high, durkalski, obuchowski, null, null);
  }
}

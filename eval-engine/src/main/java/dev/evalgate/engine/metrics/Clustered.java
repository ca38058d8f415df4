package dev.evalgate.engine.metrics;

import dev.evalgate.engine.stats.ClusteredPairs;
import dev.evalgate.engine.stats.PairedProportions;
import java.util.Locale;
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

  /**
   * {@link #note()} of the paired counts {@code table} over these clusters, naming the bounding
   * design effect their interval takes when it is larger ({@link
   * ClusteredPairs#boundingDesignEffect}; {@link #bounding}): {@code , 14 clusters, design effect
   * 1.0, bounding 4.3}.
   */
  public String note(CheckComparison table) {
    if (designEffect == null) {
      return note();
    }
    return note() + bounding(designEffect, boundingDesignEffect(table));
  }

  /**
   * The design effect the interval over the paired counts {@code table} takes ({@link
   * ClusteredPairs#boundingDesignEffect}); infinite when the measured one is unknown.
   */
  public double boundingDesignEffect(CheckComparison table) {
    return pairs(
            new PairedProportions(
                table.bothPass(), table.challengerOnly(), table.controlOnly(), table.bothFail()))
        .boundingDesignEffect();
  }

  /** The paired counts {@code passes} over these clusters, as every interval over them is taken. */
  public ClusteredPairs pairs(PairedProportions passes) {
    return ClusteredPairs.summarised(
        passes,
        clusters,
        designEffect == null ? Double.POSITIVE_INFINITY : designEffect,
        durkalski,
        obuchowski);
  }

  /**
   * {@code , bounding 3.0} when {@code bounding} is larger than {@code measured} at one decimal
   * (the bounding design effect of a rate or of a paired difference); empty otherwise: how every
   * message and table names it.
   */
  public static String bounding(double measured, double bounding) {
    if (Double.isInfinite(measured)) {
      return "";
    }
    String shown = String.format(Locale.ROOT, "%.1f", bounding);
    return shown.equals(String.format(Locale.ROOT, "%.1f", measured)) ? "" : ", bounding " + shown;
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

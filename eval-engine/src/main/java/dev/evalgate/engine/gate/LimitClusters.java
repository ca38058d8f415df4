package dev.evalgate.engine.gate;

import dev.evalgate.engine.metrics.Clustered;
import dev.evalgate.engine.metrics.Comparison;
import dev.evalgate.engine.metrics.Distribution;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.Rate;
import dev.evalgate.engine.metrics.RepeatStats;
import dev.evalgate.engine.metrics.VariantMetrics;
import dev.evalgate.engine.stats.ClusteredPairs;
import dev.evalgate.engine.stats.ClusteredProportion;
import dev.evalgate.engine.stats.Estimate;
import dev.evalgate.engine.stats.Proportion;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The clusters behind one variant's rate or mean when the cases come in clusters ({@code
 * dataset.cluster}): how many, and the estimate's design effect over them, as the variant's metrics
 * carry them (each rate and mean counted per cluster of its own answers).
 *
 * <p>A suite that repeats its cases ({@code repeats: k}) without {@code dataset.cluster} has each
 * case as a cluster of its k answers: they pass or fail together as a conversation's turns do.
 *
 * @param clusters clusters with at least one answer behind the estimate
 * @param designEffect the estimate's design effect; infinite with fewer than 2 clusters
 * @param repeats the answers per case when the clusters are the cases themselves (repeated, no
 *     {@code dataset.cluster}); 0 when they are the suite's clusters
 */
record LimitClusters(int clusters, double designEffect, int repeats) {
  /**
   * {@code null} when the cases are not clustered or the metric is neither a rate, a mean nor a
   * percentile counted per answer (pass^k, pass@k and flaky rates are counted per case over its
   * repeats; totals are not adjusted).
   */
  static @Nullable LimitClusters of(Metric metric, VariantMetrics metrics, Evaluation evaluation) {
    Rate rate = metric.rate(metrics);
    Integer clusters;
    Double designEffect;
    if (rate != null) {
      clusters = rate.clusters();
      designEffect = rate.designEffect();
    } else {
      Distribution distribution =
          switch (metric.kind()) {
            case LATENCY_MEAN -> metrics.latencyMs();
            case OUTPUT_TOKENS_MEAN -> metrics.outputTokens();
            case OUTPUT_WORDS_MEAN -> metrics.outputWords();
            case OUTPUT_CHARS_MEAN -> metrics.outputChars();
            default -> null;
          };
      RepeatStats repeats =
          switch (metric.kind()) {
            case PASS_ALL_K, PASS_ANY_K, FLAKY_RATE -> metrics.repeats().get(metric.repeatKey());
            default -> null;
          };
      if (repeats != null) {
        clusters = repeats.clusters();
        designEffect =
            switch (metric.kind()) {
              case PASS_ALL_K -> repeats.passAllDesignEffect();
              case PASS_ANY_K -> repeats.passAnyDesignEffect();
              default -> repeats.flipRateDesignEffect();
            };
      } else if (distribution != null) {
        clusters = distribution.clusters();
        designEffect = distribution.designEffect();
      } else if (metric.percentileLevel() != null) {
        // the share of answers at or below the percentile, counted per cluster
        Distribution timed = metric.percentileOf(metrics);
        clusters = timed.clusters();
        designEffect =
            timed.percentileDesignEffects() == null
                ? null
                : timed.percentileDesignEffects().at(metric.percentileLevel());
      } else if (metric.kind() == Metric.Kind.COST_PER_CALL
          || metric.kind() == Metric.Kind.COST_PER_1K_CALLS) {
        clusters = metrics.cost().clusters();
        designEffect = metrics.cost().perCallDesignEffect();
      } else {
        return null;
      }
    }
    if (clusters != null && clusters == 0) {
      // no answers behind the estimate: nothing to adjust, and n=0 decides nothing on its own
      return null;
    }
    if (clusters != null) {
      // with repeats, the clusters are the cases themselves unless the suite has its own
      // (dataset.cluster), which each check's repeats ledger then counts, with a challenger or not
      boolean ofCases =
          metric.perAnswer()
              && evaluation.repeats() > 1
              && metrics.repeats().values().stream().allMatch(r -> r.clusters() == null);
      return new LimitClusters(
          clusters,
          designEffect == null ? Double.POSITIVE_INFINITY : designEffect,
          ofCases ? evaluation.repeats() : 0);
    }
    return rate == null ? null : fromComparisons(metric, metrics.variant(), evaluation);
  }

  /**
   * A pass rate's clusters as a report written before rates carried their own read them: from a
   * comparison the variant is in (a challenger's with the control; for the control, the first
   * challenger's), over the paired cases.
   */
  private static @Nullable LimitClusters fromComparisons(
      Metric metric, String variant, Evaluation evaluation) {
    String check =
        switch (metric.kind()) {
          case PASS_RATE -> metric.argument();
          case PASS_ALL_RATE -> "*";
          default -> null;
        };
    if (check == null) {
      return null;
    }
    for (Comparison comparison : evaluation.comparisons()) {
      Clustered clustered =
          comparison.clustered() == null ? null : comparison.clustered().get(check);
      if (clustered == null) {
        continue;
      }
      Double designEffect =
          variant.equals(comparison.challenger())
              ? clustered.challengerDesignEffect()
              : variant.equals(comparison.control()) ? clustered.controlDesignEffect() : null;
      if (variant.equals(comparison.challenger()) || variant.equals(comparison.control())) {
        return new LimitClusters(
            clustered.clusters(),
            designEffect == null ? Double.POSITIVE_INFINITY : designEffect,
            0);
      }
    }
    return null;
  }

  /**
   * The estimate a limit is judged on: a rate counted per answer or per case becomes a {@link
   * ClusteredProportion} over these clusters; a mean's estimate is clustered already.
   */
  Estimate over(Estimate found) {
    return found instanceof Proportion counted
        ? new ClusteredProportion(counted, designEffect, clusters)
        : found;
  }

  /**
   * {@code design effect 3.2 over 30 clusters} (or {@code over 30 cases of 4 answers}), as a plan
   * says which clusters it used; {@code fewer than 2 clusters: no design effect} when unknown.
   */
  String evidence() {
    String over = units();
    return Double.isInfinite(designEffect)
        ? "design effect unknown over " + over
        : String.format(Locale.ROOT, "design effect %.1f over ", designEffect) + over;
  }

  /**
   * {@link #evidence()} of a limit judged on {@code judged}, naming the bounding design effect its
   * bounds, and so its plan, take when it is larger than the measured one: {@code design effect
   * 1.0, bounding 3.0, over 30 clusters}.
   */
  String evidence(Estimate judged) {
    String bounding = bounding(judged);
    return bounding.isEmpty()
        ? evidence()
        : String.format(Locale.ROOT, "design effect %.1f", designEffect)
            + bounding
            + ", over "
            + units();
  }

  /**
   * {@code , bounding 3.0} when the bounds of a rate judged on {@code judged} take a design effect
   * larger than the measured one (near a rate of 0 or 1 over few clusters: {@link
   * ClusteredProportion#boundingDesignEffect()}, which its plan uses too), or of a paired
   * difference judged on {@link ClusteredPairs} ({@link ClusteredPairs#boundingDesignEffect()});
   * empty otherwise.
   */
  static String bounding(Estimate judged) {
    if (judged instanceof ClusteredProportion rate) {
      return Clustered.bounding(rate.designEffect(), rate.boundingDesignEffect());
    }
    if (judged instanceof ClusteredPairs pairs) {
      return Clustered.bounding(pairs.designEffect(), pairs.boundingDesignEffect());
    }
    return "";
  }

  /**
   * {@code , 30 clusters, design effect 3.2} (or {@code , 30 cases of 4 answers, design effect 3.2}
   * when the clusters are repeated cases), as a criterion's n reads with it.
   */
  String note() {
    return ", "
        + units()
        + ", design effect "
        + (predates()
            ? "unknown (" + PREDATES + ")"
            : Double.isInfinite(designEffect)
                ? repeats > 0 ? "unknown (fewer than 2 cases)" : "unknown (fewer than 2 clusters)"
                : String.format(Locale.ROOT, "%.1f", designEffect));
  }

  /** Why a design effect over 2 or more clusters is unknown, and what to do. */
  static final String PREDATES =
      "the report was written before this estimate kept its design effect; run the suite again";

  /**
   * Whether the design effect is unknown although there are clusters enough to measure it: a report
   * written before the estimate kept one (a percentile's, before December 2026).
   */
  boolean predates() {
    return Double.isInfinite(designEffect) && clusters >= 2;
  }

  /** {@code 30 clusters}, or {@code 30 cases of 4 answers} when the clusters are repeated cases. */
  private String units() {
    return clusters
        + (repeats > 0
            ? (clusters == 1 ? " case of " : " cases of ") + repeats + " answers"
            : clusters == 1 ? " cluster" : " clusters");
  }
}

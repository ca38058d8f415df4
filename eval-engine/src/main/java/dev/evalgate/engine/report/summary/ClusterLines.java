package dev.evalgate.engine.report.summary;

import dev.evalgate.engine.metrics.CheckComparison;
import dev.evalgate.engine.metrics.Clustered;
import dev.evalgate.engine.metrics.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How much the clusters of a run ({@code dataset.cluster}) weigh on each comparison, as the build
 * log and report.md show it: {@code clusters of challenger vs control: 40 clusters; design effect:
 * every check 2.0, schema 1.8 (the pass-rate intervals are that much wider in variance)}, then the
 * refusals' and each check's flakiness ({@code refusal rate 2.1, schema flaky rate 1.5}, named as
 * criteria name them) when they are compared.
 */
public final class ClusterLines {
  private ClusterLines() {}

  /** One line per challenger compared over clusters; empty without clusters. */
  public static List<String> lines(RunReport report) {
    List<String> lines = new ArrayList<>();
    for (Comparison comparison : report.evaluation().comparisons()) {
      Map<String, Clustered> clustered = comparison.clustered();
      if (clustered == null || clustered.isEmpty()) {
        continue;
      }
      Clustered all = clustered.get("*");
      List<String> effects = new ArrayList<>();
      if (all != null) {
        effects.add("every check " + effect(all, comparison.checks().get("*")));
      }
      clustered.forEach(
          (check, c) -> {
            if (!check.equals("*")) {
              effects.add(check + " " + effect(c, comparison.checks().get(check)));
            }
          });
      // "not refused" and "stable over the repeats" are compared over the clusters as well
      if (comparison.refusalClustered() != null) {
        effects.add("refusal rate " + effect(comparison.refusalClustered(), comparison.refusal()));
      }
      Map<String, Clustered> stability = comparison.stabilityClustered();
      if (stability != null) {
        stability.forEach(
            (check, c) ->
                effects.add(
                    (check.equals("*") ? "flaky rate " : check + " flaky rate ")
                        + effect(
                            c,
                            comparison.stability() == null
                                ? null
                                : comparison.stability().get(check))));
      }
      int clusters = all != null ? all.clusters() : clustered.values().iterator().next().clusters();
      lines.add(
          "clusters of "
              + comparison.challenger()
              + " vs "
              + comparison.control()
              + ": "
              + clusters
              + (clusters == 1 ? " cluster" : " clusters")
              + "; design effect: "
              + String.join(", ", effects)
              + " (pass rates are compared over the clusters: their variance is that many times"
              + " an independent case's)");
    }
    return lines;
  }

  /**
   * {@code 1.0}, or {@code 1.0 (bounding 2.6)} when the interval over the pairs takes a larger one
   * ({@link Clustered#bounding}'s rule; in brackets, as the line lists several).
   */
  private static String effect(Clustered c, @Nullable CheckComparison table) {
    if (c.designEffect() == null) {
      return "unknown (fewer than 2 clusters)";
    }
    String measured = String.format(Locale.ROOT, "%.1f", c.designEffect());
    String bounding =
        table == null ? "" : Clustered.bounding(c.designEffect(), c.boundingDesignEffect(table));
    return bounding.isEmpty()
        ? measured
        : measured + " (" + bounding.substring(", ".length()) + ")";
  }
}

package dev.evalgate.engine.evaluation;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.evalgate.api.Check;
import dev.evalgate.api.GateSpec;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.checks.Thresholded;
import dev.evalgate.engine.metrics.ScoreThreshold;
import dev.evalgate.engine.metrics.VariantLabel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What an evaluation compares: the control and the challengers, the checks counted, the gate that
 * judges them, the answers per case and the seed of the bootstrap intervals. A live run makes it
 * from its suite ({@link #of(SuiteSpec, long)}); a merge or a baseline comparison reads it from a
 * stored {@code report.json} ({@code RunReport.plan()}), so the same plan judges a run and every
 * re-reading of it, and nothing that could answer or check has to be made up for it.
 *
 * @param variants the variants in suite order: exactly one control, then or among them the
 *     challengers
 * @param checks the names of the checks counted, in suite order
 * @param gate the criteria and the confidence of the intervals
 * @param repeats answers per case and variant
 * @param seed the seed of the paired bootstrap intervals (the run's seed: {@code evalgate.seed},
 *     else the suite's)
 * @param labelled the variant whose answers the dataset's labels describe, {@code null} for the
 *     control
 * @param thresholds the threshold of each scored check, by name (to suggest a better one from the
 *     labels)
 * @param slices the dataset fields whose values cut the cases into slices, each measured and
 *     compared on its own; empty for none
 * @param clustered whether the cases come in clusters ({@code dataset.cluster}), over which pass
 *     rates are compared
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record EvaluationPlan(
    List<VariantLabel> variants,
    List<String> checks,
    GateSpec gate,
    int repeats,
    long seed,
    @Nullable String labelled,
    Map<String, ScoreThreshold> thresholds,
    List<String> slices,
    boolean clustered) {
  public EvaluationPlan {
    slices = slices == null ? List.of() : List.copyOf(slices);
    variants = List.copyOf(variants);
    checks = List.copyOf(checks);
    thresholds = Map.copyOf(thresholds);
    long controls = variants.stream().filter(VariantLabel::control).count();
    if (controls != 1) {
      throw new IllegalArgumentException(
          "expected exactly one control variant, but found "
              + controls
              + " among "
              + variants.stream().map(VariantLabel::name).toList());
    }
    if (repeats < 1) {
      throw new IllegalArgumentException(
          "expected at least one answer per case, but repeats is " + repeats);
    }
  }

  /** A plan without slices. */
  public EvaluationPlan(
      List<VariantLabel> variants,
      List<String> checks,
      GateSpec gate,
      int repeats,
      long seed,
      @Nullable String labelled,
      Map<String, ScoreThreshold> thresholds) {
    this(variants, checks, gate, repeats, seed, labelled, thresholds, List.of(), false);
  }

  /** A plan without labels, thresholds or slices. */
  public EvaluationPlan(
      List<VariantLabel> variants, List<String> checks, GateSpec gate, int repeats, long seed) {
    this(variants, checks, gate, repeats, seed, null, Map.of(), List.of(), false);
  }

  /** The suite's plan with its own seed. */
  public static EvaluationPlan of(SuiteSpec suite) {
    return of(suite, suite.seed());
  }

  /** The suite's plan with the run's seed (the suite's, or {@code evalgate.seed} when set). */
  public static EvaluationPlan of(SuiteSpec suite, long seed) {
    return new EvaluationPlan(
        suite.variants().stream().map(VariantLabel::of).toList(),
        suite.checks().stream().map(Check::name).toList(),
        suite.gate(),
        suite.repeats(),
        seed,
        suite.dataset().labelsVariant(),
        thresholds(suite.checks()),
        suite.dataset().slices(),
        suite.dataset().cluster() != null);
  }

  /** The threshold of each scored check ({@link Thresholded}). */
  public static Map<String, ScoreThreshold> thresholds(List<Check> checks) {
    Map<String, ScoreThreshold> thresholds = new LinkedHashMap<>();
    for (Check check : checks) {
      if (check instanceof Thresholded scored) {
        thresholds.put(
            check.name(), new ScoreThreshold(scored.thresholdOption(), scored.threshold()));
      }
    }
    return thresholds;
  }

  /** The variant whose answers the labels describe: the named one, else the control. */
  public String labelledVariant() {
    return labelled != null ? labelled : control().name();
  }

  public VariantLabel control() {
    return variants.stream().filter(VariantLabel::control).findFirst().orElseThrow();
  }

  /** The challengers' names, in suite order. */
  public List<String> challengers() {
    return variants.stream().filter(v -> !v.control()).map(VariantLabel::name).toList();
  }

  /** This plan counting only {@code kept} of its checks (in this plan's order). */
  public EvaluationPlan onlyChecks(java.util.Collection<String> kept) {
    return new EvaluationPlan(
        variants,
        checks.stream().filter(kept::contains).toList(),
        gate,
        repeats,
        seed,
        labelled,
        thresholds,
        slices,
        clustered);
  }

  /** This plan judged by another gate. */
  public EvaluationPlan withGate(GateSpec other) {
    return new EvaluationPlan(
        variants, checks, other, repeats, seed, labelled, thresholds, slices, clustered);
  }

  /** This plan slicing the cases by {@code fields}. */
  public EvaluationPlan withSlices(List<String> fields) {
    return new EvaluationPlan(
        variants, checks, gate, repeats, seed, labelled, thresholds, fields, clustered);
  }

  /** This plan comparing pass rates over clusters of cases, or not. */
  public EvaluationPlan withClusters(boolean value) {
    return new EvaluationPlan(
        variants, checks, gate, repeats, seed, labelled, thresholds, slices, value);
  }
}

package dev.evalgate.engine.evaluation;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.evalgate.api.Check;
import dev.evalgate.api.GateSpec;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.engine.metrics.VariantLabel;
import java.util.List;
import org.apiguardian.api.API;

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
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record EvaluationPlan(
    List<VariantLabel> variants, List<String> checks, GateSpec gate, int repeats, long seed) {
  public EvaluationPlan {
    variants = List.copyOf(variants);
    checks = List.copyOf(checks);
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
        seed);
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
        variants, checks.stream().filter(kept::contains).toList(), gate, repeats, seed);
  }

  /** This plan judged by another gate. */
  public EvaluationPlan withGate(GateSpec other) {
    return new EvaluationPlan(variants, checks, other, repeats, seed);
  }
}

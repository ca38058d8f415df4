package dev.evalgate.engine.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.GateSpec;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.RunAccumulator;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.VariantOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code flaky-rate(CHECK)} and {@code flaky-rate} in criteria, read from the repeats ledger. */
class FlakyRateCriteriaTest {
  static SuiteSpec suite(int repeats, GateSpec gate) {
    return SuiteSpec.named("s")
        .dataset("d.jsonl")
        .control(VariantSpec.inProcess("control", p -> ModelResponse.ofText("x")))
        .challenger(VariantSpec.inProcess("challenger", p -> ModelResponse.ofText("x")))
        .check(Check.of("schema", x -> CheckResult.pass("schema", "")))
        .repeats(repeats)
        .gate(gate)
        .build();
  }

  static VariantOutcome outcome(String variant, int repeat, boolean pass) {
    ModelResponse response =
        new ModelResponse(
            "a b c",
            "stop",
            new TokenUsage(10, 3, false),
            Duration.ofMillis(100),
            null,
            200,
            null,
            null,
            null,
            false);
    return new VariantOutcome(
        variant,
        repeat,
        response,
        null,
        List.of(new CheckResult("schema", pass, null, "", Map.of())));
  }

  /**
   * n cases of 3 repeats: the control fails the second repeat of its first {@code controlFlaky}
   * cases, the challenger of its first {@code challengerFlaky}; every other repeat passes.
   */
  static Evaluation evaluate(SuiteSpec suite, int n, int controlFlaky, int challengerFlaky) {
    RunAccumulator accumulator = new RunAccumulator(suite);
    for (int i = 0; i < n; i++) {
      List<VariantOutcome> outcomes = new ArrayList<>();
      for (int r = 0; r < suite.repeats(); r++) {
        outcomes.add(outcome("control", r, !(i < controlFlaky && r == 1)));
      }
      for (int r = 0; r < suite.repeats(); r++) {
        outcomes.add(outcome("challenger", r, !(i < challengerFlaky && r == 1)));
      }
      accumulator.accept(new CaseResult(EvalCase.of("c-" + i, Map.of()), Map.of(), outcomes));
    }
    return accumulator.finish();
  }

  /** METRICS.md's "Flakiness ledger" section. */
  static String ledgerSection() throws IOException {
    String metrics = Files.readString(Path.of("METRICS.md"));
    int start = metrics.indexOf("### Flakiness ledger");
    return metrics.substring(start, metrics.indexOf("\n## ", start));
  }

  @Test
  void flakyRateParsesWithACheckOrForEveryCheckAndIsPairable() {
    Metric one = Metric.parse("flaky-rate(schema)");
    Metric all = Metric.parse("flaky-rate");

    assertThat(one.kind()).isEqualTo(Metric.Kind.FLAKY_RATE);
    assertThat(one.label()).isEqualTo("schema flaky rate");
    assertThat(one.repeatKey()).isEqualTo("schema");
    assertThat(all.label()).isEqualTo("flaky rate");
    assertThat(all.repeatKey()).isEqualTo("*");
    assertThat(one.higherIsBetter()).isFalse();
    assertThat(one.pairable()).isTrue();
  }

  @Test
  void atMostJudgesTheShareOfFlakyCasesOnItsExactInterval() throws IOException {
    SuiteSpec suite = suite(3, GateSpec.minCases(10).atMost("flaky-rate(schema)", "10%"));

    CriterionResult result =
        GateEvaluator.evaluate(suite, evaluate(suite, 200, 0, 6)).criteria().get(0);

    assertThat(result.status()).isEqualTo(ClaimStatus.HOLDS);
    assertThat(result.message())
        .isEqualTo(
            "challenger schema flaky rate is 3.0% (95% CI [1.1, 6.4]), within the maximum of 10.0%"
                + " (n=200)");
    assertThat(ledgerSection()).as("METRICS.md shows it").contains(result.message());
  }

  @Test
  void nonInferiorComparesStabilityCaseByCaseAndNamesTheCasesThatBecameFlaky() throws IOException {
    SuiteSpec suite = suite(3, GateSpec.minCases(10).nonInferior("flaky-rate", "5pp"));

    CriterionResult held =
        GateEvaluator.evaluate(suite, evaluate(suite, 200, 2, 4)).criteria().get(0);
    CriterionResult violated =
        GateEvaluator.evaluate(suite, evaluate(suite, 200, 2, 40)).criteria().get(0);

    assertThat(held.status()).isEqualTo(ClaimStatus.HOLDS);
    assertThat(held.message())
        .isEqualTo(
            "challenger flaky rate 2.0% is non-inferior to control 1.0% (Δ 1.0 pp, 95% CI [-1.2,"
                + " 3.7], margin +5.0 pp, n=200)");
    assertThat(ledgerSection()).as("METRICS.md shows it").contains(held.message());
    assertThat(violated.status()).isEqualTo(ClaimStatus.VIOLATED);
    assertThat(violated.evidence()).startsWith("c-2", "c-3").hasSize(10);
  }

  @Test
  void aSuiteThatAnswersEachCaseOnceSaysFlakinessNeedsRepeats() {
    SuiteSpec suite = suite(1, GateSpec.minCases(10).atMost("flaky-rate(schema)", "10%"));

    CriterionResult result =
        GateEvaluator.evaluate(suite, evaluate(suite, 20, 0, 0)).criteria().get(0);

    assertThat(result.status()).isEqualTo(ClaimStatus.INCONCLUSIVE);
    assertThat(result.message())
        .isEqualTo(
            "challenger schema flaky rate has no evidence (n=0): the suite answers each case once;"
                + " flaky-rate(schema) needs repeats: k (k of 2 or more)");
  }
}

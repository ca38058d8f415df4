package dev.evalgate.engine.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.CriterionSpec;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateEvaluatorTest {
  static final Check SCHEMA = Check.of("schema", x -> CheckResult.pass("schema", "ok"));

  static SuiteSpec suite(GateSpec gate) {
    return SuiteSpec.named("s")
        .dataset("d.jsonl")
        .control(VariantSpec.inProcess("control", p -> ModelResponse.ofText("x")))
        .challenger(VariantSpec.inProcess("challenger", p -> ModelResponse.ofText("x")))
        .check(SCHEMA)
        .gate(gate)
        .build();
  }

  static VariantOutcome outcome(String variant, boolean pass, long latencyMs, double cost) {
    ModelResponse response =
        new ModelResponse(
            "answer words here",
            "stop",
            new TokenUsage(100, 20, false),
            Duration.ofMillis(latencyMs),
            null,
            200,
            null,
            null,
            null,
            false);
    return new VariantOutcome(
        variant,
        0,
        response,
        cost,
        List.of(new CheckResult("schema", pass, null, pass ? "valid" : "invalid", Map.of())));
  }

  /**
   * n cases; the control fails {@code controlFails}, the challenger additionally regresses on
   * {@code regressions}.
   */
  static Evaluation evaluate(
      SuiteSpec suite,
      int n,
      int controlFails,
      int regressions,
      long challengerLatency,
      double challengerCost) {
    RunAccumulator accumulator = new RunAccumulator(suite);
    for (int i = 0; i < n; i++) {
      boolean controlPass = i >= controlFails;
      boolean challengerPass = controlPass && i >= controlFails + regressions;
      accumulator.accept(
          new CaseResult(
              EvalCase.of("c-" + i, Map.of()),
              Map.of(),
              List.of(
                  outcome("control", controlPass, 1000, 0.002),
                  outcome("challenger", challengerPass, challengerLatency, challengerCost))));
    }
    return accumulator.finish();
  }

  @Test
  void aClearRegressionIsNotNonInferiorAndRejects() {
    SuiteSpec suite = suite(GateSpec.minCases(100).nonInferior("pass-rate(schema)", "2pp"));

    GateResult gate = GateEvaluator.evaluate(suite, evaluate(suite, 200, 5, 12, 900, 0.001));

    CriterionResult result = gate.criteria().get(0);
    assertThat(result.status()).isEqualTo(ClaimStatus.VIOLATED);
    assertThat(result.message())
        .isEqualTo(
            "challenger schema pass rate 91.5% is not non-inferior to control 97.5% (Δ -6.0 pp, 95%"
                + " CI [-10.2, -2.7], margin -2.0 pp, n=200)");
    assertThat(result.evidence()).startsWith("c-5", "c-6").hasSize(10);
    assertThat(gate.verdict("challenger").orElseThrow().decision()).isEqualTo(Decision.REJECT);
  }

  @Test
  void noDifferenceOnManyCasesIsNonInferiorAndPromotes() {
    SuiteSpec suite =
        suite(
            GateSpec.minCases(100)
                .nonInferior("pass-rate(schema)", "2pp")
                .ratioAtMost("cost-per-1k-calls", "0.8")
                .atMost("latency-p95", "2500ms"));

    GateResult gate = GateEvaluator.evaluate(suite, evaluate(suite, 2000, 40, 0, 900, 0.001));

    assertThat(gate.criteria())
        .extracting(CriterionResult::message)
        .containsExactly(
            // three criteria in one Holm family: each interval at the levels it was judged at
            "challenger schema pass rate 98.0% is non-inferior to control 98.0% (Δ 0.0 pp, 96.7%"
                + " CI [-0.2, 0.3], margin -2.0 pp, n=2000)",
            "challenger cost per 1K calls is $1.00, 0.50 × control's $2.00 (96.7% CI [0.50,"
                + " 0.50]), within the maximum ratio of 0.80 (n=2000)",
            "challenger latency p95 is 900 ms (96.7% CI [900, 900]), within the maximum of 2,500 ms"
                + " (n=2000)");
    assertThat(gate.verdict("challenger").orElseThrow().message())
        .isEqualTo("PROMOTE challenger: all 3 criteria hold; it may replace control");
  }

  @Test
  void anUndecidedMarginSaysHowManyPairedCasesWouldDecideIt() {
    SuiteSpec suite = suite(GateSpec.minCases(10).nonInferior("pass-rate(schema)", "5pp"));

    GateResult gate = GateEvaluator.evaluate(suite, evaluate(suite, 60, 0, 2, 900, 0.001));

    CriterionResult result = gate.criteria().get(0);
    assertThat(result.status()).isEqualTo(ClaimStatus.INCONCLUSIVE);
    assertThat(result.message())
        .isEqualTo(
            "challenger schema pass rate 96.7% cannot be shown non-inferior to control 100.0% (Δ"
                + " -3.3 pp, 95% CI [-11.4, 3.2], margin -5.0 pp, n=60); needs about 920 paired"
                + " cases for a 5.0 pp margin (observed discordance 3.3%, difference -3.3 pp)");
    assertThat(gate.verdict("challenger").orElseThrow().message())
        .isEqualTo("INCONCLUSIVE challenger: 1 of 1 criteria undecided; " + result.message());
  }

  @Test
  void aDifferenceBeyondTheMarginIsNotPlannedForButSaidToLeanTowardsAViolation() {
    SuiteSpec suite = suite(GateSpec.minCases(10).nonInferior("pass-rate(schema)", "2pp"));

    GateResult gate = GateEvaluator.evaluate(suite, evaluate(suite, 60, 0, 2, 900, 0.001));

    assertThat(gate.criteria().get(0).message())
        .isEqualTo(
            "challenger schema pass rate 96.7% cannot be shown non-inferior to control 100.0% (Δ"
                + " -3.3 pp, 95% CI [-11.4, 3.2], margin -2.0 pp, n=60); the difference is beyond"
                + " the margin (observed discordance 3.3%, difference -3.3 pp): more cases would"
                + " rather show it violated");
  }

  @Test
  void everyNonInferiorCriterionStatesTheSmallestEffectItsCasesDetect() {
    SuiteSpec suite = suite(GateSpec.minCases(100).nonInferior("pass-rate(schema)", "2pp"));

    GateResult gate = GateEvaluator.evaluate(suite, evaluate(suite, 2000, 40, 20, 900, 0.001));

    CriterionResult result = gate.criteria().get(0);
    assertThat(result.detects()).isEqualTo("Δ 0.6 pp at n=2000");
    // (1.96 + 0.84) x sqrt(discordance 1 % / 2,000 pairs)
    assertThat(result.minimumDetectable())
        .isCloseTo(0.00626, org.assertj.core.data.Offset.offset(1e-5));
  }

  @Test
  void limitsAreJudgedJacocoStyle() {
    SuiteSpec suite =
        suite(
            GateSpec.minCases(10)
                .atMost("latency-p95", "2500ms")
                .ratioAtMost("cost-per-1k-calls", "0.8"));

    GateResult gate = GateEvaluator.evaluate(suite, evaluate(suite, 200, 0, 0, 2710, 0.003));

    assertThat(gate.criteria())
        .extracting(CriterionResult::message)
        .containsExactly(
            "challenger latency p95 is 2,712 ms (96.2% CI [2,712, 2,712]), but expected maximum is"
                + " 2,500 ms (n=200)",
            "challenger cost per 1K calls is $3.00, 1.50 × control's $2.00 (96.2% CI [1.50, 1.50]),"
                + " but expected maximum ratio is 0.80 (n=200)");
  }

  @Test
  void tooFewCasesMakeEverythingInconclusive() {
    SuiteSpec suite =
        suite(
            GateSpec.minCases(100)
                .atMost("latency-p95", "2500ms")
                .with(CriterionSpec.minCases(100)));

    GateResult gate = GateEvaluator.evaluate(suite, evaluate(suite, 40, 0, 0, 900, 0.001));

    assertThat(gate.criteria())
        .extracting(CriterionResult::status)
        .containsExactly(ClaimStatus.INCONCLUSIVE, ClaimStatus.INCONCLUSIVE);
    assertThat(gate.criteria().get(1).message())
        .isEqualTo("40 paired cases without errors, but at least 100 are required");
    assertThat(gate.verdict("challenger").orElseThrow().decision())
        .isEqualTo(Decision.INCONCLUSIVE);
  }

  @Test
  void noNewFailuresListsTheRegressions() {
    SuiteSpec suite = suite(GateSpec.minCases(1).noNewFailures("schema"));

    GateResult gate = GateEvaluator.evaluate(suite, evaluate(suite, 50, 0, 2, 900, 0.001));

    assertThat(gate.criteria().get(0).message())
        .isEqualTo(
            "challenger fails schema on 2 cases that control passes, but expected none (n=50): c-0,"
                + " c-1");
  }

  @Test
  void aCostCriterionOnAModelWithoutAPriceIsInconclusiveAndNamesTheFix() {
    SuiteSpec suite =
        SuiteSpec.named("s")
            .dataset("d.jsonl")
            .control(VariantSpec.inProcess("control", p -> ModelResponse.ofText("x")))
            .challenger(
                VariantSpec.inProcess("challenger", p -> ModelResponse.ofText("x"))
                    .withModel("llama3.1:8b"))
            .check(SCHEMA)
            .gate(
                GateSpec.minCases(1)
                    .ratioAtMost("cost-per-1k-calls", "0.8")
                    .atMost("cost-per-call", "$0.01"))
            .build();
    RunAccumulator accumulator = new RunAccumulator(suite);
    for (int i = 0; i < 20; i++) {
      VariantOutcome local = outcome("challenger", true, 900, 0);
      accumulator.accept(
          new CaseResult(
              EvalCase.of("c-" + i, Map.of()),
              Map.of(),
              List.of(
                  outcome("control", true, 1000, 0.002),
                  new VariantOutcome("challenger", 0, local.response(), null, local.checks()))));
    }

    GateResult gate = GateEvaluator.evaluate(suite, accumulator.finish());

    String fix =
        "; give model 'llama3.1:8b' of challenger a price in US dollars per 1M tokens, e.g. for a"
            + " local model pricing: { input: 0, output: 0 } on the variant in the suite file, or"
            + " -Devalgate.variant.challenger.pricing.input=0 "
            + "-Devalgate.variant.challenger.pricing.output=0";
    assertThat(gate.criteria())
        .extracting(CriterionResult::status)
        .containsOnly(ClaimStatus.INCONCLUSIVE);
    assertThat(gate.criteria())
        .extracting(CriterionResult::message)
        .containsExactly(
            "challenger cost per 1K calls cannot be compared with control's, which is unknown for"
                + " challenger (n=20)"
                + fix,
            "challenger cost per call is unknown (a model's price is unknown), expected maximum is"
                + " $0.01 (n=20)"
                + fix);
  }

  @Test
  void aVariantThatAnsweredNothingHasAnUnknownCostNotZero() {
    SuiteSpec suite = suite(GateSpec.minCases(1).atMost("cost-total", "$1"));
    RunAccumulator accumulator = new RunAccumulator(suite);
    ModelResponse down =
        ModelResponse.failure(
            dev.evalgate.api.ErrorClass.CONNECTION,
            "connection failed (ConnectException)",
            Duration.ZERO,
            0);
    accumulator.accept(
        new CaseResult(
            EvalCase.of("c-1", Map.of()),
            Map.of(),
            List.of(
                outcome("control", true, 1000, 0.002),
                new VariantOutcome("challenger", 0, down, null, List.of()))));

    Evaluation evaluation = accumulator.finish();
    GateResult gate = GateEvaluator.evaluate(suite, evaluation);

    assertThat(evaluation.variant("challenger").orElseThrow().cost())
        .isEqualTo(new dev.evalgate.engine.metrics.Cost(null, null, null, 0));
    assertThat(gate.criteria().get(0).message())
        .isEqualTo(
            "challenger total cost has no evidence (n=0): every call of challenger errored (1);"
                + " errors of challenger: connection 1 (first: connection failed"
                + " (ConnectException))");
    assertThat(gate.verdict("challenger").orElseThrow().decision())
        .isEqualTo(Decision.INCONCLUSIVE);
  }

  @Test
  void aControlThatAnsweredNothingPromotesNoChallengerEvenWhenErrorsAreTolerated() {
    SuiteSpec suite =
        suite(GateSpec.minCases(0).atLeast("pass-all-rate", "90%").atMost("error-rate", "5%"));
    RunAccumulator accumulator = new RunAccumulator(suite);
    ModelResponse down =
        ModelResponse.failure(
            dev.evalgate.api.ErrorClass.AUTH, "HTTP 401 (invalid key)", Duration.ZERO, 401);
    for (int i = 0; i < 200; i++) {
      accumulator.accept(
          new CaseResult(
              EvalCase.of("c-" + i, Map.of()),
              Map.of(),
              List.of(
                  new VariantOutcome("control", 0, down, null, List.of()),
                  outcome("challenger", true, 900, 0.001))));
    }
    GateResult gate = GateEvaluator.evaluate(suite, accumulator.finish());

    assertThat(gate.criteria()).extracting(CriterionResult::status).containsOnly(ClaimStatus.HOLDS);
    assertThat(gate.verdict("challenger").orElseThrow().decision())
        .isEqualTo(Decision.INCONCLUSIVE);
    assertThat(gate.verdict("challenger").orElseThrow().message())
        .isEqualTo(
            "INCONCLUSIVE challenger: every call of control errored (200), so nothing shows that"
                + " challenger may replace it; errors of control: auth 200 (first: HTTP 401"
                + " (invalid key)); fix the control's calls and run again");
  }

  @Test
  void aChallengerNoCriterionIsAboutIsNeverPromoted() {
    SuiteSpec suite =
        suite(
            GateSpec.minCases(0)
                .with(CriterionSpec.atMost("latency-p95", "2s").forVariant("control")));
    GateResult gate = GateEvaluator.evaluate(suite, evaluate(suite, 200, 0, 0, 900, 0.001));

    assertThat(gate.verdict("challenger").orElseThrow().message())
        .isEqualTo(
            "INCONCLUSIVE challenger: no criterion of the gate is about it, so nothing was judged;"
                + " add a criterion without 'variant', or with 'variant: challenger'");
  }

  @Test
  void aChallengerJudgedOnlyByCountingCasesIsNeverPromoted() {
    SuiteSpec suite = suite(GateSpec.minCases(0).with(CriterionSpec.minCases(100)));
    GateResult gate = GateEvaluator.evaluate(suite, evaluate(suite, 200, 0, 0, 900, 0.001));

    assertThat(gate.criteria()).extracting(CriterionResult::status).containsOnly(ClaimStatus.HOLDS);
    assertThat(gate.verdict("challenger").orElseThrow().message())
        .isEqualTo(
            "INCONCLUSIVE challenger: no criterion of the gate judges its answers (min-cases counts"
                + " cases, agreement measures a check against people), so nothing shows it may"
                + " replace the control; add a criterion on its metrics, such as non-inferior: {"
                + " metric: pass-all-rate, margin: 2pp }");
  }

  @Test
  void unknownMetricsAndUnpairableNonInferiorityAreRejected() {
    assertThatThrownBy(() -> GateEvaluator.validate(CriterionSpec.atMost("latency-p96", "1s")))
        .hasMessageStartingWith(
            "unknown metric 'latency-p96'; expected one of: pass-rate(CHECK), pass-all-rate,");
    assertThatThrownBy(
            () -> GateEvaluator.validate(CriterionSpec.nonInferior("latency-p95", "100ms")))
        .hasMessageStartingWith(
            "non-inferior needs a metric compared case by case; 'latency-p95' is not one;");
  }
}

package dev.evalgate.engine.gate;

import static dev.evalgate.engine.gate.GateEvaluatorTest.evaluate;
import static dev.evalgate.engine.gate.GateEvaluatorTest.suite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.api.CriterionSpec;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.GateSpec;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.RunAccumulator;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.VariantOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** A pilot's plan per criterion, by the figures the gate's own reasons use. */
class SamplePlanTest {
  static List<SamplePlan.Row> plan(SuiteSpec suite, Evaluation pilot) {
    return SamplePlan.plan("control", List.of("challenger"), suite.gate(), pilot);
  }

  /** A suite of a control and {@code challengers}, each judged on the schema check. */
  static SuiteSpec.Builder challengers(GateSpec gate, String... challengers) {
    SuiteSpec.Builder suite =
        SuiteSpec.named("s")
            .dataset("d.jsonl")
            .control(VariantSpec.inProcess("control", p -> ModelResponse.ofText("x")))
            .check(GateEvaluatorTest.SCHEMA)
            .gate(gate);
    for (String challenger : challengers) {
      suite.challenger(VariantSpec.inProcess(challenger, p -> ModelResponse.ofText("x")));
    }
    return suite;
  }

  /**
   * {@code n} cases every variant passes, but for the first {@code regressions[i]} cases, which
   * challenger i fails.
   */
  static Evaluation regressing(SuiteSpec suite, int n, int... regressions) {
    RunAccumulator accumulator = new RunAccumulator(suite);
    for (int i = 0; i < n; i++) {
      List<VariantOutcome> outcomes = new ArrayList<>();
      outcomes.add(GateEvaluatorTest.outcome("control", true, 1000, 0.002));
      for (int c = 0; c < regressions.length; c++) {
        outcomes.add(
            GateEvaluatorTest.outcome(
                suite.challengers().get(c).name(), i >= regressions[c], 900, 0.001));
      }
      accumulator.accept(new CaseResult(EvalCase.of("c-" + i, Map.of()), Map.of(), outcomes));
    }
    return accumulator.finish();
  }

  static List<String> texts(SuiteSpec suite, Evaluation pilot) {
    return SamplePlan.plan(
            "control",
            suite.challengers().stream().map(VariantSpec::name).toList(),
            suite.gate(),
            pilot)
        .stream()
        .map(SamplePlan.Row::text)
        .toList();
  }

  @Test
  void aChallengerTheGateJudgesAtHolmsSecondStepIsPlannedAtThatStepAndTheRowSaysSo() {
    // 60 cases, a 10 pp margin; a: no regression, promoted at Holm's first step (2.5% / 2); b: one
    // regression, shown within the margin at 2.5 % but not at 1.25 %: the gate promotes it at the
    // second step, once a is promoted
    SuiteSpec suite =
        challengers(GateSpec.minCases(10).nonInferior("pass-rate(schema)", "10pp"), "a", "b")
            .build();
    Evaluation pilot = regressing(suite, 60, 0, 1);

    GateResult gate = GateEvaluator.evaluate(suite, pilot);

    assertThat(gate.verdicts()).extracting(Verdict::decision).containsOnly(Decision.PROMOTE);
    assertThat(gate.criteria().get(1).message())
        .isEqualTo(
            "b schema pass rate 98.3% is non-inferior to control 100.0% (Δ -1.7 pp, 96.2% CI [-8.9,"
                + " 6.2], margin -10.0 pp, n=60)");
    assertThat(texts(suite, pilot))
        .containsExactly(
            "a non-inferior: { metric: pass-rate(schema), limit: 10pp }: about 16 cases x 1"
                + " repeat (pilot: 60; observed discordance 0.0%, difference 0.0 pp)",
            "b non-inferior: { metric: pass-rate(schema), limit: 10pp }: about 19 cases x 1"
                + " repeat (pilot: 60; observed discordance 1.7%, difference -1.7 pp; at one-sided"
                + " 2.5%, Holm's step 2 of 2 where the gate judged the pilot, once 1 other"
                + " challenger was promoted; if that promotion does not repeat, it is judged at the"
                + " first step, 1.25%, and needs more than 60 cases)");
  }

  @Test
  void aRowAtALaterHolmStepAlsoGivesTheCountItNeedsIfTheEarlierPromotionDoesNotRepeat() {
    // 200 cases, a 3 pp margin; a: no regression, promoted at the first step (1.25%); b: three
    // regressions, undecided at the second step (2.5%)
    SuiteSpec suite =
        challengers(GateSpec.minCases(10).nonInferior("pass-rate(schema)", "3pp"), "a", "b")
            .build();
    Evaluation pilot = regressing(suite, 200, 0, 3);
    // b alone, at the first step's level: the gate's own reason gives the count the row takes
    SuiteSpec alone =
        challengers(
                GateSpec.minCases(10).withConfidence(0.975).nonInferior("pass-rate(schema)", "3pp"),
                "b")
            .build();

    assertThat(GateEvaluator.evaluate(suite, pilot).criteria().get(1).message())
        .endsWith(
            "n=200); needs about 520 paired cases for a 3.0 pp margin (observed discordance 1.5%,"
                + " difference -1.5 pp)");
    assertThat(GateEvaluator.evaluate(alone, regressing(alone, 200, 3)).criteria().get(0).message())
        .endsWith(
            "n=200); needs about 630 paired cases for a 3.0 pp margin (observed discordance 1.5%,"
                + " difference -1.5 pp)");
    assertThat(texts(suite, pilot).get(1))
        .isEqualTo(
            "b non-inferior: { metric: pass-rate(schema), limit: 3pp }: about 520 cases x 1 repeat"
                + " (pilot: 200; observed discordance 1.5%, difference -1.5 pp; at one-sided 2.5%,"
                + " Holm's step 2 of 2 where the gate judged the pilot, once 1 other challenger was"
                + " promoted; if that promotion does not repeat, it is judged at the first step,"
                + " 1.25%, and needs about 630 cases)");
  }

  @Test
  void challengersTheGateLeavesUndecidedAtALaterStepNeedWhatItsReasonsSay() {
    // three challengers: a promoted at the first step (2.5% / 3); b and c, one regression each,
    // not shown within the margin at the second step (2.5% / 2): both undecided there
    SuiteSpec suite =
        challengers(GateSpec.minCases(10).nonInferior("pass-rate(schema)", "10pp"), "a", "b", "c")
            .build();
    Evaluation pilot = regressing(suite, 60, 0, 1, 1);

    GateResult gate = GateEvaluator.evaluate(suite, pilot);

    assertThat(gate.criteria())
        .extracting(CriterionResult::message)
        .containsExactly(
            "a schema pass rate 100.0% is non-inferior to control 100.0% (Δ 0.0 pp, 98.3% CI [-8.7,"
                + " 8.7], margin -10.0 pp, n=60)",
            "b schema pass rate 98.3% cannot be shown non-inferior to control 100.0% (Δ -1.7 pp,"
                + " 97.9% CI [-10.6, 7.2], margin -10.0 pp, n=60); needs more than 60 paired cases"
                + " for a 10.0 pp margin (observed discordance 1.7%, difference -1.7 pp)",
            "c schema pass rate 98.3% cannot be shown non-inferior to control 100.0% (Δ -1.7 pp,"
                + " 97.9% CI [-10.6, 7.2], margin -10.0 pp, n=60); needs more than 60 paired cases"
                + " for a 10.0 pp margin (observed discordance 1.7%, difference -1.7 pp)");
    assertThat(texts(suite, pilot))
        .containsExactly(
            "a non-inferior: { metric: pass-rate(schema), limit: 10pp }: about 18 cases x 1"
                + " repeat (pilot: 60; observed discordance 0.0%, difference 0.0 pp)",
            "b non-inferior: { metric: pass-rate(schema), limit: 10pp }: more than 60 cases x 1"
                + " repeat (pilot: 60; observed discordance 1.7%, difference -1.7 pp; at one-sided"
                + " 1.25%, Holm's step 2 of 3 where the gate judged the pilot, once 1 other"
                + " challenger was promoted; if that promotion does not repeat, it is judged at the"
                + " first step, 0.833%, and needs more than 60 cases)",
            "c non-inferior: { metric: pass-rate(schema), limit: 10pp }: more than 60 cases x 1"
                + " repeat (pilot: 60; observed discordance 1.7%, difference -1.7 pp; at one-sided"
                + " 1.25%, Holm's step 2 of 3 where the gate judged the pilot, once 1 other"
                + " challenger was promoted; if that promotion does not repeat, it is judged at the"
                + " first step, 0.833%, and needs more than 60 cases)");
  }

  /**
   * {@code n} cases answered {@code repeats} times by the control (passing) and the challenger,
   * which fails every answer of the first {@code failing} cases; the challenger's latencies cycle
   * through {@code latencies}.
   */
  static Evaluation repeated(SuiteSpec suite, int n, int failing, long... latencies) {
    RunAccumulator accumulator = new RunAccumulator(suite);
    for (int i = 0; i < n; i++) {
      List<VariantOutcome> outcomes = new ArrayList<>();
      for (int r = 0; r < suite.repeats(); r++) {
        VariantOutcome control = GateEvaluatorTest.outcome("control", true, 1000, 0.002);
        VariantOutcome challenger =
            GateEvaluatorTest.outcome(
                "challenger",
                i >= failing,
                latencies[(i * suite.repeats() + r) % latencies.length],
                0.001);
        outcomes.add(
            new VariantOutcome(
                "control", r, control.response(), control.costUsd(), control.checks()));
        outcomes.add(
            new VariantOutcome(
                "challenger", r, challenger.response(), challenger.costUsd(), challenger.checks()));
      }
      accumulator.accept(new CaseResult(EvalCase.of("c-" + i, Map.of()), Map.of(), outcomes));
    }
    return accumulator.finish();
  }

  @Test
  void withRepeatsEveryRowCountsCasesAsDatasetLimitTakesThemNotAnswers() {
    // 30 cases x 4 repeats: 120 answers, the challenger wrong on every answer of 3 cases
    SuiteSpec suite =
        challengers(
                GateSpec.minCases(1)
                    .atLeast("pass-rate(schema)", "80%")
                    .ratioAtMost("latency-mean", "1.04")
                    .nonInferior("pass-rate(schema)", "20pp")
                    .nonInferior("latency-mean", "35ms"),
                "challenger")
            .repeats(4)
            .build();
    Evaluation pilot = repeated(suite, 30, 3, 900, 1000, 1100, 1200, 950);

    GateResult gate = GateEvaluator.evaluate(suite, pilot);

    assertThat(gate.criteria())
        .extracting(CriterionResult::message)
        .containsExactly(
            "challenger schema pass rate is 90.0% (96.9% CI [72.1, 99.0]), too close to the"
                + " minimum of 80.0% to decide (n=120, 30 cases of 4 answers, design effect 4.1);"
                + " needs about 456 answers to show it within the minimum if 90.0% is the truth",
            "challenger mean latency is 1,030 ms, 1.03 × control's 1,000 ms (96.9% CI [1.00,"
                + " 1.05]), too close to the maximum ratio of 1.04 to decide (n=120, 30 cases of 4"
                + " answers, design effect 1.0); needs about 971 answers to show it within the"
                + " maximum ratio if 1.03 is the truth",
            "challenger schema pass rate 90.0% cannot be shown non-inferior to control 100.0% (Δ"
                + " -10.0 pp, 96.9% CI [-25.6, 8.7], margin -20.0 pp, n=30); needs about 71 paired"
                + " cases for a 20.0 pp margin (observed discordance 10.0%, difference -10.0 pp)",
            "challenger mean latency 1,030 ms cannot be shown non-inferior to control 1,000 ms (Δ"
                + " 30 ms, 96.9% CI [16, 40], margin +35 ms, n=30); needs about 240 paired cases at"
                + " the observed difference and spread");
    assertThat(texts(suite, pilot))
        .containsExactly(
            "challenger at-least: { metric: pass-rate(schema), limit: 80% }: about 114 cases x 4"
                + " repeats (pilot: 30; observed 90.0%, to show it within 80.0%; design effect 4.1"
                + " over 30 cases of 4 answers)",
            "challenger ratio-at-most: { metric: latency-mean, limit: 1.04 }: about 243 cases x 4"
                + " repeats (pilot: 30; observed ratio 1.03, to show it within 1.04; design effect"
                + " 1.0 over 30 cases of 4 answers)",
            "challenger non-inferior: { metric: pass-rate(schema), limit: 20pp }: about 71 cases x"
                + " 4 repeats (pilot: 30; observed discordance 10.0%, difference -10.0 pp)",
            "challenger non-inferior: { metric: latency-mean, limit: 35ms }: about 240 cases x 4"
                + " repeats (pilot: 30; observed difference 30 ms, sd 27 ms)");
  }

  @Test
  void aPairedMeanThePilotLeftUndecidedSaysMoreThanThePilotAsTheGateDoes() {
    // 4 cases, the challenger 0, 100, 200 and 300 ms slower: the normal approximation plans 4
    // pairs for a 340 ms margin, but the t interval the gate judges on at n=4 is wider
    SuiteSpec suite =
        challengers(GateSpec.minCases(1).nonInferior("latency-mean", "340ms"), "challenger")
            .build();
    Evaluation pilot = repeated(suite, 4, 0, 1000, 1100, 1200, 1300);

    assertThat(GateEvaluator.evaluate(suite, pilot).criteria().get(0).message())
        .isEqualTo(
            "challenger mean latency 1,150 ms cannot be shown non-inferior to control 1,000 ms (Δ"
                + " 150 ms, 95% CI [-55, 355], margin +340 ms, n=4); needs more than 4 paired cases"
                + " at the observed difference and spread");
    assertThat(texts(suite, pilot))
        .containsExactly(
            "challenger non-inferior: { metric: latency-mean, limit: 340ms }: more than 4 cases x 1"
                + " repeat (pilot: 4; observed difference 150 ms, sd 129 ms)");
  }

  @Test
  void aRatioTheGateDoesNotFindViolatedAtItsHolmStepSaysMoreThanThePilot() {
    // a ratio of 1.15 over a limit of 1.10 on 40 cases: beyond it at one-sided 2.5 % (the
    // approximation plans 39 cases), but with 19 other open criteria the gate looks for violations
    // at 2.5 % / 20 first, where its interval reaches below the limit: undecided
    GateSpec gate = GateSpec.minCases(1).ratioAtMost("latency-mean", "1.1");
    for (int i = 0; i < 19; i++) {
      gate = gate.atMost("latency-p95", "10s");
    }
    SuiteSpec suite = challengers(gate, "challenger").build();
    Evaluation pilot = repeated(suite, 40, 0, 1000, 1100, 1200, 1300);

    assertThat(GateEvaluator.evaluate(suite, pilot).criteria().get(0).message())
        .isEqualTo(
            "challenger mean latency is 1,150 ms, 1.15 × control's 1,000 ms (97.4% CI [1.10,"
                + " 1.19]), too close to the maximum ratio of 1.10 to decide (n=40); needs more"
                + " than 40 cases to show it beyond the maximum ratio if 1.15 is the truth");
    assertThat(texts(suite, pilot).get(0))
        .isEqualTo(
            "challenger ratio-at-most: { metric: latency-mean, limit: 1.1 }: more than 40 cases x 1"
                + " repeat (pilot: 40; observed ratio 1.15, to show it beyond 1.10)");
  }

  @Test
  void aSliceThePilotLeftUndecidedSaysMoreThanThePilotAsTheGateDoesAndTheGateSaysWhatItNeeds() {
    // two slices of 50 cases, the challenger regressing on one case of billing: its Newcombe
    // interval at n=50 does not show it within 10 pp, though the approximation plans 25 pairs
    SuiteSpec suite = SLICED;
    Evaluation pilot = sliced(100, i -> i < 50 ? "billing" : "shipping", 1);

    assertThat(GateEvaluator.evaluate(suite, pilot).criteria().get(0).message())
        .isEqualTo(
            "challenger schema pass rate cannot be shown non-inferior to control in 1 of 2 judged"
                + " slices: category=billing 98.0% vs 100.0% (Δ -2.0 pp, 96.2% CI [-10.5, 7.3],"
                + " margin -10.0 pp, n=50); needs more than 100 paired cases (the slice that needs"
                + " most, category=billing, more than 50 of its paired cases at its pilot share of"
                + " 50.0%; observed discordance 2.0%, difference -2.0 pp)");
    assertThat(texts(suite, pilot))
        .containsExactly(
            "challenger no-slice-regresses: { metric: pass-rate(schema), margin: 10pp, min-cases:"
                + " 20 }: more than 100 cases x 1 repeat (pilot: 100; the slice that needs most,"
                + " category=billing, more than 50 of its paired cases at its pilot share of 50.0%;"
                + " observed discordance 2.0%, difference -2.0 pp)");
  }

  /**
   * 100 billing cases, the challenger regressing on the first {@code regressions}, and 10 clean
   * refund cases (under min-cases 20: not judged), judged on a 10 pp margin.
   */
  static List<String> smallSlice(int regressions) {
    Evaluation pilot = sliced(110, i -> i < 100 ? "billing" : "refunds", regressions);
    return List.of(
        GateEvaluator.evaluate(SLICED, pilot).criteria().get(0).message(),
        texts(SLICED, pilot).get(0));
  }

  /** A suite judged by no-slice-regresses on pass-rate(schema), margin 10 pp, min-cases 20. */
  static final SuiteSpec SLICED =
      challengers(
              GateSpec.minCases(1).noSliceRegresses("pass-rate(schema)", "10pp", 20), "challenger")
          .build();

  /**
   * {@code n} cases of {@link #SLICED} in the categories {@code category} gives, the control
   * passing each, the challenger failing the first {@code regressions}.
   */
  static Evaluation sliced(int n, IntFunction<String> category, int regressions) {
    RunAccumulator accumulator = ClusteredMeansTest.accumulator(SLICED, List.of("category"), false);
    for (int i = 0; i < n; i++) {
      accumulator.accept(
          new CaseResult(
              EvalCase.of("c-" + i, Map.of()).withSlices(Map.of("category", category.apply(i))),
              Map.of(),
              List.of(
                  GateEvaluatorTest.outcome("control", true, 1000, 0.002),
                  GateEvaluatorTest.outcome("challenger", i >= regressions, 1000, 0.002))),
          new int[] {3, 3});
    }
    return accumulator.finish();
  }

  @Test
  void aSliceNotJudgedYetCountsOnlyOnceThePlannedRunWouldJudgeItAndTheRowSaysWhich() {
    // 1 regression: billing needs a run of about 22, at which the refunds slice (9.1%) has 2
    // paired cases, not judged, so not counted; 6 regressions: billing needs a run past the 220 at
    // which refunds has 20 and is judged, so its 10 clean pairs count, and plan more
    assertThat(smallSlice(1))
        .containsExactly(
            "challenger schema pass rate is non-inferior to control in its one judged slice; the"
                + " worst, category=billing 99.0% vs 100.0% (Δ -1.0 pp, 95% CI [-5.4, 2.8],"
                + " margin -10.0 pp, n=100); not judged (fewer than 20 paired cases):"
                + " category=refunds (10)",
            "challenger no-slice-regresses: { metric: pass-rate(schema), margin: 10pp, min-cases:"
                + " 20 }: about 22 cases x 1 repeat (pilot: 110; the slice that needs most,"
                + " category=billing, about 20 of its paired cases at its pilot share of 90.9%;"
                + " observed discordance 1.0%, difference -1.0 pp; at that size still under the 20"
                + " paired cases a slice needs to be judged, so not counted: category=refunds (10"
                + " in the pilot))");
    assertThat(smallSlice(6).get(1))
        .isEqualTo(
            "challenger no-slice-regresses: { metric: pass-rate(schema), margin: 10pp, min-cases:"
                + " 20 }: about 870 cases x 1 repeat (pilot: 110; the slice that needs most,"
                + " category=refunds, has 10 of the 20 paired cases a slice needs before it is"
                + " judged; then, if what its 10 showed is the truth, about 79 of its paired cases"
                + " at its pilot share of 9.1%; observed discordance 0.0%, difference 0.0 pp)");
  }

  @Test
  void aPairedRateCriterionPlansTheCasesTheGatesInconclusiveReasonNames() {
    SuiteSpec suite = suite(GateSpec.minCases(10).nonInferior("pass-rate(schema)", "5pp"));
    Evaluation pilot = evaluate(suite, 60, 0, 2, 900, 0.001);

    SamplePlan.Row row = plan(suite, pilot).get(0);

    assertThat(GateEvaluator.evaluate(suite, pilot).criteria().get(0).message())
        .contains("; needs about 920 paired cases for a 5.0 pp margin");
    assertThat(row.cases()).isEqualTo(920);
    assertThat(row.text())
        .isEqualTo(
            "challenger non-inferior: { metric: pass-rate(schema), limit: 5pp }: about 920 cases x"
                + " 1 repeat (pilot: 60; observed discordance 3.3%, difference -3.3 pp)");
  }

  @Test
  void aCriterionWithItsOwnConfidenceStatesTheLevelItsRowIsPlannedAt() {
    // evalgate:plan's heading states the suite's confidence: a row judged at another says its own
    SuiteSpec suite =
        suite(
            GateSpec.minCases(10)
                .with(CriterionSpec.nonInferior("pass-rate(schema)", "5pp").withConfidence(0.99)));
    Evaluation pilot = evaluate(suite, 60, 0, 2, 900, 0.001);

    assertThat(plan(suite, pilot).get(0).text())
        .isEqualTo(
            "challenger non-inferior: { metric: pass-rate(schema), limit: 5pp }: about 1,400 cases"
                + " x 1 repeat (pilot: 60; observed discordance 3.3%, difference -3.3 pp; at"
                + " one-sided 0.5%, the criterion's own 99% confidence)");
  }

  @Test
  void aPilotThatDecidedNothingWhereTheApproximationPlansFewerSaysMoreThanThePilotAsTheGateDoes() {
    // 50 cases, one regression: the normal approximation plans about 25 pairs, but the interval
    // the gate judges on (Newcombe's) at n=50 is still too wide for a 10 pp margin
    SuiteSpec suite = suite(GateSpec.minCases(10).nonInferior("pass-rate(schema)", "10pp"));
    Evaluation pilot = evaluate(suite, 50, 0, 1, 900, 0.001);

    SamplePlan.Row row = plan(suite, pilot).get(0);

    assertThat(GateEvaluator.evaluate(suite, pilot).criteria().get(0).message())
        .endsWith(
            "; needs more than 50 paired cases for a 10.0 pp margin (observed discordance 2.0%,"
                + " difference -2.0 pp)");
    assertThat(row.undecided()).isTrue();
    assertThat(row.text())
        .isEqualTo(
            "challenger non-inferior: { metric: pass-rate(schema), limit: 10pp }: more than 50"
                + " cases x 1 repeat (pilot: 50; observed discordance 2.0%, difference -2.0 pp)");
  }

  @Test
  void aPilotThatDecidedSaysHowFewCasesWouldDoIt() {
    // 60 cases, no discordant pair: the interval shows it within 15 pp, and fewer cases would too
    SuiteSpec suite = suite(GateSpec.minCases(10).nonInferior("pass-rate(schema)", "15pp"));
    Evaluation pilot = evaluate(suite, 60, 0, 0, 900, 0.001);

    SamplePlan.Row row = plan(suite, pilot).get(0);

    assertThat(GateEvaluator.evaluate(suite, pilot).criteria().get(0).status())
        .isEqualTo(ClaimStatus.HOLDS);
    assertThat(row.undecided()).isFalse();
    assertThat(row.text())
        .isEqualTo(
            "challenger non-inferior: { metric: pass-rate(schema), limit: 15pp }: about 6 cases x 1"
                + " repeat (pilot: 60; observed discordance 0.0%, difference 0.0 pp)");
  }

  @Test
  void aDifferenceBeyondTheMarginHasNoCountButSaysWhy() {
    SuiteSpec suite = suite(GateSpec.minCases(10).nonInferior("pass-rate(schema)", "2pp"));

    SamplePlan.Row row = plan(suite, evaluate(suite, 60, 0, 2, 900, 0.001)).get(0);

    assertThat(row.cases()).isNull();
    assertThat(row.text())
        .isEqualTo(
            "challenger non-inferior: { metric: pass-rate(schema), limit: 2pp }: observed"
                + " discordance 3.3%, difference -3.3 pp: beyond the margin, more cases would"
                + " rather show it violated");
  }

  @Test
  void aCriterionTheReportHasNoDataForSaysSo() {
    SuiteSpec suite = suite(GateSpec.minCases(10).atMost("refusal-rate", "5%"));

    SamplePlan.Row row = plan(suite, evaluate(suite, 60, 0, 2, 900, 0.001)).get(0);

    assertThat(row.cases()).isNull();
    assertThat(row.text())
        .isEqualTo(
            "challenger at-most: { metric: refusal-rate, limit: 5% }: the report has no data for"
                + " it: no refusal check classified an answer of challenger (the suite needs a"
                + " refusal check)");
  }

  @Test
  void aLimitOnARateIsPlannedFromItsRateAndAMeanWithoutSpreadSaysSo() {
    SuiteSpec suite =
        suite(
            GateSpec.minCases(10)
                .atLeast("pass-rate(schema)", "90%")
                .nonInferior("latency-mean", "150ms"));

    List<SamplePlan.Row> rows = plan(suite, evaluate(suite, 60, 2, 1, 1100, 0.001));

    assertThat(rows)
        .extracting(SamplePlan.Row::text)
        .containsExactly(
            "challenger at-least: { metric: pass-rate(schema), limit: 90% }: about 240 cases x 1"
                + " repeat (pilot: 60; observed 95.0%, to show it within 90.0%)",
            "challenger non-inferior: { metric: latency-mean, limit: 150ms }: observed difference"
                + " 100 ms, sd 0 ms: no spread, every case differs alike");
    // the same count the gate's reason would name: Power.proportionCases(0.95, 0.90) at 80 %
    assertThat(rows.get(0).cases()).isEqualTo(Planning.proportionCases(0.95, 0.90, 0.025));
  }

  @Test
  void anAgreementCriterionWithoutLabelledAnswersSaysSoAndHowToLabelAsTheGateDoes() {
    SuiteSpec suite = suite(GateSpec.minCases(10).agreement("schema", "90%"));
    Evaluation pilot = evaluate(suite, 60, 0, 2, 900, 0.001);

    List<SamplePlan.Row> rows = plan(suite, pilot);

    assertThat(rows)
        .extracting(SamplePlan.Row::text)
        .containsExactly(
            "agreement: { check: schema, min: 90% }: the report has no data for it: no case has a"
                + " label for schema; add labels to the dataset's rows, e.g. \"labels\":"
                + " {\"schema\": \"pass\"} (or \"fail\"), what the check should conclude"
                + " (docs/suites.md, \"Labels\")");
    assertThat(GateEvaluator.evaluate(suite, pilot).criteria().get(0).message())
        .isEqualTo(
            "schema agreement with people is unknown, expected minimum is 90.0%: no case has a"
                + " label for schema; add labels to the dataset's rows, e.g. \"labels\":"
                + " {\"schema\": \"pass\"} (or \"fail\"), what the check should conclude");
  }
}

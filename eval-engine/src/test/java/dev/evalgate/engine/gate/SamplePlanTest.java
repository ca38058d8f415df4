package dev.evalgate.engine.gate;

import static dev.evalgate.engine.gate.GateEvaluatorTest.evaluate;
import static dev.evalgate.engine.gate.GateEvaluatorTest.suite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.api.GateSpec;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.engine.metrics.Evaluation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pilot's plan per criterion, by the figures the gate's own reasons use. */
class SamplePlanTest {
  static List<SamplePlan.Row> plan(SuiteSpec suite, Evaluation pilot) {
    return SamplePlan.plan("control", List.of("challenger"), suite.gate(), pilot);
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

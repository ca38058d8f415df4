package dev.evalgate.engine.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.api.EvalCase;
import dev.evalgate.api.GateSpec;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.RunAccumulator;
import dev.evalgate.engine.model.CaseResult;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/**
 * evalgate:plan on a pilot whose cases come in clusters: every count uses the design effects the
 * gate's INCONCLUSIVE reasons use, and says so.
 */
class ClusteredPlanTest {
  /**
   * {@code conversations} conversations of {@code turns} turns; the challenger fails every turn of
   * the first {@code failing} ones, which the control passes.
   */
  static Evaluation pilot(
      SuiteSpec suite, int conversations, int turns, int failing, boolean clustered) {
    return pilot(suite, conversations, turns, (c, t) -> c >= failing, clustered);
  }

  /** As above; the challenger passes turn {@code t} of conversation {@code c} when told. */
  static Evaluation pilot(
      SuiteSpec suite,
      int conversations,
      int turns,
      BiPredicate<Integer, Integer> challengerPasses,
      boolean clustered) {
    RunAccumulator accumulator = ClusteredMeansTest.accumulator(suite, List.of(), clustered);
    for (int c = 0; c < conversations; c++) {
      for (int t = 0; t < turns; t++) {
        accumulator.accept(
            new CaseResult(
                EvalCase.of("c-" + c + "-" + t, Map.of())
                    .withCluster(clustered ? "conv-" + c : null),
                Map.of(),
                List.of(
                    GateEvaluatorTest.outcome("control", true, 1000, 0.002),
                    GateEvaluatorTest.outcome(
                        "challenger", challengerPasses.test(c, t), 1000, 0.002))),
            new int[] {3, 3});
      }
    }
    return accumulator.finish();
  }

  @Test
  void aRateNearOneIsPlannedWithTheBoundingDesignEffectTheGateJudgesOn() {
    SuiteSpec suite =
        GateEvaluatorTest.suite(GateSpec.minCases(1).atLeast("pass-rate(schema)", "90%"));
    // one failing turn in 30 conversations: measured design effect 1.0, bounding 3.0
    Evaluation clustered = pilot(suite, 30, 4, (c, t) -> c > 0 || t > 0, true);

    assertThat(GateEvaluator.evaluate(suite, clustered).criteria().get(0).message())
        .contains("design effect 1.0, bounding 3.0); needs about 162 cases to show it");
    assertThat(SamplePlanTest.plan(suite, clustered).get(0).text())
        .as("the count the gate's reason gives, and the design effect it was planned on")
        .isEqualTo(
            "challenger at-least: { metric: pass-rate(schema), limit: 90% }: about 162 cases x 1"
                + " repeat (pilot: 120; observed 99.2%, to show it within 90.0%; design effect 1.0,"
                + " bounding 3.0, over 30 clusters)");
  }

  @Test
  void aPairedRateIsPlannedWithTheDesignEffectTheGateNeedsAboutUses() {
    SuiteSpec suite =
        GateEvaluatorTest.suite(GateSpec.minCases(1).nonInferior("pass-rate(schema)", "10pp"));
    Evaluation clustered = pilot(suite, 30, 4, 1, true);

    assertThat(GateEvaluator.evaluate(suite, clustered).criteria().get(0).message())
        .contains("; needs about 240 paired cases for a 10.0 pp margin");
    assertThat(SamplePlanTest.plan(suite, clustered).get(0).text())
        .isEqualTo(
            "challenger non-inferior: { metric: pass-rate(schema), limit: 10pp }: about 240 cases x"
                + " 1 repeat (pilot: 120; observed discordance 3.3%, difference -3.3 pp, design"
                + " effect 4.1 over 30 clusters)");
    assertThat(SamplePlanTest.plan(suite, pilot(suite, 30, 4, 1, false)).get(0).text())
        .as("the same cases taken as independent need fewer")
        .isEqualTo(
            "challenger non-inferior: { metric: pass-rate(schema), limit: 10pp }: about 57 cases x"
                + " 1 repeat (pilot: 120; observed discordance 3.3%, difference -3.3 pp)");
  }

  @Test
  void aPairedRateThePilotLeftUndecidedIsPlannedAsTheGateSaysMoreThanThePilot() {
    SuiteSpec suite =
        GateEvaluatorTest.suite(GateSpec.minCases(1).nonInferior("pass-rate(schema)", "8pp"));
    // one failing turn in 2 of 30 conversations: the bounding design effect's count is below 120
    Evaluation clustered = pilot(suite, 30, 4, (c, t) -> c >= 2 || t > 0, true);

    assertThat(GateEvaluator.evaluate(suite, clustered).criteria().get(0).message())
        .endsWith(
            "design effect 1.0, bounding 2.6); needs more than 120 paired cases for a 8.0 pp margin"
                + " (observed discordance 1.7%, difference -1.7 pp)");
    assertThat(SamplePlanTest.plan(suite, clustered).get(0).text())
        .as("the gate's answer, not the approximation's count below the pilot that decided nothing")
        .isEqualTo(
            "challenger non-inferior: { metric: pass-rate(schema), limit: 8pp }: more than 120"
                + " cases x 1 repeat (pilot: 120; observed discordance 1.7%, difference -1.7 pp,"
                + " design effect 1.0, bounding 2.6, over 30 clusters)");
  }

  @Test
  void aPairedMeanIsPlannedWithItsDesignEffect() {
    Evaluation clustered = ClusteredMeansTest.conversations(true);

    assertThat(
            GateEvaluator.evaluate(ClusteredMeansTest.SUITE, clustered).criteria().get(0).message())
        .contains("; needs about 260 paired cases at the observed difference and spread");
    assertThat(SamplePlanTest.plan(ClusteredMeansTest.SUITE, clustered).get(0).text())
        .as("the sd of the paired differences; the design effect widens it")
        .isEqualTo(
            "challenger non-inferior: { metric: latency-mean, limit: 100ms }: about 260 cases x 1"
                + " repeat (pilot: 120; observed difference 67 ms, sd 95 ms, design effect 4.1 over"
                + " 30 clusters)");
  }

  @Test
  void aPilotInOneClusterPlansNoCountAndSaysWhy() {
    SuiteSpec suite =
        GateEvaluatorTest.suite(
            GateSpec.minCases(1)
                .nonInferior("pass-rate(schema)", "10pp")
                .atLeast("pass-rate(schema)", "50%"));

    assertThat(SamplePlanTest.plan(suite, pilot(suite, 1, 40, 0, true)))
        .extracting(SamplePlan.Row::text)
        .containsExactly(
            "challenger non-inferior: { metric: pass-rate(schema), limit: 10pp }: observed"
                + " discordance 0.0%, difference 0.0 pp, design effect unknown over 1 cluster: with"
                + " fewer than 2 clusters the pilot cannot show how much they vary, so no count is"
                + " planned; run a pilot over more clusters",
            "challenger at-least: { metric: pass-rate(schema), limit: 50% }: design effect unknown"
                + " over 1 cluster: with fewer than 2 clusters the pilot cannot show how much they"
                + " vary, so no count is planned; run a pilot over more clusters");
  }
}

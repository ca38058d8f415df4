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
import org.junit.jupiter.api.Test;

/** {@code no-slice-regresses} over clustered cases: each slice judged over its own clusters. */
class ClusteredSlicesTest {
  static final SuiteSpec SUITE =
      GateEvaluatorTest.suite(
          GateSpec.minCases(1).noSliceRegresses("pass-rate(schema)", "15pp", 20));

  /**
   * Two slices: {@code returns}, one conversation of 40 turns both variants pass, and {@code
   * shipping}, 20 conversations of 4 turns both pass except one the challenger fails on every turn.
   */
  static Evaluation run(boolean clustered) {
    RunAccumulator accumulator =
        ClusteredMeansTest.accumulator(SUITE, List.of("category"), clustered);
    for (int t = 0; t < 40; t++) {
      accept(accumulator, "r-" + t, "returns", "returns-1", clustered, true);
    }
    for (int c = 0; c < 20; c++) {
      for (int t = 0; t < 4; t++) {
        accept(accumulator, "s-" + c + "-" + t, "shipping", "shipping-" + c, clustered, c > 0);
      }
    }
    return accumulator.finish();
  }

  static void accept(
      RunAccumulator accumulator,
      String id,
      String category,
      String conversation,
      boolean clustered,
      boolean challengerPasses) {
    EvalCase evalCase =
        EvalCase.of(id, Map.of())
            .withSlices(Map.of("category", category))
            .withCluster(clustered ? conversation : null);
    accumulator.accept(
        new CaseResult(
            evalCase,
            Map.of(),
            List.of(
                GateEvaluatorTest.outcome("control", true, 1000, 0.002),
                GateEvaluatorTest.outcome("challenger", challengerPasses, 1000, 0.002))),
        new int[] {3, 3});
  }

  @Test
  void independentCasesHoldInEverySlice() {
    Evaluation independent = run(false);
    CriterionResult result = GateEvaluator.evaluate(SUITE, independent).criteria().get(0);

    assertThat(independent.slices().get(0).comparisons().get(0).clustered()).isNull();
    assertThat(result.status()).isEqualTo(ClaimStatus.HOLDS);
    assertThat(result.message()).doesNotContain("cluster");
  }

  @Test
  void aSliceOfOneClusterCannotHoldAndEachSliceShowsItsOwnClusters() {
    GateResult gate = GateEvaluator.evaluate(SUITE, run(true));
    CriterionResult result = gate.criteria().get(0);

    assertThat(result.status()).isEqualTo(ClaimStatus.INCONCLUSIVE);
    assertThat(result.message())
        .isEqualTo(
            "challenger schema pass rate cannot be shown non-inferior to control in 2 of 2 judged"
                + " slices: category=returns 100.0% vs 100.0% (Δ 0.0 pp, 96.2% CI [-100.0, 100.0],"
                + " margin -15.0 pp, n=40, 1 cluster, design effect unknown (fewer than 2"
                + " clusters)), category=shipping 95.0% vs 100.0% (Δ -5.0 pp, 96.2% CI [-24.3,"
                + " 16.3], margin -15.0 pp, n=80, 20 clusters, design effect 4.2);"
                + " category=returns: observed discordance 0.0%, difference 0.0 pp, design effect"
                + " unknown over 1 cluster: with fewer than 2 clusters the pilot cannot show how"
                + " much they vary, so no count is planned; run a pilot over more clusters");
    assertThat(result.detects())
        .as("a slice of one cluster shows nothing, whatever its cases")
        .isEqualTo("none at n=40 (the least a judged slice shows)");
  }
}

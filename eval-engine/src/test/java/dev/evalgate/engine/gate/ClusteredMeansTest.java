package dev.evalgate.engine.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.evalgate.api.EvalCase;
import dev.evalgate.api.GateSpec;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.engine.metrics.Difference;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.RunAccumulator;
import dev.evalgate.engine.metrics.VariantLabel;
import dev.evalgate.engine.model.CaseResult;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Means of cases in clusters: a cluster bootstrap interval and a design effect on the bounds. */
class ClusteredMeansTest {
  static final SuiteSpec SUITE =
      GateEvaluatorTest.suite(GateSpec.minCases(1).nonInferior("latency-mean", "100ms"));

  /** An accumulator of {@code suite}'s schema check, slicing by {@code slices}. */
  static RunAccumulator accumulator(SuiteSpec suite, List<String> slices, boolean clustered) {
    return new RunAccumulator(
        suite.variants().stream().map(VariantLabel::of).toList(),
        List.of("schema"),
        1,
        suite.seed(),
        0.95,
        UnaryOperator.identity(),
        slices,
        clustered);
  }

  /**
   * 30 conversations of 4 turns: the challenger is 200 ms slower on every turn of 10 of them, as
   * fast on the others (a latency that belongs to the conversation, not the turn).
   */
  static Evaluation conversations(boolean clustered) {
    RunAccumulator accumulator = ClusteredMeansTest.accumulator(SUITE, List.of(), clustered);
    for (int c = 0; c < 30; c++) {
      for (int t = 0; t < 4; t++) {
        EvalCase evalCase =
            EvalCase.of("c-" + c + "-" + t, Map.of()).withCluster(clustered ? "conv-" + c : null);
        accumulator.accept(
            new CaseResult(
                evalCase,
                Map.of(),
                List.of(
                    GateEvaluatorTest.outcome("control", true, 1000, 0.002),
                    GateEvaluatorTest.outcome("challenger", true, c < 10 ? 1200 : 1000, 0.002))),
            new int[] {3, 3});
      }
    }
    return accumulator.finish();
  }

  @Test
  void turnsOfOneConversationWidenTheBoundsByTheDesignEffect() {
    Difference independent = conversations(false).comparisons().get(0).latencyMs();
    Difference clustered = conversations(true).comparisons().get(0).latencyMs();

    assertThat(independent.designEffect()).isNull();
    // every turn moves with its conversation: the 4 turns, times K/(K-1) for the clusters and
    // (n-1)/n for the sample variance it is compared with
    double effect = 4 * 30 / 29.0 * 119 / 120.0;
    assertThat(clustered.designEffect()).isCloseTo(effect, within(1e-9));
    assertThat(clustered.high() - clustered.low())
        .as("the cluster bootstrap's interval is about twice as wide")
        .isGreaterThan(1.6 * (independent.high() - independent.low()));
    assertThat(clustered.meanEstimate().orElseThrow().sd())
        .isCloseTo(independent.sd() * Math.sqrt(effect), within(1e-9));
  }

  @Test
  void metricsMdShowsTheGatesOwnMessage() throws java.io.IOException {
    String message = GateEvaluator.evaluate(SUITE, conversations(true)).criteria().get(0).message();

    assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("METRICS.md")).lines())
        .map(String::strip)
        .contains(message);
  }

  @Test
  void aMeanCriterionOverClustersSaysSoAndDecidesLess() {
    String independent =
        GateEvaluator.evaluate(SUITE, conversations(false)).criteria().get(0).message();
    String clustered =
        GateEvaluator.evaluate(SUITE, conversations(true)).criteria().get(0).message();

    assertThat(independent)
        .isEqualTo(
            "challenger mean latency 1,067 ms is non-inferior to control 1,000 ms (Δ 67 ms, 95% CI"
                + " [50, 85], margin +100 ms, n=120)");
    assertThat(clustered)
        .as("the same turns, 30 conversations: the bounds widen by the design effect's root")
        .isEqualTo(
            "challenger mean latency 1,067 ms cannot be shown non-inferior to control 1,000 ms (Δ"
                + " 67 ms, 95% CI [34, 103], margin +100 ms, n=120, design effect 4.1); needs about"
                + " 260 paired cases at the observed difference and spread");
  }
}

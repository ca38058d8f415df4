package dev.evalgate.engine.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.api.EvalCase;
import dev.evalgate.api.GateSpec;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.RunAccumulator;
import dev.evalgate.engine.model.CaseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * METRICS.md ("What a verdict promises") shows one message per criterion kind; each is the message
 * the gate writes for the run described beside it, word for word.
 */
class VerdictPromiseDocTest {
  private static List<String> documented;

  @BeforeAll
  static void read() throws IOException {
    String metrics = Files.readString(Path.of("METRICS.md"));
    int start = metrics.indexOf("### What a verdict promises");
    assertThat(start).as("METRICS.md has the section").isNotNegative();
    documented = metrics.substring(start).lines().map(String::strip).toList();
  }

  /** The message of the gate's only criterion for that challenger, after the family is decided. */
  private static String message(SuiteSpec suite, Evaluation evaluation, int criterion) {
    return GateEvaluator.evaluate(suite, evaluation).criteria().get(criterion).message();
  }

  /**
   * 200 cases: the control costs $1-5 per 1K calls, the challenger $0.48-2.4 (long tail: 1 in 5
   * cases costs five times the cheapest); latency 600-1,500 ms.
   */
  private static Evaluation costly(SuiteSpec suite, int n) {
    RunAccumulator accumulator = new RunAccumulator(suite);
    for (int i = 0; i < n; i++) {
      double weight = i % 5 == 4 ? 5 : 1 + i % 4 * 0.25;
      accumulator.accept(
          new CaseResult(
              EvalCase.of("c-" + i, Map.of()),
              Map.of(),
              List.of(
                  GateEvaluatorTest.outcome("control", true, 900, 0.001 * weight),
                  GateEvaluatorTest.outcome(
                      "challenger", true, 600 + (i * 37L) % 900, 0.00048 * weight))));
    }
    return accumulator.finish();
  }

  private static void assertDocumented(String message) {
    assertThat(documented).as("METRICS.md, What a verdict promises").contains(message);
  }

  @Test
  void nonInferiorUndecided() {
    SuiteSpec suite =
        GateEvaluatorTest.suite(GateSpec.minCases(10).nonInferior("pass-rate(schema)", "5pp"));
    assertDocumented(message(suite, GateEvaluatorTest.evaluate(suite, 60, 0, 2, 900, 0.001), 0));
  }

  @Test
  void nonInferiorViolated() {
    SuiteSpec suite =
        GateEvaluatorTest.suite(GateSpec.minCases(100).nonInferior("pass-rate(schema)", "2pp"));
    assertDocumented(message(suite, GateEvaluatorTest.evaluate(suite, 200, 5, 12, 900, 0.001), 0));
  }

  @Test
  void atLeastARateHolds() {
    SuiteSpec suite =
        GateEvaluatorTest.suite(GateSpec.minCases(10).atLeast("pass-rate(schema)", "90%"));
    assertDocumented(message(suite, GateEvaluatorTest.evaluate(suite, 200, 4, 0, 900, 0.001), 0));
  }

  @Test
  void atMostAPercentileOnTooFewCalls() {
    SuiteSpec suite =
        GateEvaluatorTest.suite(GateSpec.minCases(10).atMost("latency-p95", "2500ms"));
    assertDocumented(message(suite, GateEvaluatorTest.evaluate(suite, 50, 0, 0, 900, 0.001), 0));
  }

  @Test
  void atMostAMeanCostWithItsSkewAwareInterval() {
    SuiteSpec suite =
        GateEvaluatorTest.suite(GateSpec.minCases(10).atMost("cost-per-1k-calls", "$1.00"));
    assertDocumented(message(suite, costly(suite, 200), 0));
  }

  @Test
  void ratioAtMostHolds() {
    SuiteSpec suite =
        GateEvaluatorTest.suite(GateSpec.minCases(10).ratioAtMost("cost-per-1k-calls", "0.8"));
    assertDocumented(message(suite, costly(suite, 200), 0));
  }

  @Test
  void noNewFailuresViolated() {
    SuiteSpec suite = GateEvaluatorTest.suite(GateSpec.minCases(1).noNewFailures("schema"));
    assertDocumented(message(suite, GateEvaluatorTest.evaluate(suite, 50, 0, 2, 900, 0.001), 0));
  }

  @Test
  void minCasesUndecided() {
    SuiteSpec suite =
        GateEvaluatorTest.suite(
            GateSpec.minCases(1).with(dev.evalgate.api.CriterionSpec.minCases(100)));
    assertDocumented(message(suite, GateEvaluatorTest.evaluate(suite, 40, 0, 0, 900, 0.001), 0));
  }

  @Test
  void agreementHolds() {
    SuiteSpec suite = GateEvaluatorTest.suite(GateSpec.minCases(1).agreement("refusal", "90%"));
    Evaluation labelled =
        GateEvaluatorTest.evaluate(suite, 200, 0, 0, 900, 0.001)
            .withAgreement(
                List.of(
                    new dev.evalgate.engine.metrics.CheckAgreement(
                        "refusal",
                        "control",
                        dev.evalgate.engine.metrics.Rate.of(192, 200),
                        dev.evalgate.engine.metrics.Rate.of(40, 44),
                        dev.evalgate.engine.metrics.Rate.of(40, 44),
                        0,
                        null,
                        null,
                        null)));
    assertDocumented(message(suite, labelled, 0));
  }
}

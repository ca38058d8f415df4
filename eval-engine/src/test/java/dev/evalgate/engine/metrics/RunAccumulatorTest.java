package dev.evalgate.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.GateSpec;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.VariantOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RunAccumulatorTest {
  static SuiteSpec suite(int repeats) {
    return SuiteSpec.named("s")
        .dataset("d.jsonl")
        .control(VariantSpec.inProcess("control", p -> ModelResponse.ofText("x")))
        .challenger(VariantSpec.inProcess("challenger", p -> ModelResponse.ofText("x")))
        .check(Check.of("ok", x -> CheckResult.pass("ok", "")))
        .repeats(repeats)
        .gate(GateSpec.minCases(1).atLeast("pass-all-rate", "0%"))
        .build();
  }

  static VariantOutcome outcome(String variant, int repeat, boolean pass, long latencyMs) {
    ModelResponse response =
        new ModelResponse(
            "a b c",
            "stop",
            new TokenUsage(10, 3, false),
            Duration.ofMillis(latencyMs),
            null,
            200,
            null,
            null,
            null,
            false);
    return new VariantOutcome(
        variant, repeat, response, null, List.of(new CheckResult("ok", pass, null, "", Map.of())));
  }

  @Test
  void repeatsGivePassAllPassAnyFlipRateAndMajorityPairing() {
    RunAccumulator accumulator = new RunAccumulator(suite(3));
    boolean[][] challenger = {
      {true, true, true}, {true, false, true}, {false, false, true}, {false, false, false}
    };
    for (int c = 0; c < challenger.length; c++) {
      List<VariantOutcome> outcomes = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        outcomes.add(outcome("control", r, true, 100));
      }
      for (int r = 0; r < 3; r++) {
        outcomes.add(outcome("challenger", r, challenger[c][r], 100));
      }
      accumulator.accept(new CaseResult(EvalCase.of("c-" + c, Map.of()), Map.of(), outcomes));
    }

    Evaluation evaluation = accumulator.finish();

    RepeatStats stats = evaluation.variant("challenger").orElseThrow().repeats().get("ok");
    assertThat(stats.k()).isEqualTo(3);
    assertThat(stats.passAll()).isEqualTo(0.25);
    assertThat(stats.passAny()).isEqualTo(0.75);
    assertThat(stats.flipRate()).isEqualTo(0.5);
    CheckComparison ok = evaluation.comparison("challenger").orElseThrow().checks().get("ok");
    assertThat(ok.bothPass()).as("majority outcomes: pass, pass, fail, fail").isEqualTo(2);
    assertThat(ok.controlOnly()).isEqualTo(2);
    assertThat(ok.regressions()).containsExactly("c-2", "c-3");
  }

  @Test
  void erroredCasesAreExcludedFromPairingAndCountedByClass() {
    RunAccumulator accumulator = new RunAccumulator(suite(1));
    ModelResponse failed =
        ModelResponse.failure(ErrorClass.TIMEOUT, "slow", Duration.ofSeconds(5), 0);
    accumulator.accept(
        new CaseResult(
            EvalCase.of("c-1", Map.of()),
            Map.of(),
            List.of(
                outcome("control", 0, true, 100),
                new VariantOutcome("challenger", 0, failed, null, List.of()))));
    accumulator.accept(
        new CaseResult(
            EvalCase.of("c-2", Map.of()),
            Map.of(),
            List.of(outcome("control", 0, true, 100), outcome("challenger", 0, true, 300))));

    Evaluation evaluation = accumulator.finish();

    VariantMetrics challenger = evaluation.variant("challenger").orElseThrow();
    assertThat(challenger.errorsByClass()).containsEntry("timeout", 1L);
    assertThat(challenger.errorRate().rate()).isEqualTo(0.5);
    Comparison comparison = evaluation.comparison("challenger").orElseThrow();
    assertThat(comparison.pairs()).isEqualTo(1);
    assertThat(comparison.excluded()).isEqualTo(1);
    assertThat(comparison.latencyMs().mean()).isCloseTo(200, within(1e-6));
    assertThat(challenger.cost().total()).as("unknown prices stay unknown").isNull();
  }

  @Test
  void latencyPercentilesMatchASortedList() {
    RunAccumulator accumulator = new RunAccumulator(suite(1));
    long[] latencies = LongStream.rangeClosed(1, 1000).map(i -> (i * 7919) % 1000 + 1).toArray();
    for (int i = 0; i < latencies.length; i++) {
      accumulator.accept(
          new CaseResult(
              EvalCase.of("c-" + i, Map.of()),
              Map.of(),
              List.of(
                  outcome("control", 0, true, latencies[i]),
                  outcome("challenger", 0, true, latencies[i]))));
    }

    Distribution latency = accumulator.finish().variant("control").orElseThrow().latencyMs();

    long[] sorted = latencies.clone();
    java.util.Arrays.sort(sorted);
    assertThat(latency.p50()).isCloseTo(sorted[499], within(sorted[499] * 0.002));
    assertThat(latency.p95()).isCloseTo(sorted[949], within(sorted[949] * 0.002));
    assertThat(latency.p99()).isCloseTo(sorted[989], within(sorted[989] * 0.002));
    assertThat(latency.max()).isCloseTo(1000, within(1.0));
  }

  @Test
  void bootstrapIntervalsDrawnOnOtherThreadsGiveTheSameEvaluation() throws Exception {
    RunAccumulator onThisThread = new RunAccumulator(suite(1));
    RunAccumulator onWorkers = new RunAccumulator(suite(1));
    for (int i = 0; i < 3000; i++) {
      CaseResult result =
          new CaseResult(
              EvalCase.of("c-" + i, Map.of()),
              Map.of(),
              List.of(
                  outcome("control", 0, i % 3 != 0, 20 + (i * 31) % 97),
                  outcome("challenger", 0, i % 4 != 0, 60 + (i * 17) % 89)));
      onThisThread.accept(result);
      onWorkers.accept(result);
    }
    java.util.concurrent.ExecutorService workers =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    java.util.concurrent.atomic.AtomicInteger handedOver =
        new java.util.concurrent.atomic.AtomicInteger();
    try {
      Evaluation parallel =
          onWorkers.finish(
              task -> {
                handedOver.incrementAndGet();
                workers.execute(task);
              });
      Evaluation sequential = onThisThread.finish();

      assertThat(handedOver)
          .as(
              "latency, output tokens, calls per case and tokens per case intervals, for the one"
                  + " challenger")
          .hasValue(4);
      assertThat(parallel).isEqualTo(sequential);
      Comparison comparison = parallel.comparisons().get(0);
      assertThat(comparison.latencyMs().low())
          .isLessThan(comparison.latencyMs().mean())
          .isPositive();
      assertThat(comparison.latencyMs().high()).isGreaterThan(comparison.latencyMs().mean());
    } finally {
      workers.shutdownNow();
    }
  }
}

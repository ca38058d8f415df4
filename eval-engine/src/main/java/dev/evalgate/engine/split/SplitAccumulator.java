package dev.evalgate.engine.split;

import dev.evalgate.engine.gate.Metric;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.Rate;
import dev.evalgate.engine.metrics.RunAccumulator;
import dev.evalgate.engine.metrics.VariantLabel;
import dev.evalgate.engine.metrics.VariantMetrics;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.VariantOutcome;
import dev.evalgate.engine.stats.Estimate;
import dev.evalgate.engine.stats.IndependentBootstrap;
import dev.evalgate.engine.stats.IndependentProportions;
import dev.evalgate.engine.stats.Interval;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Accumulates a traffic split: each case answered by one variant. Per-variant metrics are those of
 * any run (the same accumulator, fed one variant's outcome per case); the comparisons are unpaired:
 * Newcombe's hybrid score interval for the difference of two independent proportions, and a seeded
 * bootstrap of independent means for latency and cost, in bounded memory.
 */
public final class SplitAccumulator {
  private final List<String> checks;
  private final String control;
  private final RunAccumulator metrics;
  private final Map<String, Sides> sides = new LinkedHashMap<>();

  /** One challenger's bootstraps against the control, and whether every cost was known. */
  private static final class Sides {
    final IndependentBootstrap latency;
    final IndependentBootstrap cost;
    boolean costKnown = true;

    Sides(long seed) {
      this.latency = new IndependentBootstrap(seed);
      this.cost = new IndependentBootstrap(seed + 1);
    }
  }

  private final double confidence;

  public SplitAccumulator(
      List<VariantLabel> variants,
      List<String> checks,
      long seed,
      double confidence,
      UnaryOperator<String> redact) {
    this.checks = List.copyOf(checks);
    this.confidence = confidence;
    this.metrics = new RunAccumulator(variants, checks, 1, seed, confidence, redact);
    this.control = variants.stream().filter(VariantLabel::control).findFirst().orElseThrow().name();
    long next = seed;
    for (VariantLabel variant : variants) {
      if (!variant.control()) {
        sides.put(variant.name(), new Sides(next));
        next += 2;
      }
    }
  }

  /** One case, answered by exactly one variant. */
  public void accept(CaseResult result) {
    metrics.accept(result, metrics.prepare(result));
    for (VariantOutcome outcome : result.outcomes()) {
      if (outcome.errored()) {
        continue;
      }
      double ms = outcome.response().latency().toNanos() / 1e6;
      Double costUsd = outcome.costUsd();
      for (Map.Entry<String, Sides> entry : sides.entrySet()) {
        Sides pair = entry.getValue();
        boolean challengerSide = outcome.variant().equals(entry.getKey());
        if (!challengerSide && !outcome.variant().equals(control)) {
          continue;
        }
        if (challengerSide) {
          pair.latency.addChallenger(ms);
        } else {
          pair.latency.addControl(ms);
        }
        if (costUsd == null) {
          pair.costKnown = false;
        } else if (challengerSide) {
          pair.cost.addChallenger(costUsd);
        } else {
          pair.cost.addControl(costUsd);
        }
      }
    }
  }

  /** Per-variant metrics (no paired comparisons: no case has two answers) and the comparisons. */
  public Split finish() {
    Evaluation paired = metrics.finish();
    Evaluation evaluation =
        new Evaluation(paired.cases(), paired.repeats(), paired.variants(), List.of());
    VariantMetrics controlMetrics = evaluation.variant(control).orElseThrow();
    List<SplitComparison> comparisons = new ArrayList<>();
    for (Map.Entry<String, Sides> entry : sides.entrySet()) {
      String challengerName = entry.getKey();
      Sides pair = entry.getValue();
      VariantMetrics challengerMetrics = evaluation.variant(challengerName).orElseThrow();
      List<UnpairedDifference> differences = new ArrayList<>();
      List<String> rates = new ArrayList<>();
      checks.forEach(check -> rates.add("pass-rate(" + check + ")"));
      rates.addAll(List.of("pass-all-rate", "error-rate", "refusal-rate"));
      for (String name : rates) {
        Metric metric = Metric.parse(name);
        Rate challenger = metric.rate(challengerMetrics);
        Rate controlRate = metric.rate(controlMetrics);
        if (challenger == null || controlRate == null || challenger.n() + controlRate.n() == 0) {
          continue; // a refusal rate without a refusal check, say: nothing to compare
        }
        differences.add(rate(name, challenger, controlRate));
      }
      differences.add(
          mean(
              "latency-mean",
              pair.latency.estimate(),
              Metric.parse("latency-mean").value(challengerMetrics),
              Metric.parse("latency-mean").value(controlMetrics),
              challengerMetrics.answered(),
              controlMetrics.answered(),
              true));
      differences.add(
          mean(
              "cost-per-call",
              pair.cost.estimate(),
              Metric.parse("cost-per-call").value(challengerMetrics),
              Metric.parse("cost-per-call").value(controlMetrics),
              challengerMetrics.answered(),
              controlMetrics.answered(),
              pair.costKnown));
      comparisons.add(new SplitComparison(challengerName, control, differences));
    }
    return new Split(evaluation, comparisons);
  }

  private UnpairedDifference rate(String name, Rate challenger, Rate control) {
    IndependentProportions d =
        new IndependentProportions(
            challenger.count(), challenger.n(), control.count(), control.n());
    Interval interval = d.interval(confidence);
    return new UnpairedDifference(
        name,
        challenger.rate(),
        control.rate(),
        challenger.n() == 0 || control.n() == 0 ? null : d.value(),
        interval.low(),
        interval.high(),
        challenger.n(),
        control.n(),
        "newcombe-independent");
  }

  private UnpairedDifference mean(
      String name,
      Estimate estimate,
      @Nullable Double challenger,
      @Nullable Double control,
      long challengerN,
      long controlN,
      boolean known) {
    if (!known || challengerN == 0 || controlN == 0) {
      return new UnpairedDifference(
          name, null, null, null, null, null, challengerN, controlN, "bootstrap-independent");
    }
    Interval interval = estimate.interval(confidence);
    double value = estimate.value();
    return new UnpairedDifference(
        name,
        challenger,
        control,
        value,
        interval.low(),
        interval.high(),
        challengerN,
        controlN,
        "bootstrap-independent");
  }

  /**
   * A traffic split's figures.
   *
   * @param evaluation per-variant metrics, without paired comparisons
   * @param comparisons each challenger against the control, unpaired
   */
  public record Split(Evaluation evaluation, List<SplitComparison> comparisons) {
    public Split {
      comparisons = List.copyOf(comparisons);
    }

    public SplitComparison comparison(String challenger) {
      return comparisons.stream()
          .filter(c -> c.challenger().equals(challenger))
          .findFirst()
          .orElseThrow();
    }
  }
}

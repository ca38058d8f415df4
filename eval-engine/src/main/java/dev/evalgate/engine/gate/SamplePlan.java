package dev.evalgate.engine.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.evalgate.api.CriterionSpec;
import dev.evalgate.api.GateSpec;
import dev.evalgate.engine.metrics.CheckComparison;
import dev.evalgate.engine.metrics.Comparison;
import dev.evalgate.engine.metrics.Difference;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.VariantMetrics;
import dev.evalgate.engine.stats.ClusteredMean;
import dev.evalgate.engine.stats.Estimate;
import dev.evalgate.engine.stats.Mean;
import dev.evalgate.engine.stats.PairedProportions;
import dev.evalgate.engine.stats.Ratio;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * How many cases (each answered as often as the pilot answered it) would decide each criterion of a
 * gate if what a pilot run observed were the truth: the rates, discordance and spread of its
 * evaluation, read with the same {@link Planning} figures the gate's INCONCLUSIVE reasons use, at
 * 80 % power and the level a challenger's criterion meets first in the gate's family (the suite's
 * one-sided alpha over the challengers, Holm's first step).
 *
 * <pre>{@code
 * List<SamplePlan.Row> rows = SamplePlan.plan(control, challengers, report.policy(), report.evaluation());
 * rows.get(0).text(); // "challenger non-inferior pass-rate(schema) 2pp: about 640 cases x 1 repeat (...)"
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SamplePlan {
  private SamplePlan() {}

  /**
   * One criterion's plan for one challenger.
   *
   * @param criterion the criterion as written
   * @param variant the challenger, or {@code null} for a suite-wide criterion
   * @param pilotCases the cases the pilot judged it on
   * @param repeats the answers per case and variant the plan assumes (the pilot's)
   * @param cases the cases that would decide it with 80 % power, or {@code null} when no count
   *     would ({@code reason} says why)
   * @param reason what was observed, or why there is no count
   */
  public record Row(
      String criterion,
      @Nullable String variant,
      long pilotCases,
      int repeats,
      @Nullable Long cases,
      String reason) {

    /**
     * {@code challenger non-inferior pass-rate(schema) 2pp: about 640 cases x 1 repeat (pilot: 200;
     * observed discordance 3.5%, difference -0.5 pp)}.
     */
    public String text() {
      return (variant == null ? "" : variant + " ")
          + criterion
          + ": "
          + (cases == null
              ? reason
              : "about "
                  + Planning.count(cases)
                  + " cases x "
                  + repeats
                  + (repeats == 1 ? " repeat" : " repeats")
                  + " (pilot: "
                  + pilotCases
                  + "; "
                  + reason
                  + ")");
    }
  }

  /**
   * The plan of every criterion of {@code gate} for every challenger it names, from a pilot's
   * evaluation.
   */
  public static List<Row> plan(
      String control, List<String> challengers, GateSpec gate, Evaluation evaluation) {
    double alpha = (1 - gate.confidence()) / 2 / Math.max(1, challengers.size());
    int repeats = evaluation.repeats();
    VariantMetrics controlMetrics = evaluation.variant(control).orElse(null);
    List<Row> rows = new ArrayList<>();
    for (CriterionSpec criterion : gate.criteria()) {
      String suiteWide =
          switch (criterion.kind()) {
            case MIN_CASES ->
                "a count, not an estimate: needs "
                    + Planning.count((long) criterion.limit())
                    + " paired cases without errors";
            case AGREEMENT ->
                "judged on the answers people labelled, not on more cases: label more answers to"
                    + " narrow its interval";
            default -> null;
          };
      if (suiteWide != null) {
        // about the suite, not a challenger: no count of cases would decide it
        rows.add(new Row(criterion.text(), null, evaluation.cases(), repeats, null, suiteWide));
        continue;
      }
      double level = criterion.confidence() == null ? alpha : (1 - criterion.confidence()) / 2;
      List<String> targets =
          criterion.variant() != null ? List.of(criterion.variant()) : challengers;
      for (String challenger : targets) {
        VariantMetrics metrics = evaluation.variant(challenger).orElse(null);
        Comparison comparison = evaluation.comparison(challenger).orElse(null);
        if (metrics == null || controlMetrics == null) {
          rows.add(
              new Row(
                  criterion.text(),
                  challenger,
                  0,
                  repeats,
                  null,
                  "the report has no data for it: variant '"
                      + (metrics == null ? challenger : control)
                      + "' is not in the report"));
          continue;
        }
        String missing = Evidence.cause(criterion, evaluation, metrics, controlMetrics, comparison);
        if (missing != null && !missing.isEmpty()) {
          rows.add(
              new Row(
                  criterion.text(),
                  challenger,
                  0,
                  repeats,
                  null,
                  "the report has no data for it: " + missing));
          continue;
        }
        rows.add(row(criterion, challenger, metrics, controlMetrics, comparison, level, repeats));
      }
    }
    return rows;
  }

  private static Row row(
      CriterionSpec criterion,
      String challenger,
      VariantMetrics metrics,
      VariantMetrics controlMetrics,
      @Nullable Comparison comparison,
      double alpha,
      int repeats) {
    String text = criterion.text();
    if (criterion.kind() == CriterionSpec.Kind.NO_NEW_FAILURES) {
      return new Row(
          text,
          challenger,
          comparison == null ? 0 : comparison.pairs(),
          repeats,
          null,
          "a count, not an estimate: any regression violates it at any number of cases");
    }
    if (criterion.kind() == CriterionSpec.Kind.NO_SLICE_REGRESSES) {
      return new Row(
          text,
          challenger,
          comparison == null ? 0 : comparison.pairs(),
          repeats,
          null,
          "judged slice by slice: each slice needs its own paired cases (at least min-cases "
              + criterion.minCases()
              + "); the pilot's slices in report.md show how many each has");
    }
    Metric metric = Metric.parse(criterion.metric());
    if (criterion.kind() == CriterionSpec.Kind.NON_INFERIOR) {
      if (comparison == null) {
        return new Row(
            text, challenger, 0, repeats, null, "the report has no data for it: no comparison");
      }
      return nonInferior(text, challenger, metric, comparison, criterion.limit(), alpha, repeats);
    }
    if (criterion.kind() == CriterionSpec.Kind.RATIO_AT_MOST) {
      return ratio(
          text, challenger, metric, metrics, controlMetrics, criterion.limit(), alpha, repeats);
    }
    boolean atMost = criterion.kind() == CriterionSpec.Kind.AT_MOST;
    Estimate estimate = metric.estimate(metrics);
    Double value = metric.value(metrics);
    if (estimate == null || value == null) {
      return new Row(
          text,
          challenger,
          metric.n(metrics),
          repeats,
          null,
          "the report has no estimate with a spread for it (a fact of the run, an unknown price,"
              + " or a report written before the spread was kept)");
    }
    LimitPlan plan = LimitPlan.of(metric, estimate, criterion.limit(), atMost, alpha);
    String observed = "observed " + Format.value(metric.unit(), value);
    if (plan.cases() == null) {
      return new Row(
          text,
          challenger,
          estimate.n(),
          repeats,
          null,
          observed + " sits on the limit: no number of cases decides it");
    }
    return new Row(
        text,
        challenger,
        estimate.n(),
        repeats,
        plan.cases(),
        observed
            + (plan.claimedSide() ? ", to show it within " : ", to show it beyond ")
            + Format.value(metric.unit(), criterion.limit()));
  }

  private static Row nonInferior(
      String text,
      String challenger,
      Metric metric,
      Comparison comparison,
      double margin,
      double alpha,
      int repeats) {
    CheckComparison table = metric.unit() == Metric.Unit.RATE ? metric.paired(comparison) : null;
    if (metric.unit() == Metric.Unit.RATE) {
      if (table == null || table.n() == 0) {
        return new Row(
            text, challenger, 0, repeats, null, "the report has no data for it: no paired results");
      }
      PairedProportions passes =
          new PairedProportions(
              table.bothPass(), table.challengerOnly(), table.controlOnly(), table.bothFail());
      double sign = metric.higherIsBetter() ? 1 : -1;
      String observed =
          "observed discordance "
              + Format.value(Metric.Unit.RATE, passes.discordance())
              + ", difference "
              + Format.delta(Metric.Unit.RATE, sign * passes.value());
      double distance = margin + passes.value();
      if (!(distance > 0)) {
        return new Row(
            text,
            challenger,
            passes.n(),
            repeats,
            null,
            observed + ": beyond the margin, more cases would rather show it violated");
      }
      return new Row(
          text,
          challenger,
          passes.n(),
          repeats,
          Planning.cases(
              Planning.pairedVariance(passes.discordance(), passes.value(), passes.n()),
              distance,
              alpha),
          observed);
    }
    Difference d = metric.difference(comparison);
    double scale = metric.kind() == Metric.Kind.COST_PER_1K_CALLS ? 1000 : 1;
    Mean difference = d == null ? null : d.meanEstimate().map(m -> m.times(scale)).orElse(null);
    if (difference == null) {
      return new Row(
          text,
          challenger,
          comparison.pairs(),
          repeats,
          null,
          "the report has no spread of the paired difference (an unknown price, or a report"
              + " written before the spread was kept)");
    }
    double variance = difference.sd() * difference.sd();
    double distance = margin - difference.mean();
    String observed =
        "observed difference "
            + Format.delta(metric.unit(), difference.mean())
            + ", sd "
            + Format.value(metric.unit(), difference.sd());
    if (!(distance > 0) || !(variance > 0)) {
      return new Row(
          text,
          challenger,
          difference.n(),
          repeats,
          null,
          observed
              + (distance > 0
                  ? ": no spread, every case differs alike"
                  : ": beyond the margin, more cases would rather show it violated"));
    }
    return new Row(
        text,
        challenger,
        difference.n(),
        repeats,
        Planning.cases(variance, distance, alpha),
        observed);
  }

  private static Row ratio(
      String text,
      String challenger,
      Metric metric,
      VariantMetrics metrics,
      VariantMetrics controlMetrics,
      double limit,
      double alpha,
      int repeats) {
    Mean numerator = ClusteredMean.effectiveMean(metric.estimate(metrics));
    Mean denominator = ClusteredMean.effectiveMean(metric.estimate(controlMetrics));
    if (numerator == null || denominator == null || !(denominator.mean() > 0)) {
      return new Row(
          text,
          challenger,
          metric.n(metrics),
          repeats,
          null,
          "a ratio of percentiles or rates, an unknown value or a report without the spread is"
              + " judged as measured: no number of cases changes it");
    }
    Ratio estimate = Ratio.ofMeans(numerator, denominator);
    // per case, the log of the ratio varies as n times its squared standard error, as the gate
    // reads it
    double variance = estimate.logStandardError() * estimate.logStandardError() * estimate.n();
    double distance = Math.abs(Math.log(limit) - Math.log(estimate.value()));
    String observed = "observed ratio " + Format.ratio(estimate.value());
    if (!(variance > 0) || !(distance > 0)) {
      return new Row(
          text,
          challenger,
          estimate.n(),
          repeats,
          null,
          observed + " sits on the limit or has no spread: no number of cases decides it");
    }
    return new Row(
        text,
        challenger,
        estimate.n(),
        repeats,
        Planning.cases(variance, distance, alpha),
        observed
            + (estimate.value() <= limit ? ", to show it within " : ", to show it beyond ")
            + Format.ratio(limit));
  }
}

package dev.evalgate.engine.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.evalgate.api.CriterionSpec;
import dev.evalgate.api.GateSpec;
import dev.evalgate.engine.metrics.CheckComparison;
import dev.evalgate.engine.metrics.Clustered;
import dev.evalgate.engine.metrics.Comparison;
import dev.evalgate.engine.metrics.Difference;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.VariantMetrics;
import dev.evalgate.engine.stats.ClusteredMean;
import dev.evalgate.engine.stats.Estimate;
import dev.evalgate.engine.stats.Finding;
import dev.evalgate.engine.stats.Judgement;
import dev.evalgate.engine.stats.Mean;
import dev.evalgate.engine.stats.PairedProportions;
import dev.evalgate.engine.stats.Ratio;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * How many cases (each answered as often as the pilot answered it) would decide each criterion of a
 * gate if what a pilot run observed were the truth: the rates, discordance and spread of its
 * evaluation, read with the same {@link Planning} figures the gate's INCONCLUSIVE reasons use, at
 * 80 % power and the level the gate judges the criterion at on the pilot ({@link
 * GateEvaluator#judgements}: Holm's step across the challengers, or the criterion's own
 * confidence); a row at a later step than the first says so, since the plan assumes the challengers
 * promoted before it on the pilot are promoted again.
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
   * @param pilotCases the cases the pilot judged it on (with repeats, the answers of a metric over
   *     answers k to a case, as {@code cases} counts them)
   * @param repeats the answers per case and variant the plan assumes (the pilot's)
   * @param cases the cases that would decide it with 80 % power, or {@code null} when no count
   *     would ({@code reason} says why)
   * @param reason what was observed, or why there is no count
   * @param undecided whether the gate's judgement of the pilot decided nothing (its finding at the
   *     levels it judged the criterion at): then, as the gate's INCONCLUSIVE reason does, a count
   *     no larger than the pilot's reads "more than" the pilot's ({@link Planning#needs})
   */
  public record Row(
      String criterion,
      @Nullable String variant,
      long pilotCases,
      int repeats,
      @Nullable Long cases,
      String reason,
      boolean undecided) {

    /** A row whose count, if any, is stated as planned. */
    public Row(
        String criterion,
        @Nullable String variant,
        long pilotCases,
        int repeats,
        @Nullable Long cases,
        String reason) {
      this(criterion, variant, pilotCases, repeats, cases, reason, false);
    }

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
              : planned()
                  + " cases x "
                  + repeats
                  + (repeats == 1 ? " repeat" : " repeats")
                  + " (pilot: "
                  + pilotCases
                  + "; "
                  + reason
                  + ")");
    }

    /** This row with another reason, and whether the pilot decided nothing at its level. */
    Row with(String otherReason, boolean isUndecided) {
      return new Row(criterion, variant, pilotCases, repeats, cases, otherReason, isUndecided);
    }

    /** "about 640", or "more than 60" when the pilot decided nothing ({@link Planning#needs}). */
    private String planned() {
      long count = Objects.requireNonNull(cases, "a row with a count");
      return undecided ? Planning.needs(count, pilotCases) : "about " + Planning.count(count);
    }
  }

  /**
   * The plan of every criterion of {@code gate} for every challenger it names, from a pilot's
   * evaluation.
   */
  public static List<Row> plan(
      String control, List<String> challengers, GateSpec gate, Evaluation evaluation) {
    int repeats = evaluation.repeats();
    VariantMetrics controlMetrics = evaluation.variant(control).orElse(null);
    // the gate's own judgement of the pilot: its findings and the levels (Holm's steps) it took
    List<Map<String, GateEvaluator.PilotJudgement>> judged =
        controlMetrics == null
            ? List.of()
            : GateEvaluator.judgements(control, challengers, gate, evaluation);
    List<Row> rows = new ArrayList<>();
    for (int index = 0; index < gate.criteria().size(); index++) {
      CriterionSpec criterion = gate.criteria().get(index);
      String suiteWide =
          switch (criterion.kind()) {
            case MIN_CASES ->
                "a count, not an estimate: needs "
                    + Planning.count((long) criterion.limit())
                    + " paired cases without errors";
            case AGREEMENT -> {
              // as the gate's INCONCLUSIVE reason says it: no labelled answer, and how to label
              String unlabelled = AgreementCriterion.unlabelled(criterion.metric(), evaluation);
              yield unlabelled == null
                  ? "judged on the answers people labelled, not on more cases: label more answers"
                      + " to narrow its interval"
                  : "the report has no data for it: "
                      + unlabelled
                      + " (docs/suites.md, \"Labels\")";
            }
            default -> null;
          };
      if (suiteWide != null) {
        // about the suite, not a challenger: no count of cases would decide it
        rows.add(new Row(criterion.text(), null, evaluation.cases(), repeats, null, suiteWide));
        continue;
      }
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
        // as the gate does, a cause of no evidence only where the criterion has none: a refusal
        // rate's "no refusal check classified an answer" is not true of a pilot that has them
        String missing =
            evaluation.cases() > 0 && evidence(criterion, metrics, comparison) > 0
                ? null
                : Evidence.cause(criterion, evaluation, metrics, controlMetrics, comparison);
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
        GateEvaluator.PilotJudgement pilot = judged.get(index).get(challenger);
        if (pilot == null) {
          throw new IllegalStateException(
              "the gate judged no " + criterion.text() + " for " + challenger);
        }
        Judgement judgement = pilot.judged();
        // every count reads as the gate's reason would: "more than" the pilot when the gate's
        // judgement of the pilot at that level decided nothing (Planning.needs), whatever the kind
        Function<Judgement, Row> at =
            j -> {
              Row planned =
                  row(
                      criterion,
                      challenger,
                      metrics,
                      controlMetrics,
                      comparison,
                      evaluation,
                      j.alphaHolds(),
                      j.finding() == Finding.INCONCLUSIVE,
                      repeats);
              return planned.cases() == null
                  ? planned
                  : planned.with(planned.reason(), j.finding() == Finding.INCONCLUSIVE);
            };
        Row row = at.apply(judgement);
        // evalgate:plan's heading states the suite's confidence: a row judged at another says so
        String step =
            criterion.confidence() == null
                ? challengers.contains(challenger)
                    ? step(
                        judgement.alphaHolds(),
                        (1 - gate.confidence()) / 2,
                        challengers.size(),
                        // the same row at Holm's first step, where the gate judges the criterion
                        // when no other challenger is promoted before it
                        () -> at.apply(pilot.firstStep()))
                    : ""
                : criterion.confidence() == gate.confidence()
                    ? ""
                    : "; at one-sided "
                        + Format.level(judgement.alphaHolds())
                        + ", the criterion's own "
                        + Format.confidence(criterion.confidence())
                        + " confidence";
        rows.add(row.cases() == null ? row : row.with(row.reason() + step, row.undecided()));
      }
    }
    return rows;
  }

  /**
   * "; at one-sided 2.5%, Holm's step 2 of 2 where the gate judged the pilot, once 1 other
   * challenger was promoted; if that promotion does not repeat, it is judged at the first step,
   * 1.25%, and needs about 26 cases" when the gate judged the pilot's criterion at a later step of
   * Holm's procedure across the challengers than the first: the count assumes the challengers
   * promoted before it are promoted again; else empty.
   *
   * @param first the criterion's row planned at the first step
   */
  private static String step(double level, double alpha, int challengers, Supplier<Row> first) {
    double firstLevel = alpha / Math.max(1, challengers);
    // the steps are alpha / k, alpha / (k - 1), ...: the one taken is the challengers left then
    long left = Math.round(alpha / level);
    if (!(level > firstLevel * (1 + 1e-9)) || left >= challengers) {
      return "";
    }
    Row atFirst = first.get();
    long promoted = challengers - left;
    return "; at one-sided "
        + Format.level(level)
        + ", Holm's step "
        + (promoted + 1)
        + " of "
        + challengers
        + " where the gate judged the pilot, once "
        + promoted
        + (promoted == 1 ? " other challenger was" : " other challengers were")
        + " promoted; "
        + (promoted == 1 ? "if that promotion does" : "if those promotions do")
        + " not repeat, it is judged at the first step, "
        + Format.level(firstLevel)
        + (atFirst.cases() == null
            ? ", where " + atFirst.reason()
            : ", and needs " + atFirst.planned() + " cases");
  }

  /** The pilot's evidence for a criterion, as the gate's n counts it: 0 when it has none. */
  private static long evidence(
      CriterionSpec criterion, VariantMetrics metrics, @Nullable Comparison comparison) {
    if (criterion.kind() == CriterionSpec.Kind.NO_NEW_FAILURES) {
      CheckComparison table =
          comparison == null ? null : comparison.checks().get(criterion.metric());
      return table == null ? 0 : table.n();
    }
    Metric metric = Metric.parse(criterion.metric());
    if (criterion.kind() != CriterionSpec.Kind.NON_INFERIOR
        && criterion.kind() != CriterionSpec.Kind.NO_SLICE_REGRESSES) {
      return metric.n(metrics);
    }
    if (comparison == null) {
      return 0;
    }
    if (metric.unit() == Metric.Unit.RATE) {
      CheckComparison table = metric.paired(comparison);
      return table == null ? 0 : table.n();
    }
    Difference d = metric.difference(comparison);
    return d == null ? 0 : d.n();
  }

  private static Row row(
      CriterionSpec criterion,
      String challenger,
      VariantMetrics metrics,
      VariantMetrics controlMetrics,
      @Nullable Comparison comparison,
      Evaluation evaluation,
      double alpha,
      boolean undecided,
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
      return slices(criterion, challenger, comparison, evaluation, alpha, undecided, repeats);
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
          text,
          challenger,
          metric,
          metrics,
          controlMetrics,
          evaluation,
          criterion.limit(),
          alpha,
          repeats);
    }
    boolean atMost = criterion.kind() == CriterionSpec.Kind.AT_MOST;
    Estimate found = metric.estimate(metrics);
    Double value = metric.value(metrics);
    if (found == null || value == null) {
      return new Row(
          text,
          challenger,
          ofCases(metric.n(metrics), metric, repeats),
          repeats,
          null,
          "the report has no estimate with a spread for it (a fact of the run, an unknown price,"
              + " or a report written before the spread was kept)");
    }
    // a rate or mean of clustered answers (dataset.cluster, or a case's repeats) is judged over
    // its clusters, so it is planned over them: the gate's estimate and design effect
    LimitClusters clusters = LimitClusters.of(metric, metrics, evaluation);
    if (clusters != null && Double.isInfinite(clusters.designEffect())) {
      return new Row(
          text,
          challenger,
          ofCases(found.n(), metric, repeats),
          repeats,
          null,
          clusters.evidence()
              + (clusters.predates() ? ": " + LimitClusters.PREDATES : UNKNOWN_DESIGN));
    }
    Estimate estimate = clusters == null ? found : clusters.over(found);
    String used = clusters == null ? "" : "; " + clusters.evidence(estimate);
    LimitPlan plan = LimitPlan.of(metric, estimate, criterion.limit(), atMost, alpha);
    String observed = "observed " + Format.value(metric.unit(), value);
    if (plan.cases() == null) {
      return new Row(
          text,
          challenger,
          ofCases(estimate.n(), metric, repeats),
          repeats,
          null,
          observed + " sits on the limit: no number of cases decides it" + used);
    }
    return new Row(
        text,
        challenger,
        ofCases(estimate.n(), metric, repeats),
        repeats,
        ofCases(plan.cases(), metric, repeats),
        observed
            + (plan.claimedSide() ? ", to show it within " : ", to show it beyond ")
            + Format.value(metric.unit(), criterion.limit())
            + used);
  }

  /**
   * The cases that hold {@code count} of what a metric counts, as {@code dataset.limit} takes them:
   * with repeats, a metric over answers counts k to a case (the gate's "needs about N answers"),
   * the pilot's n as the planned count.
   */
  private static long ofCases(long count, Metric metric, int repeats) {
    return metric.perAnswer() && repeats > 1 && count != Long.MAX_VALUE
        ? (count + repeats - 1) / repeats
        : count;
  }

  /** Why a pilot whose clusters are too few plans nothing, after what it observed. */
  private static final String UNKNOWN_DESIGN =
      ": with fewer than 2 clusters the pilot cannot show how much they vary, so no count is"
          + " planned; run a pilot over more clusters";

  /**
   * What a paired pass-rate difference needs to be shown non-inferior, as the gate's "needs about N
   * paired cases" counts it (over the clusters, when its cases come in them).
   *
   * @param figures what the pilot observed, as a row reads it
   * @param cases the paired cases, or {@code null} when no count decides it
   * @param why after the figures, why there is no count; empty with one
   */
  record PairedNeed(String figures, @Nullable Long cases, String why) {
    static PairedNeed of(
        PairedProportions passes,
        @Nullable PairedClusters clustered,
        double margin,
        double alpha,
        double sign) {
      String figures =
          "observed discordance "
              + Format.value(Metric.Unit.RATE, passes.discordance())
              + ", difference "
              + Format.delta(Metric.Unit.RATE, sign * passes.value())
              + (clustered == null ? "" : ", " + clustered.evidence());
      double inflation = clustered == null ? 1 : clustered.inflation();
      if (Double.isInfinite(inflation)) {
        return new PairedNeed(
            figures, null, clustered == null ? UNKNOWN_DESIGN : clustered.unknown(UNKNOWN_DESIGN));
      }
      double distance = margin + passes.value();
      if (!(distance > 0)) {
        return new PairedNeed(
            figures, null, ": beyond the margin, more cases would rather show it violated");
      }
      return new PairedNeed(
          figures,
          Planning.cases(
              Planning.pairedVariance(passes.discordance(), passes.value(), passes.n()) * inflation,
              distance,
              alpha),
          "");
    }
  }

  /** {@code no-slice-regresses}: the count of the slice that needs most ({@link SliceNeed}). */
  private static Row slices(
      CriterionSpec criterion,
      String challenger,
      @Nullable Comparison comparison,
      Evaluation evaluation,
      double alpha,
      boolean undecided,
      int repeats) {
    SliceNeed need = SliceNeed.of(criterion, challenger, comparison, evaluation, alpha, undecided);
    return new Row(
        criterion.text(), challenger, need.total(), repeats, need.cases(), need.reason());
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
      // cases in clusters are judged over them: the gate's design effect multiplies the cases
      PairedNeed need =
          PairedNeed.of(
              passes,
              PairedClusters.of(metric, comparison, passes),
              margin,
              alpha,
              metric.higherIsBetter() ? 1 : -1);
      return new Row(
          text, challenger, passes.n(), repeats, need.cases(), need.figures() + need.why());
    }
    Difference d = metric.difference(comparison);
    double scale = metric.kind() == Metric.Kind.COST_PER_1K_CALLS ? 1000 : 1;
    // with clusters, the estimate's spread is widened by the design effect, as the gate's is
    Mean difference = d == null ? null : d.meanEstimate().map(m -> m.times(scale)).orElse(null);
    if (d == null || d.sd() == null || difference == null) {
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
    Clustered pairs = comparison.clustered() == null ? null : comparison.clustered().get("*");
    String observed =
        "observed difference "
            + Format.delta(metric.unit(), difference.mean())
            + ", sd "
            + Format.value(metric.unit(), d.sd() * scale)
            + (d.designEffect() == null
                ? ""
                : String.format(Locale.ROOT, ", design effect %.1f", d.designEffect())
                    + (pairs == null
                        ? ""
                        : " over "
                            + pairs.clusters()
                            + (pairs.clusters() == 1 ? " cluster" : " clusters")));
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
      Evaluation evaluation,
      double limit,
      double alpha,
      int repeats) {
    Mean numerator = ClusteredMean.effectiveMean(metric.estimate(metrics));
    Mean denominator = ClusteredMean.effectiveMean(metric.estimate(controlMetrics));
    if (numerator == null || denominator == null || !(denominator.mean() > 0)) {
      return new Row(
          text,
          challenger,
          ofCases(metric.n(metrics), metric, repeats),
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
    // clustered answers count for fewer: the gate scales the effective cases back, so does the plan
    LimitClusters clusters = LimitClusters.of(metric, metrics, evaluation);
    long n = clusters == null ? estimate.n() : metric.n(metrics);
    double perEffective = clusters == null || estimate.n() == 0 ? 1 : (double) n / estimate.n();
    String observed = "observed ratio " + Format.ratio(estimate.value());
    String used = clusters == null ? "" : "; " + clusters.evidence();
    if (!(variance > 0) || !(distance > 0)) {
      return new Row(
          text,
          challenger,
          ofCases(n, metric, repeats),
          repeats,
          null,
          observed + " sits on the limit or has no spread: no number of cases decides it");
    }
    return new Row(
        text,
        challenger,
        ofCases(n, metric, repeats),
        repeats,
        ofCases(
            Planning.scaled(Planning.cases(variance, distance, alpha), perEffective),
            metric,
            repeats),
        observed
            + (estimate.value() <= limit ? ", to show it within " : ", to show it beyond ")
            + Format.ratio(limit)
            + used);
  }
}

package dev.evalgate.engine.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.evalgate.api.CriterionSpec;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.metrics.CheckComparison;
import dev.evalgate.engine.metrics.Comparison;
import dev.evalgate.engine.metrics.Difference;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.VariantMetrics;
import dev.evalgate.engine.stats.Claim;
import dev.evalgate.engine.stats.ClusteredMean;
import dev.evalgate.engine.stats.Estimate;
import dev.evalgate.engine.stats.Family;
import dev.evalgate.engine.stats.Finding;
import dev.evalgate.engine.stats.Judgement;
import dev.evalgate.engine.stats.Mean;
import dev.evalgate.engine.stats.PairedProportions;
import dev.evalgate.engine.stats.Power;
import dev.evalgate.engine.stats.Ratio;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Judges a suite's criteria on an evaluation and decides each challenger's verdict: REJECT when any
 * criterion is violated, else INCONCLUSIVE when any cannot be decided, else PROMOTE. The rules are
 * documented in {@code eval-engine/METRICS.md}.
 *
 * <pre>{@code
 * GateResult gate = GateEvaluator.evaluate(suite, evaluation);
 * gate.verdict("challenger").map(Verdict::decision); // PROMOTE
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class GateEvaluator {
  private static final int EVIDENCE = 10;

  private GateEvaluator() {}

  /**
   * Rejects a criterion the gate cannot judge, at discovery.
   *
   * @throws IllegalArgumentException saying what is wrong and what is expected
   */
  public static void validate(CriterionSpec criterion) {
    switch (criterion.kind()) {
      case MIN_CASES, NO_NEW_FAILURES, AGREEMENT -> {}
      default -> {
        Metric metric = Metric.parse(criterion.metric());
        if (criterion.kind() == CriterionSpec.Kind.NON_INFERIOR && !metric.pairable()) {
          throw new IllegalArgumentException(
              "non-inferior needs a metric compared case by case; '"
                  + criterion.metric()
                  + "' is not one; expected pass-rate(CHECK), pass-all-rate, refusal-rate,"
                  + " latency-mean, output-tokens-mean, calls-per-case-mean, tokens-per-case-mean,"
                  + " cost-per-call, cost-per-1k-calls or flaky-rate(CHECK) (use"
                  + " at-most/at-least or ratio-at-most for others)");
        }
        if (criterion.kind() == CriterionSpec.Kind.NO_SLICE_REGRESSES
            && metric.kind() != Metric.Kind.PASS_RATE
            && metric.kind() != Metric.Kind.PASS_ALL_RATE) {
          throw new IllegalArgumentException(
              "no-slice-regresses compares pass rates slice by slice; '"
                  + criterion.metric()
                  + "' is not one; expected pass-rate(CHECK) or pass-all-rate");
        }
      }
    }
  }

  /**
   * An {@code agreement} criterion judged alone at the gate's confidence (a traffic split judges
   * its criteria apart from a family).
   */
  public static CriterionResult agreement(
      CriterionSpec criterion, Evaluation evaluation, dev.evalgate.api.GateSpec gate) {
    AgreementCriterion agreement = AgreementCriterion.of(criterion, evaluation);
    CriterionResult settled = agreement.settled();
    double alpha = (1 - gate.confidence()) / 2;
    return settled != null ? settled : agreement.result(agreement.claim().judge(alpha, alpha));
  }

  public static GateResult evaluate(SuiteSpec suite, Evaluation evaluation) {
    return evaluate(
        suite.control().name(),
        suite.challengers().stream().map(VariantSpec::name).toList(),
        suite.gate(),
        evaluation);
  }

  /**
   * Judges a gate on an evaluation read back from a report (the Maven plugin's rules).
   *
   * @param control the control's name
   * @param challengers the challengers' names
   */
  public static GateResult evaluate(
      String control,
      List<String> challengers,
      dev.evalgate.api.GateSpec gateSpec,
      Evaluation evaluation) {
    return look(
            control, challengers, gateSpec, evaluation, Family.Levels.fixed(), Family.State.none())
        .result();
  }

  /**
   * One look of a run that judges its gate several times ({@code gate.sequential}).
   *
   * @param result the criteria and verdicts at this look
   * @param state what this and the earlier looks established, for the next look
   */
  public record Look(GateResult result, Family.State state) {
    /** Whether every challenger is promoted or rejected: the run may stop calling. */
    public boolean decided() {
      return result.verdicts().stream().allMatch(v -> v.decision() != Decision.INCONCLUSIVE);
    }
  }

  /**
   * Judges a gate at one look: each statistical test at the level its alpha spending allows by now
   * ({@code levels}), with the findings of earlier looks ({@code earlier}) standing.
   */
  public static Look look(
      String control,
      List<String> challengers,
      dev.evalgate.api.GateSpec gateSpec,
      Evaluation evaluation,
      Family.Levels levels,
      Family.State earlier) {
    Judged judged = judge(control, challengers, gateSpec, evaluation, levels, earlier);
    List<CriterionResult> results = new ArrayList<>();
    for (int i = 0; i < judged.pending().size(); i++) {
      Pending p = judged.pending().get(i);
      results.add(p.finish().apply(p.prepared().render().apply(judged.judgements().get(i))));
    }
    List<Verdict> verdicts = new ArrayList<>();
    for (String challenger : challengers) {
      verdicts.add(verdict(challenger, control, results, gateSpec, evaluation));
    }
    return new Look(new GateResult(results, verdicts), judged.state());
  }

  /**
   * How a fixed run's gate judges each criterion of each challenger it names: what its statistics
   * found and the levels they were judged at (Holm's step across the challengers, or the
   * criterion's own confidence), as {@link #evaluate} judges them. evalgate:plan reads a pilot at
   * these levels ({@link SamplePlan}).
   *
   * @return per criterion of {@code gateSpec}, in its order, the judgement per challenger; empty
   *     for a suite-wide criterion (min-cases, agreement)
   */
  static List<Map<String, PilotJudgement>> judgements(
      String control,
      List<String> challengers,
      dev.evalgate.api.GateSpec gateSpec,
      Evaluation evaluation) {
    Judged judged =
        judge(
            control, challengers, gateSpec, evaluation, Family.Levels.fixed(), Family.State.none());
    // Holm's first step across the challengers, where a criterion is judged when no other
    // challenger is promoted before it
    double first = (1 - gateSpec.confidence()) / 2 / Math.max(1, challengers.size());
    List<Map<String, PilotJudgement>> byCriterion = new ArrayList<>();
    gateSpec.criteria().forEach(c -> byCriterion.add(new LinkedHashMap<>()));
    for (int i = 0; i < judged.pending().size(); i++) {
      Pending p = judged.pending().get(i);
      if (p.variant() != null) {
        Judgement judgement = judged.judgements().get(i);
        byCriterion
            .get(p.criterion())
            .put(
                p.variant(),
                new PilotJudgement(
                    judgement,
                    p.own() != null
                        ? judgement
                        : p.prepared().claim().judge(first, judgement.alphaViolated())));
      }
    }
    return byCriterion;
  }

  /**
   * A criterion of a pilot as the gate judged it, and as it would be judged at Holm's first step
   * across the challengers (the same judgement when that is where the gate judged it, or when the
   * criterion has its own confidence).
   */
  record PilotJudgement(Judgement judged, Judgement firstStep) {}

  /**
   * Every criterion prepared and judged, in the gate's order.
   *
   * @param pending each criterion for each challenger it names
   * @param judgements each one's judgement, in the same order
   * @param state what this look established, for the next
   */
  private record Judged(List<Pending> pending, List<Judgement> judgements, Family.State state) {}

  private static Judged judge(
      String control,
      List<String> challengers,
      dev.evalgate.api.GateSpec gateSpec,
      Evaluation evaluation,
      Family.Levels levels,
      Family.State earlier) {
    VariantMetrics controlMetrics =
        evaluation
            .variant(control)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the evaluation has no control variant '" + control + "'"));
    long pairs = evaluation.comparisons().stream().mapToLong(Comparison::pairs).min().orElse(0);
    double alpha = (1 - gateSpec.confidence()) / 2;
    List<Pending> pending = new ArrayList<>();
    for (int index = 0; index < gateSpec.criteria().size(); index++) {
      CriterionSpec criterion = gateSpec.criteria().get(index);
      if (criterion.kind() == CriterionSpec.Kind.MIN_CASES) {
        CriterionResult result = minCases(criterion, pairs);
        if (result.n() == 0) {
          result = Evidence.none(result, Evidence.noPairs(evaluation, control, challengers));
        }
        pending.add(
            new Pending(
                index,
                null,
                Prepared.settled(Evidence.withErrors(result, evaluation.variants())),
                null,
                UnaryOperator.identity()));
        continue;
      }
      if (criterion.kind() == CriterionSpec.Kind.AGREEMENT) {
        // about a check, not a challenger: it bears on every verdict
        AgreementCriterion agreement = AgreementCriterion.of(criterion, evaluation);
        CriterionResult settled = agreement.settled();
        pending.add(
            new Pending(
                index,
                null,
                settled != null
                    ? Prepared.settled(settled)
                    : new Prepared(agreement.claim(), agreement::result),
                null,
                UnaryOperator.identity()));
        continue;
      }
      List<String> targets =
          criterion.variant() != null ? List.of(criterion.variant()) : challengers;
      for (String challenger : targets) {
        Comparison comparison = evaluation.comparison(challenger).orElse(null);
        VariantMetrics metrics = evaluation.variant(challenger).orElse(null);
        if (metrics == null) {
          pending.add(
              new Pending(
                  index,
                  challenger,
                  Prepared.settled(
                      CriterionResult.undecided(
                          criterion,
                          challenger,
                          0,
                          "variant '"
                              + challenger
                              + "' named by "
                              + criterion.text()
                              + " is not in this suite")),
                  null,
                  UnaryOperator.identity()));
          continue;
        }
        Prepared prepared =
            criterion.kind() == CriterionSpec.Kind.NO_SLICE_REGRESSES
                ? slices(criterion, challenger, control, evaluation, comparison)
                : prepare(
                    criterion,
                    challenger,
                    control,
                    metrics,
                    controlMetrics,
                    comparison,
                    evaluation);
        // a criterion with its own confidence is judged alone at it, and enters the verdict's
        // family as settled
        Judgement own =
            criterion.confidence() == null
                ? null
                : prepared
                    .claim()
                    .judge((1 - criterion.confidence()) / 2, (1 - criterion.confidence()) / 2);
        long n = comparison == null ? metrics.n() : comparison.pairs();
        List<VariantMetrics> involved =
            usesControl(criterion) ? List.of(controlMetrics, metrics) : List.of(metrics);
        pending.add(
            new Pending(
                index,
                challenger,
                prepared,
                own,
                result -> {
                  if (result.n() == 0) {
                    // a criterion judged on no case never holds (nor is violated): it says why
                    // there was nothing to judge
                    result =
                        Evidence.none(
                            result,
                            Evidence.cause(
                                criterion, evaluation, metrics, controlMetrics, comparison));
                  }
                  if (result.status() != ClaimStatus.INCONCLUSIVE && n < gateSpec.minCases()) {
                    result =
                        result.with(
                            ClaimStatus.INCONCLUSIVE,
                            result.message()
                                + "; inconclusive: "
                                + n
                                + " paired cases are fewer than min-cases "
                                + gateSpec.minCases());
                  }
                  return Evidence.withErrors(result, involved);
                }));
      }
    }
    // every challenger's criteria decided by statistics in one family, so that the verdicts' error
    // rates hold for the whole
    // gate; a criterion settled otherwise (or judged at its own confidence) stays out of it, and
    // when it is open or violated
    // its challenger cannot be promoted
    List<List<Claim>> family = new ArrayList<>();
    for (int c = 0; c < challengers.size(); c++) {
      family.add(new ArrayList<>());
    }
    boolean[] blocked = new boolean[challengers.size()];
    int[][] positions = new int[pending.size()][];
    for (int i = 0; i < pending.size(); i++) {
      Pending p = pending.get(i);
      positions[i] = new int[challengers.size()];
      java.util.Arrays.fill(positions[i], -1);
      ClaimStatus settled = p.own() != null ? status(p.own().finding()) : p.prepared().settled();
      for (int c = 0; c < challengers.size(); c++) {
        if (p.variant() == null || p.variant().equals(challengers.get(c))) {
          if (settled == null) {
            positions[i][c] = family.get(c).size();
            family.get(c).add(p.prepared().claim());
          } else if (settled != ClaimStatus.HOLDS) {
            blocked[c] = true;
          }
        }
      }
    }
    Family.Result decided = Family.decide(family, alpha, levels, earlier, blocked);
    List<Judgement> judgements = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      Pending p = pending.get(i);
      Judgement judgement = p.own();
      for (int c = 0; judgement == null && c < challengers.size(); c++) {
        if (positions[i][c] >= 0) {
          judgement = decided.outcomes().get(c).criteria().get(positions[i][c]);
        }
      }
      if (judgement == null) {
        // settled, or about no challenger of the verdicts (a variant not in this suite): judged
        // alone
        judgement = p.prepared().claim().judge(alpha, alpha);
      }
      judgements.add(judgement);
    }
    return new Judged(pending, judgements, decided.state());
  }

  /**
   * A criterion on its way to a result.
   *
   * @param criterion its index in the gate's criteria
   * @param variant the challenger it is about; {@code null} for every challenger (min-cases)
   * @param prepared its claim and how a judgement of it reads
   * @param own its judgement at its own confidence, when it states one; else judged in the family
   * @param finish the rules about missing evidence, applied to the result
   */
  private record Pending(
      int criterion,
      @Nullable String variant,
      Prepared prepared,
      @Nullable Judgement own,
      UnaryOperator<CriterionResult> finish) {}

  /**
   * A criterion's claim, and its result once the claim is judged.
   *
   * @param settled the status of a criterion decided without statistics, else {@code null}
   */
  private record Prepared(
      Claim claim, Function<Judgement, CriterionResult> render, @Nullable ClaimStatus settled) {
    Prepared(Claim claim, Function<Judgement, CriterionResult> render) {
      this(claim, render, null);
    }

    /** A criterion decided without statistics: its result whatever the level. */
    static Prepared settled(CriterionResult result) {
      return new Prepared(Settled.claim(result.status()), judgement -> result, result.status());
    }
  }

  private static ClaimStatus status(Finding finding) {
    return switch (finding) {
      case HOLDS -> ClaimStatus.HOLDS;
      case VIOLATED -> ClaimStatus.VIOLATED;
      case INCONCLUSIVE -> ClaimStatus.INCONCLUSIVE;
    };
  }

  /** Whether a criterion's value depends on the control's answers too. */
  private static boolean usesControl(CriterionSpec criterion) {
    return switch (criterion.kind()) {
      case NON_INFERIOR, RATIO_AT_MOST, NO_NEW_FAILURES, MIN_CASES, NO_SLICE_REGRESSES -> true;
      case AT_MOST, AT_LEAST, AGREEMENT -> false;
    };
  }

  /**
   * Why a challenger whose criteria are all {@code min-cases} and {@code agreement} is not
   * promoted: they count cases and measure a check against people, and say nothing of its answers.
   */
  public static final String NOTHING_JUDGED =
      "no criterion of the gate judges its answers (min-cases counts cases, agreement measures a"
          + " check against people), so nothing shows it may replace the control; add a criterion"
          + " on its metrics, such as non-inferior: { metric: pass-all-rate, margin: 2pp }";

  /**
   * Whether a criterion of this kind ({@link CriterionSpec.Kind#id()}) judges a challenger's
   * answers: every kind but {@code min-cases} and {@code agreement}.
   */
  public static boolean judgesAnswers(String kind) {
    return !kind.equals(CriterionSpec.Kind.MIN_CASES.id())
        && !kind.equals(CriterionSpec.Kind.AGREEMENT.id());
  }

  /**
   * The verdict about one challenger from its criteria's results: REJECT when one is violated, else
   * INCONCLUSIVE when no criterion is about it, when the control answered nothing, when calls
   * errored that no {@code error-rate} criterion tolerates or when one is undecided, else PROMOTE.
   * The one rule for replays, merges, baselines and traffic splits.
   */
  public static Verdict verdict(
      String challenger,
      String control,
      List<CriterionResult> results,
      dev.evalgate.api.GateSpec gate,
      Evaluation evaluation) {
    List<CriterionResult> about =
        results.stream()
            .filter(r -> r.variant() == null || r.variant().equals(challenger))
            .toList();
    List<CriterionResult> violated =
        about.stream().filter(r -> r.status() == ClaimStatus.VIOLATED).toList();
    List<CriterionResult> open =
        about.stream().filter(r -> r.status() == ClaimStatus.INCONCLUSIVE).toList();
    if (!violated.isEmpty()) {
      return new Verdict(
          challenger,
          control,
          Decision.REJECT,
          "REJECT "
              + challenger
              + ": "
              + violated.size()
              + " of "
              + about.size()
              + " criteria violated; "
              + violated.get(0).message());
    }
    String missing =
        about.isEmpty()
            ? "no criterion of the gate is about it, so nothing was judged; add a criterion"
                + " without 'variant', or with 'variant: "
                + challenger
                + "'"
            : about.stream().noneMatch(r -> judgesAnswers(r.kind()))
                ? NOTHING_JUDGED
                : Evidence.silentControl(challenger, control, evaluation);
    if (missing == null) {
      missing = Evidence.untoleratedErrors(challenger, control, gate, evaluation);
    }
    if (missing == null && !open.isEmpty()) {
      missing =
          open.size() + " of " + about.size() + " criteria undecided; " + open.get(0).message();
    }
    if (missing != null) {
      return new Verdict(
          challenger,
          control,
          Decision.INCONCLUSIVE,
          "INCONCLUSIVE " + challenger + ": " + missing);
    }
    return new Verdict(
        challenger,
        control,
        Decision.PROMOTE,
        "PROMOTE "
            + challenger
            + ": all "
            + about.size()
            + " criteria hold; it may replace "
            + control);
  }

  private static CriterionResult minCases(CriterionSpec criterion, long pairs) {
    long required = (long) criterion.limit();
    boolean enough = pairs >= required;
    String message =
        enough
            ? pairs + " paired cases without errors, at least " + required + " required"
            : pairs + " paired cases without errors, but at least " + required + " are required";
    return CriterionResult.of(
        criterion,
        null,
        enough ? ClaimStatus.HOLDS : ClaimStatus.INCONCLUSIVE,
        (double) pairs,
        null,
        null,
        pairs,
        message,
        List.of());
  }

  private static Prepared prepare(
      CriterionSpec criterion,
      String challenger,
      String control,
      VariantMetrics metrics,
      VariantMetrics controlMetrics,
      @Nullable Comparison comparison,
      Evaluation evaluation) {
    return switch (criterion.kind()) {
      case NO_NEW_FAILURES -> Prepared.settled(noNewFailures(criterion, challenger, comparison));
      case NON_INFERIOR ->
          nonInferior(criterion, challenger, control, metrics, controlMetrics, comparison);
      case AT_MOST, AT_LEAST -> limit(criterion, challenger, metrics, evaluation);
      case RATIO_AT_MOST ->
          ratio(criterion, challenger, control, metrics, controlMetrics, evaluation);
      case MIN_CASES, AGREEMENT ->
          throw new IllegalStateException(criterion.kind().id() + " is judged once per suite");
      case NO_SLICE_REGRESSES ->
          throw new IllegalStateException(criterion.kind().id() + " is judged on the slices");
    };
  }

  /** {@code no-slice-regresses}: every slice's paired comparison, Holm across the slices. */
  private static Prepared slices(
      CriterionSpec criterion,
      String challenger,
      String control,
      Evaluation evaluation,
      @Nullable Comparison comparison) {
    SliceCriterion slices =
        SliceCriterion.of(criterion, challenger, control, evaluation, comparison);
    CriterionResult settled = slices.settled();
    return settled != null
        ? Prepared.settled(settled)
        : new Prepared(slices.claim(), slices::result);
  }

  private static CriterionResult noNewFailures(
      CriterionSpec criterion, String challenger, @Nullable Comparison comparison) {
    String check = criterion.metric();
    CheckComparison table = comparison == null ? null : comparison.checks().get(check);
    if (table == null) {
      return CriterionResult.undecided(
          criterion,
          challenger,
          0,
          challenger + " has no paired results for check '" + check + "'");
    }
    long regressions = table.controlOnly();
    if (regressions == 0) {
      return CriterionResult.of(
          criterion,
          challenger,
          ClaimStatus.HOLDS,
          0.0,
          null,
          null,
          table.n(),
          challenger + " fails " + check + " on no case that control passes (n=" + table.n() + ")",
          List.of());
    }
    List<String> evidence = table.regressions().stream().limit(EVIDENCE).toList();
    return CriterionResult.of(
        criterion,
        challenger,
        ClaimStatus.VIOLATED,
        (double) regressions,
        null,
        null,
        table.n(),
        challenger
            + " fails "
            + check
            + " on "
            + regressions
            + (regressions == 1 ? " case" : " cases")
            + " that control passes, but expected none (n="
            + table.n()
            + "): "
            + String.join(", ", evidence)
            + (regressions > evidence.size() ? ", ..." : ""),
        evidence);
  }

  private static Prepared nonInferior(
      CriterionSpec criterion,
      String challenger,
      String control,
      VariantMetrics metrics,
      VariantMetrics controlMetrics,
      @Nullable Comparison comparison) {
    Metric metric = Metric.parse(criterion.metric());
    Metric.Unit unit = metric.unit();
    double margin = criterion.limit();
    if (comparison == null) {
      return Prepared.settled(
          CriterionResult.undecided(
              criterion, challenger, 0, challenger + " has no paired comparison with " + control));
    }
    // "challenger schema pass rate 91.5% <verb> control 97.5%"
    UnaryOperator<String> values =
        verb ->
            challenger
                + " "
                + metric.label()
                + " "
                + Format.value(unit, metric.value(metrics))
                + " "
                + verb
                + " "
                + control
                + " "
                + Format.value(unit, metric.value(controlMetrics));
    String marginText = Format.margin(metric, margin);
    if (unit == Metric.Unit.RATE) {
      CheckComparison table = metric.paired(comparison);
      if (table == null) {
        return Prepared.settled(
            CriterionResult.undecided(
                criterion,
                challenger,
                comparison.pairs(),
                challenger
                    + " "
                    + metric.label()
                    + " has no paired results (n="
                    + comparison.pairs()
                    + ")"));
      }
      // the table counts "not refused" as passing, so for the refusal rate the claim is on its
      // negation
      PairedProportions passes =
          new PairedProportions(
              table.bothPass(), table.challengerOnly(), table.controlOnly(), table.bothFail());
      long n = table.n();
      double sign = metric.higherIsBetter() ? 1 : -1;
      List<String> evidence = table.regressions().stream().limit(EVIDENCE).toList();
      // cases in clusters (dataset.cluster) are judged over the clusters: the same difference, an
      // interval as wide as the clusters make it vary
      PairedClusters clustered = PairedClusters.of(metric, comparison, passes);
      double inflation = clustered == null ? 1 : clustered.inflation();
      String clusterNote = clustered == null ? "" : clustered.note();
      return new Prepared(
          Claim.nonInferior(clustered == null ? passes : clustered.pairs(), margin, true),
          j -> {
            ClaimStatus status = status(j.finding());
            double low = sign > 0 ? j.interval().low() : -j.interval().high();
            double high = sign > 0 ? j.interval().high() : -j.interval().low();
            double detectable =
                Power.minimumDetectable(
                    Planning.pairedVariance(passes.discordance(), 0, n) * inflation,
                    n,
                    j.alphaHolds(),
                    Planning.POWER);
            String message =
                values.apply(Format.nonInferiorVerb(status))
                    + " (Δ "
                    + Format.delta(unit, sign * passes.value())
                    + ", "
                    + Format.confidence(j.confidence())
                    + " CI "
                    + Format.bounds(unit, low, high)
                    + ", "
                    + marginText
                    + ", n="
                    + n
                    + clusterNote
                    + ")";
            if (status == ClaimStatus.INCONCLUSIVE) {
              message += pairedPlan(passes, margin, j.alphaHolds(), sign, inflation);
            }
            return CriterionResult.of(
                    criterion,
                    challenger,
                    status,
                    sign * passes.value(),
                    low,
                    high,
                    n,
                    message,
                    status == ClaimStatus.HOLDS ? List.of() : evidence)
                .detecting(detectable, "Δ " + Format.delta(unit, detectable) + " at n=" + n);
          });
    }
    Difference d =
        switch (metric.kind()) {
          case LATENCY_MEAN -> comparison.latencyMs();
          case OUTPUT_TOKENS_MEAN -> comparison.outputTokens();
          case CALLS_PER_CASE_MEAN -> comparison.callsPerCase();
          case TOKENS_PER_CASE_MEAN -> comparison.tokensPerCase();
          default -> comparison.costUsd();
        };
    if (d == null) {
      return Prepared.settled(
          CriterionResult.undecided(
              criterion,
              challenger,
              comparison.pairs(),
              challenger
                  + " "
                  + metric.label()
                  + " cannot be compared: "
                  + (metric.unit() == Metric.Unit.USD
                      ? "a price is unknown"
                      : "the report was written before it was measured")
                  + " (n="
                  + comparison.pairs()
                  + ")"));
    }
    double scale = metric.kind() == Metric.Kind.COST_PER_1K_CALLS ? 1000 : 1;
    Mean difference = d.meanEstimate().map(m -> m.times(scale)).orElse(null);
    if (difference == null) {
      // a report written before the spread was kept: its 95 % bootstrap interval, judged as it was
      // then
      double low = d.low() * scale;
      double high = d.high() * scale;
      ClaimStatus status =
          high <= margin
              ? ClaimStatus.HOLDS
              : low > margin ? ClaimStatus.VIOLATED : ClaimStatus.INCONCLUSIVE;
      return Prepared.settled(
          CriterionResult.of(
              criterion,
              challenger,
              status,
              d.mean() * scale,
              low,
              high,
              d.n(),
              values.apply(Format.nonInferiorVerb(status))
                  + " (Δ "
                  + Format.delta(unit, d.mean() * scale)
                  + ", 95% CI "
                  + Format.bounds(unit, low, high)
                  + ", "
                  + marginText
                  + ", n="
                  + d.n()
                  + ")",
              List.of()));
    }
    long n = difference.n();
    return new Prepared(
        Claim.nonInferior(difference, margin, false),
        j -> {
          ClaimStatus status = status(j.finding());
          double variance = difference.sd() * difference.sd();
          double detectable =
              Power.minimumDetectable(variance, Math.max(1, n), j.alphaHolds(), Planning.POWER);
          String message =
              values.apply(Format.nonInferiorVerb(status))
                  + " (Δ "
                  + Format.delta(unit, difference.mean())
                  + ", "
                  + Format.confidence(j.confidence())
                  + " CI "
                  + Format.bounds(unit, j.interval().low(), j.interval().high())
                  + ", "
                  + marginText
                  + ", n="
                  + n
                  + (d.designEffect() == null
                      ? ""
                      : String.format(
                          java.util.Locale.ROOT, ", design effect %.1f", d.designEffect()))
                  + ")";
          if (status == ClaimStatus.INCONCLUSIVE) {
            double distance = margin - difference.mean();
            message +=
                distance > 0 && variance > 0
                    ? "; needs "
                        + Planning.needs(Planning.cases(variance, distance, j.alphaHolds()), n)
                        + " paired cases at the observed difference and spread"
                    : "; the difference is beyond the margin: more cases would rather show it"
                        + " violated";
          }
          return CriterionResult.of(
                  criterion,
                  challenger,
                  status,
                  difference.mean(),
                  j.interval().low(),
                  j.interval().high(),
                  n,
                  message,
                  List.of())
              .detecting(detectable, "Δ " + Format.delta(unit, detectable) + " at n=" + n);
        });
  }

  /**
   * "; needs about 640 paired cases for a 2.0 pp margin (observed discordance 3.5%, difference -0.5
   * pp)": the paired cases that show non-inferiority with 80 % power if the observed discordance
   * and difference are the truth.
   */
  private static String pairedPlan(
      PairedProportions passes, double margin, double alpha, double sign, double inflation) {
    long n = passes.n();
    double distance = margin + passes.value();
    String observed =
        " (observed discordance "
            + Format.value(Metric.Unit.RATE, passes.discordance())
            + ", difference "
            + Format.delta(Metric.Unit.RATE, sign * passes.value())
            + ")";
    if (!(distance > 0)) {
      return "; the difference is beyond the margin"
          + observed
          + ": more cases would rather show it violated";
    }
    if (Double.isInfinite(inflation)) {
      // the design effect is unknown, and the message says why: no count follows from it
      return "";
    }
    // clustered cases carry less evidence each: the design effect multiplies the cases needed
    long cases =
        Planning.cases(
            Planning.pairedVariance(passes.discordance(), passes.value(), n) * inflation,
            distance,
            alpha);
    return "; needs "
        + Planning.needs(cases, n)
        + " paired cases for a "
        + Format.delta(Metric.Unit.RATE, margin)
        + " margin"
        + observed;
  }

  private static Prepared limit(
      CriterionSpec criterion, String challenger, VariantMetrics metrics, Evaluation evaluation) {
    Metric metric = Metric.parse(criterion.metric());
    Double actual = metric.value(metrics);
    long n = metric.n(metrics);
    // a rate or mean whose cases come in clusters (dataset.cluster, or a case's repeats) is judged
    // on as many answers as its clusters' variation makes it worth (a mean's estimate is already
    // clustered: Distribution.meanEstimate)
    LimitClusters clusters = LimitClusters.of(metric, metrics, evaluation);
    String clusterNote = clusters == null ? "" : clusters.note();
    boolean atMost = criterion.kind() == CriterionSpec.Kind.AT_MOST;
    String bound = atMost ? "maximum" : "minimum";
    if (actual == null) {
      return Prepared.settled(
          CriterionResult.undecided(
              criterion,
              challenger,
              n,
              challenger
                  + " "
                  + metric.label()
                  + " is unknown"
                  + (metric.unit() == Metric.Unit.USD ? " (a model's price is unknown)" : "")
                  + ", expected "
                  + bound
                  + " is "
                  + Format.value(metric.unit(), criterion.limit())
                  + " (n="
                  + n
                  + ")"
                  + (metric.unit() == Metric.Unit.USD ? priceFixes(List.of(metrics)) : "")));
    }
    String shown = Format.value(metric.unit(), actual);
    String limit = Format.value(metric.unit(), criterion.limit());
    Estimate found = metric.estimate(metrics);
    // "at least 100 %" or "at most 0 %" is zero tolerance: no sample shows it of the population, so
    // it is a claim about this run's cases, judged as counted (like no-new-failures)
    Estimate estimate =
        found instanceof dev.evalgate.engine.stats.Proportion
                && (criterion.limit() <= 0 || criterion.limit() >= 1)
            ? null
            // the same estimate evalgate:plan plans with
            : clusters != null && found != null ? clusters.over(found) : found;
    if (estimate == null) {
      // a fact of the run (its total cost, its slowest call), or a report without the spread: the
      // value as measured
      boolean holds = atMost ? actual <= criterion.limit() : actual >= criterion.limit();
      String message =
          challenger
              + " "
              + metric.label()
              + " is "
              + shown
              + (holds ? ", within the " + bound + " of " : ", but expected " + bound + " is ")
              + limit
              + " (n="
              + n
              + ")";
      return Prepared.settled(
          CriterionResult.of(
              criterion,
              challenger,
              holds ? ClaimStatus.HOLDS : ClaimStatus.VIOLATED,
              actual,
              null,
              null,
              n,
              message,
              List.of()));
    }
    Claim claim =
        atMost
            ? Claim.atMost(estimate, criterion.limit())
            : Claim.atLeast(estimate, criterion.limit());
    return new Prepared(
        claim,
        j -> {
          ClaimStatus status = status(j.finding());
          String interval =
              " ("
                  + Format.confidence(j.confidence())
                  + " CI "
                  + Format.bounds(metric.unit(), j.interval().low(), j.interval().high())
                  + ")";
          String subject = challenger + " " + metric.label() + " is " + shown + interval;
          String counted = " (n=" + n + clusterNote + LimitClusters.bounding(estimate) + ")";
          String message =
              switch (status) {
                case HOLDS -> subject + ", within the " + bound + " of " + limit + counted;
                case VIOLATED -> subject + ", but expected " + bound + " is " + limit + counted;
                case INCONCLUSIVE ->
                    Double.isInfinite(atMost ? j.interval().high() : j.interval().low())
                        // the claimed side has no bound at all: not closeness, too few observations
                        ? subject
                            + ", too few observations to decide against the "
                            + bound
                            + " of "
                            + limit
                            + counted
                        : subject
                            + ", too close to the "
                            + bound
                            + " of "
                            + limit
                            + " to decide"
                            + counted;
              };
          LimitPlan plan =
              LimitPlan.of(metric, estimate, criterion.limit(), atMost, j.alphaHolds());
          if (status == ClaimStatus.INCONCLUSIVE && plan.cases() != null) {
            message +=
                "; needs "
                    + Planning.needs(plan.cases(), n)
                    // with repeats, a metric over answers counts k to a case
                    + (evaluation.repeats() > 1 && metric.perAnswer() ? " answers" : " cases")
                    + " to show it "
                    + (plan.claimedSide() ? "within the " : "beyond the ")
                    + bound
                    + " if "
                    + shown
                    + " is the truth";
          }
          return CriterionResult.of(
                  criterion,
                  challenger,
                  status,
                  actual,
                  j.interval().low(),
                  j.interval().high(),
                  n,
                  message,
                  List.of())
              .detecting(plan.detectable(), plan.detects(n));
        });
  }

  private static Prepared ratio(
      CriterionSpec criterion,
      String challenger,
      String control,
      VariantMetrics metrics,
      VariantMetrics controlMetrics,
      Evaluation evaluation) {
    Metric metric = Metric.parse(criterion.metric());
    Double value = metric.value(metrics);
    Double base = metric.value(controlMetrics);
    long n = metric.n(metrics);
    LimitClusters clusters = LimitClusters.of(metric, metrics, evaluation);
    if (value == null || base == null || base == 0) {
      String why = value == null || base == null ? "is unknown" : "is zero";
      return Prepared.settled(
          CriterionResult.undecided(
              criterion,
              challenger,
              n,
              challenger
                  + " "
                  + metric.label()
                  + " cannot be compared with "
                  + control
                  + "'s, which "
                  + why
                  + (value == null ? " for " + challenger : "")
                  + " (n="
                  + n
                  + ")"
                  + (metric.unit() == Metric.Unit.USD
                      ? priceFixes(List.of(controlMetrics, metrics))
                      : "")));
    }
    double ratio = value / base;
    String subject =
        challenger
            + " "
            + metric.label()
            + " is "
            + Format.value(metric.unit(), value)
            + ", "
            + Format.ratio(ratio)
            + " × "
            + control
            + "'s "
            + Format.value(metric.unit(), base);
    // means whose answers come in clusters are taken on their effective observations
    Mean numerator = ClusteredMean.effectiveMean(metric.estimate(metrics));
    Mean denominator = ClusteredMean.effectiveMean(metric.estimate(controlMetrics));
    if (numerator == null || denominator == null) {
      // a ratio of percentiles or rates, or a report without the spread: the ratio as measured
      boolean holds = ratio <= criterion.limit();
      return Prepared.settled(
          CriterionResult.of(
              criterion,
              challenger,
              holds ? ClaimStatus.HOLDS : ClaimStatus.VIOLATED,
              ratio,
              null,
              null,
              n,
              subject
                  + (holds ? ", within the maximum ratio of " : ", but expected maximum ratio is ")
                  + Format.ratio(criterion.limit())
                  + " (n="
                  + n
                  + ")",
              List.of()));
    }
    Ratio estimate = Ratio.ofMeans(numerator, denominator);
    String clusterNote = clusters == null ? "" : clusters.note();
    // clustered answers count for fewer: the cases needed are the effective ones scaled back
    double perEffective = clusters == null || estimate.n() == 0 ? 1 : (double) n / estimate.n();
    return new Prepared(
        Claim.ratioAtMost(estimate, criterion.limit()),
        j -> {
          ClaimStatus status = status(j.finding());
          String interval =
              " ("
                  + Format.confidence(j.confidence())
                  + " CI ["
                  + Format.bound(j.interval().low())
                  + ", "
                  + Format.bound(j.interval().high())
                  + "])";
          String message =
              switch (status) {
                case HOLDS ->
                    subject
                        + interval
                        + ", within the maximum ratio of "
                        + Format.ratio(criterion.limit())
                        + " (n="
                        + n
                        + clusterNote
                        + ")";
                case VIOLATED ->
                    subject
                        + interval
                        + ", but expected maximum ratio is "
                        + Format.ratio(criterion.limit())
                        + " (n="
                        + n
                        + clusterNote
                        + ")";
                case INCONCLUSIVE ->
                    subject
                        + interval
                        + ", too close to the maximum ratio of "
                        + Format.ratio(criterion.limit())
                        + " to decide (n="
                        + n
                        + clusterNote
                        + ")";
              };
          // per case, the log of the ratio varies as n times its squared standard error
          double variance =
              estimate.logStandardError() * estimate.logStandardError() * estimate.n();
          Double detectable = null;
          if (Double.isFinite(variance) && variance > 0 && estimate.n() > 0) {
            double logDistance =
                Power.minimumDetectable(variance, estimate.n(), j.alphaHolds(), Planning.POWER);
            detectable = criterion.limit() * (1 - Math.exp(-logDistance));
            double distance = Math.abs(Math.log(criterion.limit()) - Math.log(ratio));
            if (status == ClaimStatus.INCONCLUSIVE && distance > 0) {
              message +=
                  "; needs "
                      + Planning.needs(
                          Planning.scaled(
                              Planning.cases(variance, distance, j.alphaHolds()), perEffective),
                          clusters == null ? estimate.n() : n)
                      // with repeats, the means are over answers: k to a case
                      + (evaluation.repeats() > 1 && metric.perAnswer() ? " answers" : " cases")
                      + " to show it "
                      + (ratio <= criterion.limit() ? "within" : "beyond")
                      + " the maximum ratio if "
                      + Format.ratio(ratio)
                      + " is the truth";
            }
          }
          return CriterionResult.of(
                  criterion,
                  challenger,
                  status,
                  ratio,
                  j.interval().low(),
                  j.interval().high(),
                  n,
                  message,
                  List.of())
              .detecting(
                  detectable,
                  detectable == null ? null : "ratio " + Format.ratio(detectable) + " at n=" + n);
        });
  }

  /**
   * "; give model 'M' of variant V a price ..." for each variant whose answers had no known price,
   * with the suite-file and the command-line form of the fix; empty when every price was known.
   */
  static String priceFixes(List<VariantMetrics> variants) {
    StringBuilder fixes = new StringBuilder();
    for (VariantMetrics v : variants) {
      if (v.cost().unknownCalls() > 0) {
        String key =
            "-D" + dev.evalgate.engine.config.Constants.VARIANT_PREFIX + v.variant() + ".pricing.";
        fixes
            .append("; give ")
            .append(v.model().equals("null") ? "" : "model '" + v.model() + "' of ")
            .append(v.variant())
            .append(
                " a price in US dollars per 1M tokens, e.g. for a local model pricing: { input: 0,"
                    + " output: 0 } on the variant")
            .append(" in the suite file, or ")
            .append(key)
            .append("input=0 ")
            .append(key)
            .append("output=0");
      }
    }
    return fixes.toString();
  }
}

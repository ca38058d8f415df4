package dev.evalgate.engine.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.evalgate.api.CriterionSpec;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.metrics.CheckComparison;
import dev.evalgate.engine.metrics.Comparison;
import dev.evalgate.engine.metrics.Difference;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.Rate;
import dev.evalgate.engine.metrics.VariantMetrics;
import dev.evalgate.engine.stats.Power;
import java.util.ArrayList;
import java.util.List;
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
      case MIN_CASES, NO_NEW_FAILURES -> {}
      default -> {
        Metric metric = Metric.parse(criterion.metric());
        if (criterion.kind() == CriterionSpec.Kind.NON_INFERIOR && !metric.pairable()) {
          throw new IllegalArgumentException(
              "non-inferior needs a metric compared case by case; '"
                  + criterion.metric()
                  + "' is not one; expected pass-rate(CHECK), pass-all-rate, refusal-rate,"
                  + " latency-mean, output-tokens-mean, cost-per-call or cost-per-1k-calls (use"
                  + " at-most/at-least or ratio-at-most for others)");
        }
      }
    }
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
    List<CriterionResult> results = new ArrayList<>();
    VariantMetrics controlMetrics =
        evaluation
            .variant(control)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the evaluation has no control variant '" + control + "'"));
    long pairs = evaluation.comparisons().stream().mapToLong(Comparison::pairs).min().orElse(0);
    for (CriterionSpec criterion : gateSpec.criteria()) {
      if (criterion.kind() == CriterionSpec.Kind.MIN_CASES) {
        CriterionResult result = minCases(criterion, pairs);
        if (result.n() == 0) {
          result = Evidence.none(result, Evidence.noPairs(evaluation, control, challengers));
        }
        results.add(Evidence.withErrors(result, evaluation.variants()));
        continue;
      }
      List<String> targets =
          criterion.variant() != null ? List.of(criterion.variant()) : challengers;
      for (String challenger : targets) {
        Comparison comparison = evaluation.comparison(challenger).orElse(null);
        VariantMetrics metrics = evaluation.variant(challenger).orElse(null);
        CriterionResult result;
        if (metrics == null) {
          result =
              result(
                  criterion,
                  challenger,
                  ClaimStatus.INCONCLUSIVE,
                  null,
                  null,
                  null,
                  0,
                  "variant '"
                      + challenger
                      + "' named by "
                      + criterion.text()
                      + " is not in this suite",
                  List.of());
        } else {
          result =
              judge(
                  criterion,
                  challenger,
                  control,
                  metrics,
                  controlMetrics,
                  comparison,
                  gateSpec.confidence());
        }
        if (metrics != null && result.n() == 0) {
          // a criterion judged on no case never holds (nor is violated): it says why there was
          // nothing to judge
          result =
              Evidence.none(
                  result,
                  Evidence.cause(criterion, evaluation, metrics, controlMetrics, comparison));
        }
        long n = comparison == null ? metrics == null ? 0 : metrics.n() : comparison.pairs();
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
        if (metrics != null) {
          List<VariantMetrics> involved =
              usesControl(criterion) ? List.of(controlMetrics, metrics) : List.of(metrics);
          result = Evidence.withErrors(result, involved);
        }
        results.add(result);
      }
    }
    List<Verdict> verdicts = new ArrayList<>();
    for (String challenger : challengers) {
      verdicts.add(verdict(challenger, control, results, gateSpec, evaluation));
    }
    return new GateResult(results, verdicts);
  }

  /** Whether a criterion's value depends on the control's answers too. */
  private static boolean usesControl(CriterionSpec criterion) {
    return switch (criterion.kind()) {
      case NON_INFERIOR, RATIO_AT_MOST, NO_NEW_FAILURES, MIN_CASES -> true;
      case AT_MOST, AT_LEAST -> false;
    };
  }

  private static Verdict verdict(
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
    String untolerated = Evidence.untoleratedErrors(challenger, control, gate, evaluation);
    if (untolerated != null) {
      return new Verdict(
          challenger,
          control,
          Decision.INCONCLUSIVE,
          "INCONCLUSIVE " + challenger + ": " + untolerated);
    }
    if (!open.isEmpty()) {
      return new Verdict(
          challenger,
          control,
          Decision.INCONCLUSIVE,
          "INCONCLUSIVE "
              + challenger
              + ": "
              + open.size()
              + " of "
              + about.size()
              + " criteria undecided; "
              + open.get(0).message());
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
    return result(
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

  private static CriterionResult judge(
      CriterionSpec criterion,
      String challenger,
      String control,
      VariantMetrics metrics,
      VariantMetrics controlMetrics,
      @Nullable Comparison comparison,
      double gateConfidence) {
    double confidence = criterion.confidence() != null ? criterion.confidence() : gateConfidence;
    return switch (criterion.kind()) {
      case NO_NEW_FAILURES -> noNewFailures(criterion, challenger, comparison);
      case NON_INFERIOR ->
          nonInferior(
              criterion, challenger, control, metrics, controlMetrics, comparison, confidence);
      case AT_MOST, AT_LEAST -> limit(criterion, challenger, metrics);
      case RATIO_AT_MOST -> ratio(criterion, challenger, control, metrics, controlMetrics);
      case MIN_CASES -> throw new IllegalStateException("min-cases is judged once per suite");
    };
  }

  private static CriterionResult noNewFailures(
      CriterionSpec criterion, String challenger, @Nullable Comparison comparison) {
    String check = criterion.metric();
    CheckComparison table = comparison == null ? null : comparison.checks().get(check);
    if (table == null) {
      return result(
          criterion,
          challenger,
          ClaimStatus.INCONCLUSIVE,
          null,
          null,
          null,
          0,
          challenger + " has no paired results for check '" + check + "'",
          List.of());
    }
    long regressions = table.controlOnly();
    if (regressions == 0) {
      return result(
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
    return result(
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

  private static CriterionResult nonInferior(
      CriterionSpec criterion,
      String challenger,
      String control,
      VariantMetrics metrics,
      VariantMetrics controlMetrics,
      @Nullable Comparison comparison,
      double confidence) {
    Metric metric = Metric.parse(criterion.metric());
    Metric.Unit unit = metric.unit();
    double margin = criterion.limit();
    if (comparison == null) {
      return result(
          criterion,
          challenger,
          ClaimStatus.INCONCLUSIVE,
          null,
          null,
          null,
          0,
          challenger + " has no paired comparison with " + control,
          List.of());
    }
    double difference;
    double low;
    double high;
    long n;
    List<String> evidence = List.of();
    CheckComparison table = metric.paired(comparison);
    if (unit == Metric.Unit.RATE) {
      if (table == null) {
        return result(
            criterion,
            challenger,
            ClaimStatus.INCONCLUSIVE,
            null,
            null,
            null,
            comparison.pairs(),
            challenger
                + " "
                + metric.label()
                + " has no paired results (n="
                + comparison.pairs()
                + ")",
            List.of());
      }
      var interval =
          dev.evalgate.engine.stats.Proportions.pairedDifference(
              table.bothPass(),
              table.challengerOnly(),
              table.controlOnly(),
              table.bothFail(),
              confidence);
      difference = table.difference();
      low = interval.low();
      high = interval.high();
      n = table.n();
      evidence = table.regressions().stream().limit(EVIDENCE).toList();
      if (!metric.higherIsBetter()) {
        // the table counts "not refused" as passing, so the refusal-rate difference is its negation
        double flipped = -difference;
        double flippedLow = -high;
        high = -low;
        low = flippedLow;
        difference = flipped;
      }
    } else {
      Difference d =
          switch (metric.kind()) {
            case LATENCY_MEAN -> comparison.latencyMs();
            case OUTPUT_TOKENS_MEAN -> comparison.outputTokens();
            case CALLS_PER_CASE_MEAN -> comparison.callsPerCase();
            case TOKENS_PER_CASE_MEAN -> comparison.tokensPerCase();
            default -> comparison.costUsd();
          };
      if (d == null) {
        return result(
            criterion,
            challenger,
            ClaimStatus.INCONCLUSIVE,
            null,
            null,
            null,
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
                + ")",
            List.of());
      }
      double scale = metric.kind() == Metric.Kind.COST_PER_1K_CALLS ? 1000 : 1;
      difference = d.mean() * scale;
      low = d.low() * scale;
      high = d.high() * scale;
      n = d.n();
    }
    Double controlValue = metric.value(controlMetrics);
    Double challengerValue = metric.value(metrics);
    ClaimStatus status;
    if (metric.higherIsBetter()) {
      status =
          low >= -margin
              ? ClaimStatus.HOLDS
              : high < -margin ? ClaimStatus.VIOLATED : ClaimStatus.INCONCLUSIVE;
    } else {
      status =
          high <= margin
              ? ClaimStatus.HOLDS
              : low > margin ? ClaimStatus.VIOLATED : ClaimStatus.INCONCLUSIVE;
    }
    String verb =
        switch (status) {
          case HOLDS -> "is non-inferior to";
          case VIOLATED -> "is not non-inferior to";
          case INCONCLUSIVE -> "cannot be shown non-inferior to";
        };
    String message =
        challenger
            + " "
            + metric.label()
            + " "
            + value(unit, challengerValue)
            + " "
            + verb
            + " "
            + control
            + " "
            + value(unit, controlValue)
            + " (Δ "
            + Format.delta(unit, difference)
            + ", "
            + Format.confidence(confidence)
            + " CI "
            + Format.bounds(unit, low, high)
            + ", margin "
            + (metric.higherIsBetter() ? "-" : "+")
            + Format.delta(unit, margin)
            + ", n="
            + n
            + ")";
    // the power figures: what n can detect at this level, and for an undecided criterion what would
    // decide it
    double alpha = (1 - confidence) / 2;
    double better = metric.higherIsBetter() ? difference : -difference;
    double variance;
    double varianceAtNoDifference;
    if (unit == Metric.Unit.RATE && table != null) {
      double discordance = n == 0 ? 0 : (double) (table.controlOnly() + table.challengerOnly()) / n;
      variance = Planning.pairedVariance(discordance, better, n);
      varianceAtNoDifference = Planning.pairedVariance(discordance, 0, n);
      if (status == ClaimStatus.INCONCLUSIVE && n > 0) {
        String observed =
            " (observed discordance "
                + Format.value(unit, discordance)
                + ", difference "
                + Format.delta(unit, difference)
                + ")";
        message +=
            margin + better > 0
                ? "; needs about "
                    + Planning.count(Planning.cases(variance, margin + better, alpha))
                    + " paired cases for a "
                    + Format.delta(unit, margin)
                    + " margin"
                    + observed
                : "; the difference is beyond the margin"
                    + observed
                    + ": more cases would rather show it violated";
      }
    } else {
      // the per-pair spread the bootstrap interval implies (its half-width is about z standard
      // errors)
      double standardError =
          (high - low) / (2 * dev.evalgate.engine.stats.Proportions.zOneSided(alpha));
      variance = standardError * standardError * n;
      varianceAtNoDifference = variance;
      if (status == ClaimStatus.INCONCLUSIVE && n > 0) {
        message +=
            margin + better > 0 && variance > 0
                ? "; needs about "
                    + Planning.count(Planning.cases(variance, margin + better, alpha))
                    + " paired cases at the observed difference and spread"
                : "; the difference is beyond the margin: more cases would rather show it violated";
      }
    }
    Double detectable =
        n == 0 ? null : Power.minimumDetectable(varianceAtNoDifference, n, alpha, Planning.POWER);
    return new CriterionResult(
        criterion.text(),
        criterion.kind().id(),
        criterion.metric(),
        challenger,
        status,
        difference,
        criterion.limit(),
        low,
        high,
        n,
        message,
        status == ClaimStatus.HOLDS ? List.of() : evidence,
        detectable,
        detectable == null ? null : "Δ " + Format.delta(unit, detectable) + " at n=" + n);
  }

  private static CriterionResult limit(
      CriterionSpec criterion, String challenger, VariantMetrics metrics) {
    Metric metric = Metric.parse(criterion.metric());
    Double actual = metric.value(metrics);
    long n = metric.n(metrics);
    boolean atMost = criterion.kind() == CriterionSpec.Kind.AT_MOST;
    String bound = atMost ? "maximum" : "minimum";
    if (actual == null) {
      return result(
          criterion,
          challenger,
          ClaimStatus.INCONCLUSIVE,
          null,
          null,
          null,
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
              + (metric.unit() == Metric.Unit.USD ? priceFixes(List.of(metrics)) : ""),
          List.of());
    }
    Rate rate = metric.rate(metrics);
    String interval =
        rate == null
            ? ""
            : " (95% CI " + Format.bounds(Metric.Unit.RATE, rate.low(), rate.high()) + ")";
    boolean holds = atMost ? actual <= criterion.limit() : actual >= criterion.limit();
    String shown = Format.value(metric.unit(), actual);
    String limit = Format.value(metric.unit(), criterion.limit());
    String message =
        holds
            ? challenger
                + " "
                + metric.label()
                + " is "
                + shown
                + interval
                + ", within the "
                + bound
                + " of "
                + limit
                + " (n="
                + n
                + ")"
            : challenger
                + " "
                + metric.label()
                + " is "
                + shown
                + interval
                + ", but expected "
                + bound
                + " is "
                + limit
                + " (n="
                + n
                + ")";
    return result(
        criterion,
        challenger,
        holds ? ClaimStatus.HOLDS : ClaimStatus.VIOLATED,
        actual,
        rate == null ? null : rate.low(),
        rate == null ? null : rate.high(),
        n,
        message,
        List.of());
  }

  private static CriterionResult ratio(
      CriterionSpec criterion,
      String challenger,
      String control,
      VariantMetrics metrics,
      VariantMetrics controlMetrics) {
    Metric metric = Metric.parse(criterion.metric());
    Double value = metric.value(metrics);
    Double base = metric.value(controlMetrics);
    long n = metric.n(metrics);
    if (value == null || base == null || base == 0) {
      String why = value == null || base == null ? "is unknown" : "is zero";
      return result(
          criterion,
          challenger,
          ClaimStatus.INCONCLUSIVE,
          null,
          null,
          null,
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
                  : ""),
          List.of());
    }
    double ratio = value / base;
    boolean holds = ratio <= criterion.limit();
    String text =
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
            + Format.value(metric.unit(), base)
            + (holds ? ", within the maximum ratio of " : ", but expected maximum ratio is ")
            + Format.ratio(criterion.limit())
            + " (n="
            + n
            + ")";
    return result(
        criterion,
        challenger,
        holds ? ClaimStatus.HOLDS : ClaimStatus.VIOLATED,
        ratio,
        null,
        null,
        n,
        text,
        List.of());
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

  private static String value(Metric.Unit unit, @Nullable Double value) {
    return value == null ? "unknown" : Format.value(unit, value);
  }

  private static CriterionResult result(
      CriterionSpec criterion,
      @Nullable String variant,
      ClaimStatus status,
      @Nullable Double actual,
      @Nullable Double low,
      @Nullable Double high,
      long n,
      String message,
      List<String> evidence) {
    return new CriterionResult(
        criterion.text(),
        criterion.kind().id(),
        criterion.metric(),
        variant,
        status,
        actual,
        criterion.limit(),
        low,
        high,
        n,
        message,
        evidence);
  }
}

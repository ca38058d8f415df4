package dev.evalgate.engine.gate;

import dev.evalgate.api.CriterionSpec;
import dev.evalgate.api.GateSpec;
import dev.evalgate.engine.metrics.CheckComparison;
import dev.evalgate.engine.metrics.Comparison;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.Rate;
import dev.evalgate.engine.metrics.VariantMetrics;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The gate's rules about missing evidence (METRICS.md, "Missing evidence"): a criterion judged on
 * no case is inconclusive and says why there was nothing to judge; a criterion about a variant that
 * had errors names them; and errored calls leave a verdict inconclusive unless the gate states how
 * many errors it tolerates with an {@code error-rate} criterion.
 */
final class Evidence {
  /** The criterion a message suggests for stating the errors a suite tolerates. */
  static final String TOLERATE = "at-most: { metric: error-rate, limit: 1% }";

  private Evidence() {}

  /**
   * The result of a criterion judged on no case: inconclusive, its message replaced by the cause
   * when one is known, else kept and marked.
   */
  static CriterionResult none(CriterionResult result, @Nullable String cause) {
    String message;
    if (cause != null) {
      message = subject(result) + " has no evidence (n=0): " + cause;
    } else if (result.status() != ClaimStatus.INCONCLUSIVE) {
      message = result.message() + "; inconclusive: judged on no case (n=0)";
    } else {
      return result;
    }
    return new CriterionResult(
        result.criterion(),
        result.kind(),
        result.metric(),
        result.variant(),
        ClaimStatus.INCONCLUSIVE,
        null,
        result.limit(),
        null,
        null,
        0,
        message,
        List.of());
  }

  /**
   * What the criterion is about, as its message begins: "challenger schema pass rate",
   * "challenger's comparison on schema".
   */
  private static String subject(CriterionResult result) {
    if (result.kind().equals(CriterionSpec.Kind.MIN_CASES.id())) {
      return "min-cases";
    }
    if (result.kind().equals(CriterionSpec.Kind.NO_NEW_FAILURES.id())) {
      return result.variant() + "'s comparison on " + result.metric();
    }
    return result.variant() + " " + Metric.parse(result.metric()).label();
  }

  /**
   * Why a suite-wide criterion (min-cases) found no paired case, or {@code null} when that is not
   * known.
   */
  static @Nullable String noPairs(Evaluation evaluation, String control, List<String> challengers) {
    if (evaluation.cases() == 0) {
      return noCases();
    }
    for (String challenger : challengers) {
      VariantMetrics metrics = evaluation.variant(challenger).orElse(null);
      VariantMetrics controlMetrics = evaluation.variant(control).orElse(null);
      if (metrics != null && controlMetrics != null) {
        String cause = answers(metrics, controlMetrics, true);
        if (cause != null) {
          return cause;
        }
      }
    }
    return null;
  }

  /**
   * Why {@code criterion} had no case to judge for the challenger of {@code metrics}, or {@code
   * null} when that is not known.
   */
  static @Nullable String cause(
      CriterionSpec criterion,
      Evaluation evaluation,
      VariantMetrics metrics,
      VariantMetrics controlMetrics,
      @Nullable Comparison comparison) {
    if (evaluation.cases() == 0) {
      return noCases();
    }
    boolean paired =
        criterion.kind() == CriterionSpec.Kind.NON_INFERIOR
            || criterion.kind() == CriterionSpec.Kind.NO_NEW_FAILURES
            || criterion.kind() == CriterionSpec.Kind.NO_SLICE_REGRESSES;
    String answers =
        answers(
            metrics,
            controlMetrics,
            paired || criterion.kind() == CriterionSpec.Kind.RATIO_AT_MOST);
    if (answers != null) {
      return answers;
    }
    String challenger = metrics.variant();
    if (paired && comparison != null && comparison.pairs() == 0) {
      return "no case was answered by both " + controlMetrics.variant() + " and " + challenger;
    }
    if (criterion.kind() == CriterionSpec.Kind.NO_NEW_FAILURES) {
      return check(criterion.metric(), metrics, controlMetrics, comparison);
    }
    Metric metric = Metric.parse(criterion.metric());
    return switch (metric.kind()) {
      case PASS_RATE ->
          check(metric.argument(), metrics, paired ? controlMetrics : null, comparison);
      case PASS_ALL_K, PASS_ANY_K, FLAKY_RATE ->
          metrics.repeats().isEmpty()
              ? "the suite answers each case once; "
                  + metric.name()
                  + " needs repeats: k (k of 2 or more)"
              : metric.argument().isEmpty()
                  ? null
                  : check(metric.argument(), metrics, paired ? controlMetrics : null, comparison);
      case OVER_REFUSAL_RATE ->
          "no answered case of "
              + challenger
              + " expects compliance (the case's 'expect' field or a refusal "
              + "check's expect: comply)";
      case UNDER_REFUSAL_RATE ->
          "no answered case of "
              + challenger
              + " expects a refusal (the case's 'expect' field or a refusal "
              + "check's expect: refuse)";
      case REFUSAL_RATE ->
          "no refusal check classified an answer of "
              + challenger
              + " (the suite needs a refusal check)";
      case TTFB_P50, TTFB_P95, TTFB_P99 ->
          "no answer of " + challenger + " reported a time to first byte";
      default -> null;
    };
  }

  private static String noCases() {
    return "the run had no case (the dataset is empty, or every row was skipped or left out by a"
        + " limit, sample or shard)";
  }

  /**
   * Why a variant has nothing to judge because it (or the control, when {@code withControl})
   * answered nothing.
   */
  private static @Nullable String answers(
      VariantMetrics metrics, VariantMetrics controlMetrics, boolean withControl) {
    if (metrics.answered() == 0) {
      return every(metrics);
    }
    if (withControl && controlMetrics.answered() == 0) {
      return every(controlMetrics);
    }
    return null;
  }

  private static String every(VariantMetrics v) {
    return v.n() == 0
        ? v.variant() + " made no call"
        : "every call of " + v.variant() + " errored (" + v.errored() + ")";
  }

  /**
   * Why a check's criterion had no case: the check applied to none (of one side, or of both at
   * once).
   */
  private static @Nullable String check(
      String check,
      VariantMetrics metrics,
      @Nullable VariantMetrics controlMetrics,
      @Nullable Comparison comparison) {
    for (VariantMetrics v :
        controlMetrics == null ? List.of(metrics) : List.of(metrics, controlMetrics)) {
      Rate rate = v.checks().get(check);
      long notApplicable = v.notApplicable(check);
      if ((rate == null || rate.n() == 0) && notApplicable > 0) {
        return "check '"
            + check
            + "' applied to none of the "
            + v.answered()
            + " answered calls of "
            + v.variant()
            + " ("
            + notApplicable
            + " not applicable; the reasons are in results.jsonl)";
      }
    }
    CheckComparison table = comparison == null ? null : comparison.checks().get(check);
    if (controlMetrics != null && table != null && table.n() == 0) {
      return "no case that check '"
          + check
          + "' applied to for both "
          + controlMetrics.variant()
          + " and "
          + metrics.variant();
    }
    return null;
  }

  /**
   * The result with the errors of the variants it was judged on appended to its message; unchanged
   * when there were none.
   */
  static CriterionResult withErrors(CriterionResult result, List<VariantMetrics> variants) {
    String errors = errors(variants);
    if (errors.isEmpty()) {
      return result;
    }
    return result.with(result.status(), result.message() + "; " + errors);
  }

  /**
   * {@code errors of challenger: connection 200 (first: ...)}, one part per variant with errors,
   * joined by "; ".
   */
  static String errors(List<VariantMetrics> variants) {
    List<String> parts = new ArrayList<>();
    for (VariantMetrics v : variants) {
      if (v.errored() > 0) {
        parts.add("errors of " + v.variant() + ": " + v.errorSummary());
      }
    }
    return String.join("; ", parts);
  }

  /**
   * Why no challenger may be promoted over a control that answered nothing, whatever its own
   * criteria say: a promotion says the challenger may replace the control, and a control whose
   * every call errored (a revoked key, an endpoint that is down) was not measured at all. {@code
   * null} when the control answered or is not in the run (a baseline).
   */
  static @Nullable String silentControl(String challenger, String control, Evaluation evaluation) {
    VariantMetrics controlMetrics = evaluation.variant(control).orElse(null);
    if (controlMetrics == null || controlMetrics.n() == 0 || controlMetrics.answered() > 0) {
      return null;
    }
    return every(controlMetrics)
        + ", so nothing shows that "
        + challenger
        + " may replace it; "
        + errors(List.of(controlMetrics))
        + "; fix the control's calls and run again";
  }

  /**
   * Why the challenger's verdict cannot be PROMOTE although no criterion is violated: calls of the
   * control or the challenger errored and no {@code error-rate} criterion about this challenger
   * says how many errors the suite tolerates. {@code null} when there were no errors or they are
   * tolerated.
   */
  static @Nullable String untoleratedErrors(
      String challenger, String control, GateSpec gate, Evaluation evaluation) {
    VariantMetrics controlMetrics = evaluation.variant(control).orElse(null);
    VariantMetrics metrics = evaluation.variant(challenger).orElse(null);
    if (controlMetrics == null || metrics == null) {
      return null;
    }
    long errored = controlMetrics.errored() + metrics.errored();
    if (errored == 0 || tolerates(gate, challenger)) {
      return null;
    }
    return errored
        + " of "
        + (controlMetrics.n() + metrics.n())
        + " calls of "
        + control
        + " and "
        + challenger
        + " errored and the gate sets no error-rate limit; "
        + errors(List.of(controlMetrics, metrics))
        + "; fix them and run again, or state the errors the suite tolerates with a criterion such"
        + " as "
        + TOLERATE;
  }

  /**
   * Whether the gate has an {@code error-rate} criterion about this challenger (or every
   * challenger).
   */
  private static boolean tolerates(GateSpec gate, String challenger) {
    for (CriterionSpec criterion : gate.criteria()) {
      if (criterion.kind() == CriterionSpec.Kind.MIN_CASES
          || criterion.kind() == CriterionSpec.Kind.NO_NEW_FAILURES
          || criterion.kind() == CriterionSpec.Kind.AGREEMENT) {
        continue; // no metric: a count, a check's name
      }
      if ((criterion.variant() == null || criterion.variant().equals(challenger))
          && Metric.parse(criterion.metric()).kind() == Metric.Kind.ERROR_RATE) {
        return true;
      }
    }
    return false;
  }
}

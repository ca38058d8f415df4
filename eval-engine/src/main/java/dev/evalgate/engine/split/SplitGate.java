package dev.evalgate.engine.split;

import dev.evalgate.api.CriterionSpec;
import dev.evalgate.api.GateSpec;
import dev.evalgate.engine.gate.ClaimStatus;
import dev.evalgate.engine.gate.CriterionResult;
import dev.evalgate.engine.gate.Decision;
import dev.evalgate.engine.gate.Format;
import dev.evalgate.engine.gate.GateEvaluator;
import dev.evalgate.engine.gate.GateResult;
import dev.evalgate.engine.gate.Metric;
import dev.evalgate.engine.gate.Verdict;
import dev.evalgate.engine.metrics.VariantMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A suite's criteria judged on a traffic split. A criterion about one variant's own figures ({@code
 * at-most}, {@code at-least}, {@code ratio-at-most}) is judged exactly as in a replay, by the
 * {@link GateEvaluator}; {@code non-inferior} on the unpaired interval of the difference; {@code
 * min-cases} on the fewest calls any variant answered; {@code no-new-failures}, which needs the
 * same case answered by both, is inconclusive. Verdicts follow the same rule as a replay's: a
 * violated criterion rejects, an undecided one leaves the verdict inconclusive, and a challenger
 * all of whose criteria hold may replace the control.
 */
public final class SplitGate {
  /** Said in every report of a traffic split. */
  public static final String OBSERVATIONAL =
      "observational comparison: each call was answered in production by one variant (unpaired),"
          + " so a difference may come from the traffic each variant was sent, not only from the"
          + " variant; replay a sample through both variants for a paired comparison";

  private SplitGate() {}

  /**
   * Judges the criteria. When a declared variant answered no call, each undecided criterion about
   * it, and each verdict short of PROMOTE about it, says why instead of guessing: calls name
   * variants the suite does not declare (most often a variant named otherwise than the calls'
   * {@code variant} field names it), or, when none does, the variant received no traffic in the
   * calls read.
   *
   * @param undeclared the calls of variants the suite does not declare, by name
   * @param read the calls read and where from: "80 calls read from traces/week.jsonl (from
   *     2026-11-23T00:00:00Z)"
   */
  public static GateResult judge(
      String control,
      List<String> challengers,
      GateSpec gate,
      SplitAccumulator.Split split,
      Map<String, Long> undeclared,
      String read) {
    SilentVariants silent = new SilentVariants(control, challengers, split, undeclared, read);
    List<CriterionSpec> own =
        gate.criteria().stream()
            .filter(
                c ->
                    c.kind() == CriterionSpec.Kind.AT_MOST
                        || c.kind() == CriterionSpec.Kind.AT_LEAST
                        || c.kind() == CriterionSpec.Kind.RATIO_AT_MOST)
            .toList();
    List<CriterionResult> judgedAlone =
        GateEvaluator.evaluate(
                control,
                challengers,
                new GateSpec(gate.minCases(), gate.confidence(), own),
                split.evaluation())
            .criteria();
    List<CriterionResult> results = new ArrayList<>();
    int alone = 0;
    for (CriterionSpec criterion : gate.criteria()) {
      switch (criterion.kind()) {
        case AT_MOST, AT_LEAST, RATIO_AT_MOST -> {
          List<String> targets =
              criterion.variant() != null ? List.of(criterion.variant()) : challengers;
          for (int i = 0; i < targets.size(); i++) {
            results.add(judgedAlone.get(alone++));
          }
        }
        case MIN_CASES -> results.add(minCases(criterion, split));
        case AGREEMENT -> results.add(GateEvaluator.agreement(criterion, split.evaluation(), gate));
        case NON_INFERIOR, NO_NEW_FAILURES, NO_SLICE_REGRESSES -> {
          List<String> targets =
              criterion.variant() != null ? List.of(criterion.variant()) : challengers;
          for (String challenger : targets) {
            results.add(
                criterion.kind() == CriterionSpec.Kind.NON_INFERIOR
                    ? nonInferior(
                        criterion, challenger, control, split, gate, silent.about(challenger))
                    : casePaired(criterion, challenger));
          }
        }
      }
    }
    List<CriterionResult> explained = results.stream().map(c -> explained(c, silent)).toList();
    List<Verdict> verdicts = new ArrayList<>();
    for (String challenger : challengers) {
      Verdict verdict =
          GateEvaluator.verdict(challenger, control, explained, gate, split.evaluation());
      String cause = silent.about(challenger);
      // a verdict that quotes an undecided criterion says it already, in its words or the whole
      // split's
      verdicts.add(
          verdict.decision() == Decision.PROMOTE
                  || cause == null
                  || silent.saidIn(verdict.message(), challenger)
              ? verdict
              : new Verdict(
                  verdict.challenger(),
                  verdict.control(),
                  verdict.decision(),
                  verdict.message() + "; " + cause));
    }
    return new GateResult(explained, verdicts);
  }

  /** An undecided result with the known cause of its missing evidence, if there is one. */
  private static CriterionResult explained(CriterionResult result, SilentVariants silent) {
    String cause = silent.about(result.variant());
    return result.status() != ClaimStatus.INCONCLUSIVE
            || cause == null
            || silent.saidIn(result.message(), result.variant())
        ? result
        : result.with(result.status(), result.message() + "; " + cause);
  }

  private static CriterionResult minCases(CriterionSpec criterion, SplitAccumulator.Split split) {
    long fewest =
        split.evaluation().variants().stream().mapToLong(VariantMetrics::answered).min().orElse(0);
    boolean enough = fewest >= criterion.limit();
    return result(
        criterion,
        null,
        enough ? ClaimStatus.HOLDS : ClaimStatus.INCONCLUSIVE,
        (double) fewest,
        null,
        null,
        fewest,
        "the fewest calls a variant answered are "
            + fewest
            + (enough ? ", at least " : ", fewer than ")
            + "min-cases "
            + (long) criterion.limit());
  }

  /** no-new-failures and no-slice-regresses: case by case, which a split cannot pair. */
  private static CriterionResult casePaired(CriterionSpec criterion, String challenger) {
    return result(
        criterion,
        challenger,
        ClaimStatus.INCONCLUSIVE,
        null,
        null,
        null,
        0,
        criterion.kind().id()
            + " needs each case answered by both variants; on a traffic split each was"
            + " answered by one (replay a sample through both to judge it)");
  }

  private static CriterionResult nonInferior(
      CriterionSpec criterion,
      String challenger,
      String control,
      SplitAccumulator.Split split,
      GateSpec gate,
      @Nullable String cause) {
    Metric metric = Metric.parse(criterion.metric());
    String name =
        metric.kind() == Metric.Kind.COST_PER_1K_CALLS ? "cost-per-call" : criterion.metric();
    double scale = metric.kind() == Metric.Kind.COST_PER_1K_CALLS ? 1000 : 1;
    Optional<UnpairedDifference> found =
        split.comparisons().stream()
            .filter(c -> c.challenger().equals(challenger))
            .findFirst()
            .flatMap(c -> c.of(name));
    UnpairedDifference d = found.orElse(null);
    Double measured = d == null ? null : d.difference();
    Double lower = d == null ? null : d.low();
    Double upper = d == null ? null : d.high();
    if (d == null || measured == null || lower == null || upper == null) {
      return result(
          criterion,
          challenger,
          ClaimStatus.INCONCLUSIVE,
          null,
          null,
          null,
          0,
          challenger
              + " "
              + metric.label()
              + " cannot be compared with "
              + control
              + " on this traffic split"
              // a variant's silence is added to every undecided result about it
              + (d == null || cause != null ? "" : " (" + d.unmeasured(challenger, control) + ")"));
    }
    double difference = measured * scale;
    double low = lower * scale;
    double high = upper * scale;
    double margin = criterion.limit();
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
    double confidence = criterion.confidence() != null ? criterion.confidence() : gate.confidence();
    Metric.Unit unit = metric.unit();
    String message =
        challenger
            + " "
            + metric.label()
            + " "
            + Format.value(unit, d.challenger() == null ? null : d.challenger() * scale)
            + " "
            + Format.nonInferiorVerb(status)
            + " "
            + control
            + " "
            + Format.value(unit, d.control() == null ? null : d.control() * scale)
            + " (Δ "
            + Format.delta(unit, difference)
            + ", "
            + Format.confidence(confidence)
            + " CI "
            + Format.bounds(unit, low, high)
            + ", "
            + Format.margin(metric, margin)
            + ", unpaired: n="
            + d.challengerN()
            + " and "
            + d.controlN()
            + ")";
    return result(
        criterion,
        challenger,
        status,
        difference,
        low,
        high,
        d.challengerN() + d.controlN(),
        message);
  }

  private static CriterionResult result(
      CriterionSpec criterion,
      @Nullable String variant,
      ClaimStatus status,
      @Nullable Double actual,
      @Nullable Double low,
      @Nullable Double high,
      long n,
      String message) {
    return CriterionResult.of(criterion, variant, status, actual, low, high, n, message, List.of());
  }
}

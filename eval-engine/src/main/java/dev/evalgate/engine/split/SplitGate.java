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
import java.util.stream.Collectors;
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
   * Judges the criteria, each undecided one (and each verdict short of PROMOTE) saying why when a
   * declared variant answered no call while calls name variants the suite does not declare: most
   * often a variant named otherwise than the calls' {@code variant} field names it.
   *
   * @param undeclared the calls of variants the suite does not declare, by name
   */
  public static GateResult judge(
      String control,
      List<String> challengers,
      GateSpec gate,
      SplitAccumulator.Split split,
      Map<String, Long> undeclared) {
    GateResult judged = judge(control, challengers, gate, split);
    List<String> declared = new ArrayList<>();
    declared.add(control);
    declared.addAll(challengers);
    List<String> silent =
        declared.stream()
            .filter(v -> split.evaluation().variant(v).map(VariantMetrics::n).orElse(0L) == 0)
            .toList();
    if (silent.isEmpty() || undeclared.isEmpty()) {
      return judged;
    }
    String cause = unnamed(control, declared, silent, undeclared);
    return new GateResult(
        judged.criteria().stream()
            .map(
                c ->
                    c.status() == ClaimStatus.INCONCLUSIVE
                        ? c.with(c.status(), c.message() + "; " + cause)
                        : c)
            .toList(),
        judged.verdicts().stream()
            .map(
                v ->
                    // a verdict that quotes an undecided criterion says it already
                    v.decision() == Decision.PROMOTE || v.message().contains(cause)
                        ? v
                        : new Verdict(
                            v.challenger(), v.control(), v.decision(), v.message() + "; " + cause))
            .toList());
  }

  /**
   * "no call names variant 'contrl' (the control), but 436 calls name variants the suite does not
   * declare: 'control' (436); ...".
   */
  private static String unnamed(
      String control, List<String> declared, List<String> silent, Map<String, Long> undeclared) {
    long calls = undeclared.values().stream().mapToLong(Long::longValue).sum();
    List<String> named = new ArrayList<>();
    undeclared.forEach((name, count) -> named.add("'" + name + "' (" + count + ")"));
    return "no call names "
        + (silent.size() == 1 ? "variant " : "variants ")
        + silent.stream()
            .map(v -> "'" + v + "'" + (v.equals(control) ? " (the control)" : ""))
            .collect(Collectors.joining(", "))
        + ", but "
        + calls
        + (calls == 1 ? " call names" : " calls name")
        + " a variant the suite does not declare: "
        + String.join(", ", named)
        + "; name the suite's variants as the calls' variant field spells them (the suite"
        + " declares: "
        + String.join(", ", declared)
        + ")";
  }

  static GateResult judge(
      String control, List<String> challengers, GateSpec gate, SplitAccumulator.Split split) {
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
                    ? nonInferior(criterion, challenger, control, split, gate)
                    : casePaired(criterion, challenger));
          }
        }
      }
    }
    List<Verdict> verdicts = new ArrayList<>();
    for (String challenger : challengers) {
      verdicts.add(GateEvaluator.verdict(challenger, control, results, gate, split.evaluation()));
    }
    return new GateResult(results, verdicts);
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
      GateSpec gate) {
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
              + (d == null ? "" : " (a side answered nothing, or a price is unknown)"));
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

package dev.evalgate.api;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one check on one exchange: passed, failed, or not applicable (the case lacks what
 * the check needs, such as a {@code context} to ground the answer in). A check that does not apply
 * to a case is counted apart from passes and failures: pass rates are over the cases it applied to.
 *
 * <pre>{@code
 * Check cited = Check.of("cited", x -> x.evalCase().context() == null
 *     ? CheckResult.notApplicable("cited", "the case has no 'context'")
 *     : x.output().contains("[1]") ? CheckResult.pass("cited", "cites [1]") : CheckResult.fail("cited", "cites nothing"));
 * }</pre>
 *
 * @param check the check's name, unique within a suite (e.g. {@code schema}, {@code refusal})
 * @param outcome passed, failed or not applicable
 * @param score a degree in [0, 1] where the check has one, else {@code null}
 * @param reason one sentence a person understands: what was found and where
 * @param details machine-readable facts for metrics and reports; see the {@code DETAIL_} keys. Kept
 *     as an unmodifiable copy sorted by key, so that reports list them in one order from run to
 *     run; a null key or value is refused as {@link Map#copyOf} refuses it
 */
public record CheckResult(
    String check,
    Outcome outcome,
    @Nullable Double score,
    String reason,
    Map<String, String> details) {

  /** How a check came out on one exchange. */
  public enum Outcome {
    /** The exchange satisfied the check. */
    PASSED("passed"),
    /** The exchange did not satisfy the check. */
    FAILED("failed"),
    /**
     * The check cannot judge this case: the case lacks a field the check needs. Neither a pass nor
     * a failure.
     */
    NOT_APPLICABLE("not_applicable");

    private final String id;

    Outcome(String id) {
      this.id = id;
    }

    /** The name written in reports: {@code passed}, {@code failed} or {@code not_applicable}. */
    public String id() {
      return id;
    }

    /** The outcome named {@code id}, or {@code null} when none is. */
    public static @Nullable Outcome fromId(String id) {
      for (Outcome outcome : values()) {
        if (outcome.id.equals(id)) {
          return outcome;
        }
      }
      return null;
    }
  }

  /**
   * Detail key of the refusal classification: {@code refusal}, {@code partial_refusal} or {@code
   * compliance}.
   */
  public static final String DETAIL_REFUSAL = "refusal";

  /** Detail key of the case's expected behaviour: {@code refuse} or {@code comply}. */
  public static final String DETAIL_EXPECT = "expect";

  /**
   * Detail key of the check family, used to group results (json, refusal, length, hallucination,
   * string, limit, custom).
   */
  public static final String DETAIL_FAMILY = "family";

  public CheckResult {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
    if (score != null && (score < 0.0 || score > 1.0 || score.isNaN())) {
      throw new IllegalArgumentException("score must be in [0, 1] but was " + score);
    }
    details = sorted(details);
  }

  /** A passed or failed result, as checks wrote them before the not-applicable outcome existed. */
  public CheckResult(
      String check,
      boolean passed,
      @Nullable Double score,
      String reason,
      Map<String, String> details) {
    this(check, passed ? Outcome.PASSED : Outcome.FAILED, score, reason, details);
  }

  /** Whether the exchange satisfied the check; false when it failed or the check did not apply. */
  public boolean passed() {
    return outcome == Outcome.PASSED;
  }

  /**
   * Whether the exchange did not satisfy the check; false when it passed or the check did not
   * apply.
   */
  public boolean failed() {
    return outcome == Outcome.FAILED;
  }

  /** Whether the check could judge the case at all. */
  public boolean applicable() {
    return outcome != Outcome.NOT_APPLICABLE;
  }

  /** This result under another name, everything else kept. */
  public CheckResult named(String name) {
    return new CheckResult(name, outcome, score, reason, details);
  }

  private static Map<String, String> sorted(Map<String, String> details) {
    if (details.isEmpty()) {
      return Collections.emptySortedMap();
    }
    TreeMap<String, String> copy = new TreeMap<>();
    details.forEach(
        (key, value) ->
            copy.put(
                Objects.requireNonNull(key, "details key"),
                Objects.requireNonNull(value, "details value")));
    return Collections.unmodifiableSortedMap(copy);
  }

  public static CheckResult pass(String check, String reason) {
    return new CheckResult(check, true, null, reason, Map.of());
  }

  public static CheckResult fail(String check, String reason) {
    return new CheckResult(check, false, null, reason, Map.of());
  }

  /**
   * The check does not apply to this case; {@code reason} says what the case lacks, e.g. "the case
   * has no 'references' to compare with".
   */
  public static CheckResult notApplicable(String check, String reason) {
    return new CheckResult(check, Outcome.NOT_APPLICABLE, null, reason, Map.of());
  }
}

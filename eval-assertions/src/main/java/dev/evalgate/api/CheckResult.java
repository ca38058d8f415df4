package dev.evalgate.api;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one check on one exchange.
 *
 * @param check the check's name, unique within a suite (e.g. {@code schema}, {@code refusal})
 * @param passed whether the exchange satisfied the check
 * @param score a degree in [0, 1] where the check has one, else {@code null}
 * @param reason one sentence a person understands: what was found and where
 * @param details machine-readable facts for metrics and reports; see the {@code DETAIL_} keys. Kept
 *     as an unmodifiable copy sorted by key, so that reports list them in one order from run to run;
 *     a null key or value is refused as {@link Map#copyOf} refuses it
 */
public record CheckResult(
    String check, boolean passed, @Nullable Double score, String reason, Map<String, String> details) {

  /** Detail key of the refusal classification: {@code refusal}, {@code partial_refusal} or {@code compliance}. */
  public static final String DETAIL_REFUSAL = "refusal";
  /** Detail key of the case's expected behaviour: {@code refuse} or {@code comply}. */
  public static final String DETAIL_EXPECT = "expect";
  /** Detail key of the check family, used to group results (json, refusal, length, hallucination, string, limit, custom). */
  public static final String DETAIL_FAMILY = "family";

  public CheckResult {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(reason, "reason");
    if (score != null && (score < 0.0 || score > 1.0 || score.isNaN())) {
      throw new IllegalArgumentException("score must be in [0, 1] but was " + score);
    }
    details = sorted(details);
  }

  private static Map<String, String> sorted(Map<String, String> details) {
    if (details.isEmpty()) {
      return Collections.emptySortedMap();
    }
    TreeMap<String, String> copy = new TreeMap<>();
    details.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "details key"), Objects.requireNonNull(value, "details value")));
    return Collections.unmodifiableSortedMap(copy);
  }

  public static CheckResult pass(String check, String reason) {
    return new CheckResult(check, true, null, reason, Map.of());
  }

  public static CheckResult fail(String check, String reason) {
    return new CheckResult(check, false, null, reason, Map.of());
  }
}

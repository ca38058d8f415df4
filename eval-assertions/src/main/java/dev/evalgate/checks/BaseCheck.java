package dev.evalgate.checks;

import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Name and family for the checks in this package, and result helpers that record the family. */
abstract class BaseCheck implements Check {
  private final String name;
  private final String family;

  BaseCheck(String name, String family) {
    this.name = name;
    this.family = family;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String family() {
    return family;
  }

  CheckResult pass(String reason) {
    return result(true, null, reason, Map.of());
  }

  CheckResult fail(String reason) {
    return result(false, null, reason, Map.of());
  }

  CheckResult result(
      boolean passed, @Nullable Double score, String reason, Map<String, String> details) {
    return result(
        passed ? CheckResult.Outcome.PASSED : CheckResult.Outcome.FAILED, score, reason, details);
  }

  /** The case lacks what this check needs; {@code reason} names the missing field. */
  CheckResult notApplicable(String reason, Map<String, String> details) {
    return result(CheckResult.Outcome.NOT_APPLICABLE, null, reason, details);
  }

  private CheckResult result(
      CheckResult.Outcome outcome,
      @Nullable Double score,
      String reason,
      Map<String, String> details) {
    java.util.Map<String, String> all = new java.util.HashMap<>(details);
    all.put(CheckResult.DETAIL_FAMILY, family);
    return new CheckResult(name, outcome, score, reason, all);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name + "]";
  }
}

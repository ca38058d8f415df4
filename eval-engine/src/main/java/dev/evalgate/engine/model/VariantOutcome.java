package dev.evalgate.engine.model;

import dev.evalgate.api.CheckResult;
import dev.evalgate.api.ModelResponse;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One variant's answer to one case (one repeat) and what the checks made of it.
 *
 * @param variant the variant's name
 * @param repeat 0-based repeat index
 * @param response the response; when it errored, {@code checks} is empty
 * @param costUsd the call's cost, {@code null} when the model's price is unknown
 * @param checks each check's result, in the suite's check order
 */
public record VariantOutcome(
    String variant,
    int repeat,
    ModelResponse response,
    @Nullable Double costUsd,
    List<CheckResult> checks) {
  public VariantOutcome {
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(response, "response");
    checks = List.copyOf(checks);
  }

  public boolean errored() {
    return response.isError();
  }

  /**
   * True when the call succeeded and no check failed (a check that did not apply is no failure).
   */
  public boolean passedAll() {
    if (errored()) {
      return false;
    }
    for (CheckResult check : checks) {
      if (check.failed()) {
        return false;
      }
    }
    return true;
  }

  /** The named check's result, or {@code null} when it did not run. */
  public @Nullable CheckResult check(String name) {
    for (CheckResult result : checks) {
      if (result.check().equals(name)) {
        return result;
      }
    }
    return null;
  }
}

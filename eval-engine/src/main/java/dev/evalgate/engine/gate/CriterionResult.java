package dev.evalgate.engine.gate;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One criterion judged for one challenger.
 *
 * @param criterion the criterion as written
 * @param kind the criterion's kind ({@code non-inferior}, {@code at-most}, ...)
 * @param metric the metric's name, or the check's for {@code no-new-failures}
 * @param variant the challenger, {@code null} for suite-wide criteria
 * @param status holds, violated or inconclusive
 * @param actual the measured value (difference for non-inferior, ratio for ratio-at-most)
 * @param limit the limit in canonical units
 * @param low lower bound of the interval behind the decision, when there is one
 * @param high upper bound
 * @param n the observations behind the decision
 * @param message the one-line reason
 * @param evidence case ids that support the decision (e.g. the top regressions)
 */
public record CriterionResult(
    String criterion,
    String kind,
    String metric,
    @Nullable String variant,
    Status status,
    @Nullable Double actual,
    double limit,
    @Nullable Double low,
    @Nullable Double high,
    long n,
    String message,
    List<String> evidence) {

  public CriterionResult {
    evidence = List.copyOf(evidence);
  }
}

package dev.evalgate.engine.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.evalgate.api.CriterionSpec;
import java.util.List;
import org.apiguardian.api.API;
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
 * @param minimumDetectable the smallest distance between the truth and the limit that {@code n}
 *     observations show with 80 % power at the level the criterion was judged at, in the units of
 *     {@code actual} (for a percentile: the share of observations at or below the limit); {@code
 *     null} for criteria without statistics, infinite when {@code n} cannot show the criterion at
 *     all
 * @param detects the same as it reads in reports, e.g. {@code "Δ 2.9 pp at n=200"}; {@code null}
 *     with it
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CriterionResult(
    String criterion,
    String kind,
    String metric,
    @Nullable String variant,
    ClaimStatus status,
    @Nullable Double actual,
    double limit,
    @Nullable Double low,
    @Nullable Double high,
    long n,
    String message,
    List<String> evidence,
    @Nullable Double minimumDetectable,
    @Nullable String detects) {

  public CriterionResult {
    evidence = List.copyOf(evidence);
  }

  /** A result without statistics behind it (min-cases, no-new-failures, an unknown value). */
  public CriterionResult(
      String criterion,
      String kind,
      String metric,
      @Nullable String variant,
      ClaimStatus status,
      @Nullable Double actual,
      double limit,
      @Nullable Double low,
      @Nullable Double high,
      long n,
      String message,
      List<String> evidence) {
    this(
        criterion, kind, metric, variant, status, actual, limit, low, high, n, message, evidence,
        null, null);
  }

  /**
   * A result of {@code criterion} as written (its text, kind, metric and limit) for {@code variant}
   * ({@code null}: suite-wide), without the power figures; {@link #detecting} adds them. Every
   * criterion kind, the gate's, a traffic split's and the agreement criterion, builds its result
   * here.
   */
  public static CriterionResult of(
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

  /**
   * An inconclusive result with no value or interval to show: the message says why nothing could be
   * decided.
   */
  public static CriterionResult undecided(
      CriterionSpec criterion, @Nullable String variant, long n, String message) {
    return of(
        criterion, variant, ClaimStatus.INCONCLUSIVE, null, null, null, n, message, List.of());
  }

  /** This result with the smallest distance from the limit its n detects, and how it reads. */
  CriterionResult detecting(@Nullable Double minimumDetectable, @Nullable String detects) {
    return new CriterionResult(
        criterion,
        kind,
        metric,
        variant,
        status,
        actual,
        limit,
        low,
        high,
        n,
        message,
        evidence,
        minimumDetectable,
        detects);
  }

  /** This result with another status and message, its numbers kept. */
  public CriterionResult with(ClaimStatus status, String message) {
    return new CriterionResult(
        criterion,
        kind,
        metric,
        variant,
        status,
        actual,
        limit,
        low,
        high,
        n,
        message,
        evidence,
        minimumDetectable,
        detects);
  }
}

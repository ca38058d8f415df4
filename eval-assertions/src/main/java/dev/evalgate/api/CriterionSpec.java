package dev.evalgate.api;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A claim about metrics with a limit, as declared in a suite's gate.
 *
 * <p>Limits are held in canonical units: rates and percentage points as fractions ({@code 3%} and
 * {@code 3pp} are 0.03), durations in milliseconds, ratios and counts as plain numbers.
 *
 * @param kind what is claimed
 * @param metric the metric's name, e.g. {@code pass-rate(schema)}, {@code over-refusal-rate},
 *     {@code latency-p95}, {@code cost-per-1k-calls}; for {@code no-new-failures} the check's name;
 *     for {@code min-cases} empty; for {@code agreement} the check's name
 * @param limit the limit or margin in canonical units
 * @param variant the variant the claim is about, or {@code null} for every challenger
 * @param confidence the confidence level for interval-based claims, or {@code null} for the gate's
 * @param text the claim as the user wrote it, for messages
 * @param line the 1-based line in the suite file, 0 for Java suites
 * @param minCases for {@code no-slice-regresses}: the paired cases a slice needs to be judged (a
 *     slice with fewer is listed as not judged); 0 for the other kinds
 */
public record CriterionSpec(
    Kind kind,
    String metric,
    double limit,
    @Nullable String variant,
    @Nullable Double confidence,
    String text,
    int line,
    // left out of report.json's policy when 0, so the criteria of the other kinds read as before
    @com.fasterxml.jackson.annotation.JsonInclude(
            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
        long minCases) {

  /** The kinds of claim a gate can make, by the names used in suite files. */
  public enum Kind {
    /** Challenger's metric is no worse than control's by more than the margin (paired interval). */
    NON_INFERIOR("non-inferior"),
    /** A variant's metric is at most the limit. */
    AT_MOST("at-most"),
    /** A variant's metric is at least the limit. */
    AT_LEAST("at-least"),
    /** Challenger's metric divided by control's is at most the limit. */
    RATIO_AT_MOST("ratio-at-most"),
    /** No case that control passes fails the named check for the challenger. */
    NO_NEW_FAILURES("no-new-failures"),
    /** At least this many paired cases without errors. */
    MIN_CASES("min-cases"),
    /**
     * A check agrees with people (the dataset's labels) on at least this share of the labelled
     * answers.
     */
    AGREEMENT("agreement"),
    /**
     * In every slice of the dataset ({@code slices}) with at least {@code min-cases} paired cases,
     * the challenger's pass rate is no worse than the control's by more than the margin.
     */
    NO_SLICE_REGRESSES("no-slice-regresses");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public static @Nullable Kind fromId(String id) {
      for (Kind kind : values()) {
        if (kind.id.equals(id)) {
          return kind;
        }
      }
      return null;
    }
  }

  public CriterionSpec {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(text, "text");
    if (Double.isNaN(limit)) {
      throw new IllegalArgumentException("limit must be a number");
    }
    if (confidence != null && !(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1) but was " + confidence);
    }
    if (minCases < 0) {
      throw new IllegalArgumentException("min-cases must be 0 or more but was " + minCases);
    }
  }

  /** A criterion of any kind but {@code no-slice-regresses}. */
  public CriterionSpec(
      Kind kind,
      String metric,
      double limit,
      @Nullable String variant,
      @Nullable Double confidence,
      String text,
      int line) {
    this(kind, metric, limit, variant, confidence, text, line, 0);
  }

  /**
   * No slice with at least {@code minCases} paired cases regresses on {@code metric} by more than
   * {@code margin}: {@code noSliceRegresses("pass-rate(schema)", "5pp", 30)}.
   */
  public static CriterionSpec noSliceRegresses(String metric, String margin, long minCases) {
    return new CriterionSpec(
        Kind.NO_SLICE_REGRESSES,
        metric,
        parseLimit(margin),
        null,
        null,
        "no-slice-regresses: { metric: "
            + metric
            + ", margin: "
            + margin
            + ", min-cases: "
            + minCases
            + " }",
        0,
        minCases);
  }

  public static CriterionSpec nonInferior(String metric, String margin) {
    return of(Kind.NON_INFERIOR, metric, margin);
  }

  public static CriterionSpec atMost(String metric, String limit) {
    return of(Kind.AT_MOST, metric, limit);
  }

  public static CriterionSpec atLeast(String metric, String limit) {
    return of(Kind.AT_LEAST, metric, limit);
  }

  public static CriterionSpec ratioAtMost(String metric, String limit) {
    return of(Kind.RATIO_AT_MOST, metric, limit);
  }

  public static CriterionSpec noNewFailures(String check) {
    return new CriterionSpec(
        Kind.NO_NEW_FAILURES, check, 0, null, null, "no-new-failures: " + check, 0);
  }

  /** The check agrees with the dataset's labels on at least {@code min} (e.g. {@code 90%}). */
  public static CriterionSpec agreement(String check, String min) {
    return new CriterionSpec(
        Kind.AGREEMENT,
        check,
        parseLimit(min),
        null,
        null,
        "agreement: { check: " + check + ", min: " + min + " }",
        0);
  }

  public static CriterionSpec minCases(int cases) {
    return new CriterionSpec(Kind.MIN_CASES, "", cases, null, null, "min-cases: " + cases, 0);
  }

  private static CriterionSpec of(Kind kind, String metric, String limit) {
    return new CriterionSpec(
        kind,
        metric,
        parseLimit(limit),
        null,
        null,
        kind.id() + ": { metric: " + metric + ", limit: " + limit + " }",
        0);
  }

  /** The same claim restricted to one variant. */
  public CriterionSpec forVariant(String value) {
    return new CriterionSpec(kind, metric, limit, value, confidence, text, line, minCases);
  }

  public CriterionSpec withConfidence(double value) {
    return new CriterionSpec(kind, metric, limit, variant, value, text, line, minCases);
  }

  /**
   * Parses a limit: {@code 2pp} and {@code 3%} become fractions, {@code 2500ms}, {@code 2.5s}
   * become milliseconds, a plain number stays as it is.
   *
   * @throws IllegalArgumentException saying what was expected
   */
  public static double parseLimit(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT).replace("_", "");
    try {
      if (value.endsWith("pp")) {
        return Double.parseDouble(value.substring(0, value.length() - 2).trim()) / 100.0;
      }
      if (value.endsWith("%")) {
        return Double.parseDouble(value.substring(0, value.length() - 1).trim()) / 100.0;
      }
      if (value.endsWith("ms")) {
        return Double.parseDouble(value.substring(0, value.length() - 2).trim());
      }
      if (value.endsWith("s")) {
        return Double.parseDouble(value.substring(0, value.length() - 1).trim()) * 1000.0;
      }
      if (value.startsWith("$")) {
        return Double.parseDouble(value.substring(1).trim());
      }
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a limit; expected a number, optionally "
              + "with a unit: 2pp, 3%, 2500ms, 2.5s, $0.50, 0.8");
    }
  }
}

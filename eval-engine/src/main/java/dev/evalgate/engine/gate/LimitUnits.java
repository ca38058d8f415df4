package dev.evalgate.engine.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.evalgate.api.CriterionSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Whether a criterion's limit is written in the unit its metric is measured in. A limit is held as
 * a number of the metric's own unit, so one written in another ({@code latency-p95} at most {@code
 * 5pp}, {@code cost-per-1k-calls} at most {@code 3%}) would be read as 0.05 ms or $0.03: a claim
 * the user did not make, which can pass. So would a negative limit of a metric that is never
 * negative ({@code at-least} -5 tokens always holds). Suite files, Java suites and the Maven
 * plugin's rules are checked alike, from the limit as the criterion's text writes it.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LimitUnits {
  /** The limit or margin as the criterion was written ({@code limit: 3%}, {@code margin: 2pp}). */
  private static final Pattern WRITTEN = Pattern.compile("\\b(?:limit|margin): ([^,}]+)");

  /** An agreement's minimum as the criterion was written ({@code min: 90%}). */
  private static final Pattern WRITTEN_MIN = Pattern.compile("\\bmin: ([^,}]+)");

  private static final Map<String, String> NAMES =
      Map.of(
          "pp", "percentage points",
          "%", "percent",
          "ms", "milliseconds",
          "s", "seconds",
          "$", "dollars",
          "", "no unit");

  private LimitUnits() {}

  /**
   * @return what is wrong and what was expected, or null when the limit fits its metric, or the
   *     criterion names no metric with a limit, or its limit cannot be read from its text
   */
  public static @Nullable String problem(CriterionSpec criterion) {
    if (criterion.kind() == CriterionSpec.Kind.AGREEMENT) {
      return agreement(criterion);
    }
    boolean margin =
        criterion.kind() == CriterionSpec.Kind.NON_INFERIOR
            || criterion.kind() == CriterionSpec.Kind.NO_SLICE_REGRESSES;
    boolean ratio = criterion.kind() == CriterionSpec.Kind.RATIO_AT_MOST;
    if (!margin
        && !ratio
        && criterion.kind() != CriterionSpec.Kind.AT_MOST
        && criterion.kind() != CriterionSpec.Kind.AT_LEAST) {
      return null;
    }
    Metric metric;
    try {
      metric = Metric.parse(criterion.metric());
    } catch (IllegalArgumentException e) {
      return null; // the loaders report unknown metrics themselves
    }
    Matcher written = WRITTEN.matcher(criterion.text());
    if (written.find()) {
      String unitProblem = wrongUnit(criterion, metric, written.group(1).trim(), margin, ratio);
      if (unitProblem != null) {
        return unitProblem;
      }
    }
    // a rate's range and a negative margin have messages of their own (SuiteLint)
    if ((ratio || metric.unit() != Metric.Unit.RATE) && !margin && criterion.limit() < 0) {
      return "a negative "
          + (ratio ? "ratio" : "limit")
          + " ("
          + format(criterion.limit())
          + ") means nothing for "
          + criterion.metric()
          + ", which is never negative; expected "
          + (ratio ? "a ratio" : "a limit")
          + " of 0 or more";
    }
    return null;
  }

  /**
   * An agreement's minimum is a share of the labelled answers: {@code $0.9} or {@code 0.5s} would
   * be read as 90 % and 50 %.
   */
  private static @Nullable String agreement(CriterionSpec criterion) {
    Matcher written = WRITTEN_MIN.matcher(criterion.text());
    String value = written.find() ? written.group(1).trim() : null;
    String unit = value == null ? "" : unitOf(value);
    if (!Set.of("", "%", "pp").contains(unit)) {
      return "'"
          + value
          + "' is in "
          + NAMES.get(unit)
          + ", but agreement is a share of the labelled answers; expected a minimum such as 90%";
    }
    if (!(criterion.limit() >= 0 && criterion.limit() <= 1)) {
      return "min: '"
          + (value == null ? format(criterion.limit()) : value)
          + "' is not a share; expected a percentage from 0% to 100%, e.g. 90%";
    }
    return null;
  }

  private static @Nullable String wrongUnit(
      CriterionSpec criterion, Metric metric, String value, boolean margin, boolean ratio) {
    String unit = unitOf(value);
    Set<String> fits =
        ratio
            ? Set.of("", "%")
            : switch (metric.unit()) {
              case RATE -> Set.of("", "%", "pp");
              case MS -> Set.of("", "ms", "s");
              case USD -> Set.of("", "$");
              case COUNT -> Set.of("");
            };
    if (fits.contains(unit)) {
      return null;
    }
    String what = margin ? "a margin" : "a limit";
    return "'"
        + value
        + "' is in "
        + NAMES.get(unit)
        + ", but "
        + (ratio
            ? "ratio-at-most divides challenger's " + criterion.metric() + " by control's"
            : criterion.metric()
                + switch (metric.unit()) {
                  case RATE -> " is a rate";
                  case MS -> " is a time";
                  case USD -> " is an amount in dollars";
                  case COUNT -> " is a count";
                })
        + "; expected "
        + (ratio
            ? "a plain ratio such as 0.8"
            : what
                + switch (metric.unit()) {
                  case RATE -> margin ? " such as 2pp" : " such as 3%";
                  case MS -> " such as 2500ms or 2.5s";
                  case USD -> " such as $0.50";
                  case COUNT -> " such as 120 (a plain number)";
                });
  }

  /** The unit a limit is written in: pp, %, ms, s, $, or "" for a plain number. */
  private static String unitOf(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("$")) {
      return "$";
    }
    for (String unit : List.of("pp", "%", "ms", "s")) {
      if (lower.endsWith(unit)) {
        return unit;
      }
    }
    return "";
  }

  private static String format(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.2f", value);
  }
}

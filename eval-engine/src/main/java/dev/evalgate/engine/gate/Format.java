package dev.evalgate.engine.gate;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How numbers read in gate messages: {@code 93.0%}, {@code -4.5 pp}, {@code 2,710 ms}, {@code
 * $0.41}; every criterion message (the gate's and a traffic split's) formats through here.
 */
public final class Format {
  private Format() {}

  /** A value, or {@code unknown} when there is none. */
  public static String value(Metric.Unit unit, @Nullable Double value) {
    return value == null ? "unknown" : value(unit, value.doubleValue());
  }

  public static String value(Metric.Unit unit, double value) {
    return switch (unit) {
      case RATE -> String.format(Locale.US, "%.1f%%", value * 100);
      case MS -> String.format(Locale.US, "%,.0f ms", value);
      case COUNT -> String.format(Locale.US, "%,.1f", value);
      case USD -> usd(value);
    };
  }

  /** A difference: percentage points for rates, signed values otherwise. */
  public static String delta(Metric.Unit unit, double value) {
    return switch (unit) {
      case RATE -> String.format(Locale.US, "%.1f pp", value * 100);
      case MS -> String.format(Locale.US, "%,.0f ms", value);
      case COUNT -> String.format(Locale.US, "%,.1f", value);
      case USD -> (value < 0 ? "-" : "") + usd(Math.abs(value));
    };
  }

  /** An interval's bounds without units, as in {@code [-7.9, -1.2]}; an unbounded side reads ∞. */
  public static String bounds(Metric.Unit unit, double low, double high) {
    return "[" + bound(unit, low) + ", " + bound(unit, high) + "]";
  }

  private static String bound(Metric.Unit unit, double value) {
    if (Double.isInfinite(value)) {
      return value < 0 ? "-∞" : "∞";
    }
    return switch (unit) {
      case RATE -> String.format(Locale.US, "%.1f", value * 100);
      case MS -> String.format(Locale.US, "%,.0f", value);
      case COUNT -> String.format(Locale.US, "%,.1f", value);
      case USD -> (value < 0 ? "-" : "") + usd(Math.abs(value));
    };
  }

  static String usd(double value) {
    if (value == 0) {
      return "$0";
    }
    if (value >= 0.1) {
      return String.format(Locale.US, "$%,.2f", value);
    }
    return "$"
        + new java.math.BigDecimal(value)
            .round(new java.math.MathContext(3))
            .stripTrailingZeros()
            .toPlainString();
  }

  /** A ratio's bound: {@code 0.45}, or ∞. */
  static String bound(double value) {
    return Double.isInfinite(value) ? "∞" : ratio(value);
  }

  static String ratio(double value) {
    return String.format(Locale.US, "%.2f", value);
  }

  /** A one-sided level to 3 significant digits: 2.5%, 1.25%, 0.833%. */
  static String level(double alpha) {
    return new java.math.BigDecimal(alpha * 100)
            .round(new java.math.MathContext(3))
            .stripTrailingZeros()
            .toPlainString()
        + "%";
  }

  public static String confidence(double confidence) {
    double percent = confidence * 100;
    if (percent == Math.rint(percent)) {
      return String.format(Locale.US, "%.0f%%", percent);
    }
    // a level near 100 % (an early look of a sequential run, a Holm share) keeps the digits that
    // tell it from 100 %: 99.9999%, not 100.0%
    int digits = 1;
    while (digits < 6 && String.format(Locale.US, "%." + digits + "f", percent).startsWith("100")) {
      digits++;
    }
    return String.format(Locale.US, "%." + digits + "f%%", percent);
  }

  /**
   * The margin of a non-inferiority criterion: {@code margin -2.0 pp} where higher is better (the
   * challenger may be that much worse), {@code margin +50 ms} where lower is.
   */
  public static String margin(Metric metric, double margin) {
    // a margin of 0 has no side: "margin 0.0 pp", not "-0.0 pp"
    String side = margin == 0 ? "" : metric.higherIsBetter() ? "-" : "+";
    return "margin " + side + delta(metric.unit(), margin);
  }

  /** The verb of a non-inferiority message for each outcome. */
  public static String nonInferiorVerb(ClaimStatus status) {
    return switch (status) {
      case HOLDS -> "is non-inferior to";
      case VIOLATED -> "is not non-inferior to";
      case INCONCLUSIVE -> "cannot be shown non-inferior to";
    };
  }
}

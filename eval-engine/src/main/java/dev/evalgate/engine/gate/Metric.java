package dev.evalgate.engine.gate;

import dev.evalgate.engine.metrics.CheckComparison;
import dev.evalgate.engine.metrics.Comparison;
import dev.evalgate.engine.metrics.Difference;
import dev.evalgate.engine.metrics.Distribution;
import dev.evalgate.engine.metrics.Rate;
import dev.evalgate.engine.metrics.RepeatStats;
import dev.evalgate.engine.metrics.VariantMetrics;
import dev.evalgate.engine.stats.Estimate;
import dev.evalgate.engine.stats.Proportion;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A metric a criterion can name, such as {@code pass-rate(schema)} or {@code latency-p95}. The
 * names are listed in {@code eval-engine/METRICS.md}.
 *
 * @param name the name as written
 * @param kind what is measured
 * @param argument the check named in parentheses, or empty
 */
public record Metric(String name, Kind kind, String argument) {

  /** The measured quantities and their units. */
  public enum Kind {
    PASS_RATE(Unit.RATE, true),
    PASS_ALL_RATE(Unit.RATE, true),
    REFUSAL_RATE(Unit.RATE, false),
    OVER_REFUSAL_RATE(Unit.RATE, false),
    UNDER_REFUSAL_RATE(Unit.RATE, false),
    ERROR_RATE(Unit.RATE, false),
    LATENCY_P50(Unit.MS, false),
    LATENCY_P95(Unit.MS, false),
    LATENCY_P99(Unit.MS, false),
    LATENCY_MAX(Unit.MS, false),
    LATENCY_MEAN(Unit.MS, false),
    TTFB_P50(Unit.MS, false),
    TTFB_P95(Unit.MS, false),
    TTFB_P99(Unit.MS, false),
    OUTPUT_TOKENS_MEAN(Unit.COUNT, false),
    OUTPUT_WORDS_MEAN(Unit.COUNT, false),
    OUTPUT_CHARS_MEAN(Unit.COUNT, false),
    PROMPT_TOKENS_MEAN(Unit.COUNT, false),
    CALLS_PER_CASE_MEAN(Unit.COUNT, false),
    TOKENS_PER_CASE_MEAN(Unit.COUNT, false),
    COST_PER_CALL(Unit.USD, false),
    COST_PER_1K_CALLS(Unit.USD, false),
    COST_TOTAL(Unit.USD, false),
    PASS_ALL_K(Unit.RATE, true),
    PASS_ANY_K(Unit.RATE, true),
    FLAKY_RATE(Unit.RATE, false);

    final Unit unit;
    final boolean higherIsBetter;

    Kind(Unit unit, boolean higherIsBetter) {
      this.unit = unit;
      this.higherIsBetter = higherIsBetter;
    }
  }

  /** How values are written. */
  public enum Unit {
    RATE,
    MS,
    COUNT,
    USD
  }

  static final List<String> FORMS =
      List.of(
          "pass-rate(CHECK)",
          "pass-all-rate",
          "refusal-rate",
          "over-refusal-rate",
          "under-refusal-rate",
          "error-rate",
          "latency-p50",
          "latency-p95",
          "latency-p99",
          "latency-max",
          "latency-mean",
          "ttfb-p50",
          "ttfb-p95",
          "ttfb-p99",
          "output-tokens-mean",
          "output-words-mean",
          "output-chars-mean",
          "prompt-tokens-mean",
          "calls-per-case-mean",
          "tokens-per-case-mean",
          "cost-per-call",
          "cost-per-1k-calls",
          "cost-total",
          "pass^k(CHECK)",
          "pass@k(CHECK)",
          "flaky-rate(CHECK)",
          "flaky-rate",
          "tool-call-accuracy",
          "tool-argument-validity");

  /**
   * Names of the tool checks' pass rates: {@code tool-call-accuracy} is {@code
   * pass-rate(tool-call)} and {@code tool-argument-validity} is {@code pass-rate(tool-schema)}, the
   * rates of the checks under their default names, paired like any pass rate.
   */
  static final java.util.Map<String, String> TOOL_RATES =
      java.util.Map.of("tool-call-accuracy", "tool-call", "tool-argument-validity", "tool-schema");

  private static final Pattern WITH_ARGUMENT =
      Pattern.compile("(pass-rate|pass\\^k|pass@k|flaky-rate)\\(([^()]+)\\)");

  /**
   * Parses a metric name.
   *
   * @throws IllegalArgumentException listing the valid forms
   */
  public static Metric parse(String name) {
    String text = name.trim().toLowerCase(Locale.ROOT);
    if (TOOL_RATES.containsKey(text)) {
      return new Metric(name.trim(), Kind.PASS_RATE, TOOL_RATES.get(text));
    }
    Matcher m = WITH_ARGUMENT.matcher(text);
    if (m.matches()) {
      Kind kind =
          switch (m.group(1)) {
            case "pass-rate" -> Kind.PASS_RATE;
            case "pass^k" -> Kind.PASS_ALL_K;
            case "flaky-rate" -> Kind.FLAKY_RATE;
            default -> Kind.PASS_ANY_K;
          };
      return new Metric(name.trim(), kind, m.group(2).trim());
    }
    for (Kind kind : Kind.values()) {
      if (kind != Kind.PASS_RATE
          && kind != Kind.PASS_ALL_K
          && kind != Kind.PASS_ANY_K
          && kind.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(text)) {
        return new Metric(name.trim(), kind, "");
      }
    }
    throw new IllegalArgumentException(
        "unknown metric '" + name + "'; expected one of: " + String.join(", ", FORMS));
  }

  public Unit unit() {
    return kind.unit;
  }

  public boolean higherIsBetter() {
    return kind.higherIsBetter;
  }

  /** Whether a paired (non-inferiority) comparison exists for this metric. */
  public boolean pairable() {
    return switch (kind) {
      case PASS_RATE,
          PASS_ALL_RATE,
          REFUSAL_RATE,
          LATENCY_MEAN,
          OUTPUT_TOKENS_MEAN,
          CALLS_PER_CASE_MEAN,
          TOKENS_PER_CASE_MEAN,
          COST_PER_CALL,
          COST_PER_1K_CALLS,
          FLAKY_RATE ->
          true;
      default -> false;
    };
  }

  /** How the metric reads in a sentence: "schema pass rate", "latency p95", "cost per 1K calls". */
  public String label() {
    return switch (kind) {
      case PASS_RATE ->
          switch (name.toLowerCase(Locale.ROOT)) {
            case "tool-call-accuracy" -> "tool-call accuracy";
            case "tool-argument-validity" -> "tool argument validity";
            default -> argument + " pass rate";
          };
      case PASS_ALL_K -> argument + " pass^k";
      case PASS_ANY_K -> argument + " pass@k";
      case FLAKY_RATE -> argument.isEmpty() ? "flaky rate" : argument + " flaky rate";
      case PASS_ALL_RATE -> "pass-all rate";
      case REFUSAL_RATE -> "refusal rate";
      case OVER_REFUSAL_RATE -> "over-refusal rate";
      case UNDER_REFUSAL_RATE -> "under-refusal rate";
      case ERROR_RATE -> "error rate";
      case LATENCY_P50 -> "latency p50";
      case LATENCY_P95 -> "latency p95";
      case LATENCY_P99 -> "latency p99";
      case LATENCY_MAX -> "latency max";
      case LATENCY_MEAN -> "mean latency";
      case TTFB_P50 -> "time to first byte p50";
      case TTFB_P95 -> "time to first byte p95";
      case TTFB_P99 -> "time to first byte p99";
      case OUTPUT_TOKENS_MEAN -> "mean output tokens";
      case OUTPUT_WORDS_MEAN -> "mean output words";
      case OUTPUT_CHARS_MEAN -> "mean output characters";
      case PROMPT_TOKENS_MEAN -> "mean prompt tokens";
      case CALLS_PER_CASE_MEAN -> "mean model calls per case";
      case TOKENS_PER_CASE_MEAN -> "mean tokens per case";
      case COST_PER_CALL -> "cost per call";
      case COST_PER_1K_CALLS -> "cost per 1K calls";
      case COST_TOTAL -> "total cost";
    };
  }

  /** The variant's value, or {@code null} when unknown (an unknown price, a missing check). */
  public @Nullable Double value(VariantMetrics v) {
    return switch (kind) {
      case PASS_RATE -> v.checks().containsKey(argument) ? v.checks().get(argument).rate() : null;
      case PASS_ALL_RATE -> v.passAll().rate();
      case REFUSAL_RATE -> v.refusal().rate();
      case OVER_REFUSAL_RATE -> v.overRefusal().rate();
      case UNDER_REFUSAL_RATE -> v.underRefusal().rate();
      case ERROR_RATE -> v.errorRate().rate();
      case LATENCY_P50 -> v.latencyMs().p50();
      case LATENCY_P95 -> v.latencyMs().p95();
      case LATENCY_P99 -> v.latencyMs().p99();
      case LATENCY_MAX -> v.latencyMs().max();
      case LATENCY_MEAN -> v.latencyMs().mean();
      case TTFB_P50 -> v.ttfbMs().p50();
      case TTFB_P95 -> v.ttfbMs().p95();
      case TTFB_P99 -> v.ttfbMs().p99();
      case OUTPUT_TOKENS_MEAN -> v.outputTokens().mean();
      case OUTPUT_WORDS_MEAN -> v.outputWords().mean();
      case OUTPUT_CHARS_MEAN -> v.outputChars().mean();
      case PROMPT_TOKENS_MEAN ->
          v.n() - v.errored() == 0 ? 0.0 : (double) v.promptTokens() / (v.n() - v.errored());
      // a report written before calls were counted has none: unknown, never 0
      case CALLS_PER_CASE_MEAN -> v.callsPerCase().n() == 0 ? null : v.callsPerCase().mean();
      case TOKENS_PER_CASE_MEAN -> v.tokensPerCase().n() == 0 ? null : v.tokensPerCase().mean();
      case COST_PER_CALL -> v.cost().perCall();
      case COST_PER_1K_CALLS -> v.cost().per1kCalls();
      case COST_TOTAL -> v.cost().total();
      case PASS_ALL_K -> repeat(v, true);
      case PASS_ANY_K -> repeat(v, false);
      case FLAKY_RATE -> {
        RepeatStats stats = v.repeats().get(repeatKey());
        yield stats == null ? null : stats.flipRate();
      }
    };
  }

  private @Nullable Double repeat(VariantMetrics v, boolean all) {
    RepeatStats stats = v.repeats().get(argument);
    return stats == null ? null : all ? stats.passAll() : stats.passAny();
  }

  /**
   * The key of the repeats ledger a repeat metric reads: its check, or {@code *} (every check) for
   * {@code flaky-rate} without one.
   */
  String repeatKey() {
    return kind == Kind.FLAKY_RATE && argument.isEmpty() ? "*" : argument;
  }

  /**
   * Whether the metric is measured over answers (each repeat of a case counts), not over cases
   * (pass^k, pass@k and flaky rates judge a case over its repeats).
   */
  public boolean perAnswer() {
    return switch (kind) {
      case PASS_ALL_K, PASS_ANY_K, FLAKY_RATE -> false;
      default -> true;
    };
  }

  /** The rate with its interval, for rate metrics measured per variant; else {@code null}. */
  public @Nullable Rate rate(VariantMetrics v) {
    return switch (kind) {
      case PASS_RATE -> v.checks().get(argument);
      case PASS_ALL_RATE -> v.passAll();
      case REFUSAL_RATE -> v.refusal();
      case OVER_REFUSAL_RATE -> v.overRefusal();
      case UNDER_REFUSAL_RATE -> v.underRefusal();
      case ERROR_RATE -> v.errorRate();
      default -> null;
    };
  }

  /**
   * The variant's value as an estimate with bounds at any level, or {@code null} when the metric is
   * a fact of the run rather than an estimate (latency-max, cost-total, prompt-tokens-mean, whose
   * prompts are the dataset's), is unknown, or the report predates the spread it needs: rates get
   * exact binomial bounds, percentiles order-statistics bounds from the histogram, means (latency,
   * tokens, words, characters, cost) Student's t bounds.
   */
  public @Nullable Estimate estimate(VariantMetrics v) {
    Rate rate = rate(v);
    if (rate != null) {
      return new Proportion(rate.count(), rate.n());
    }
    return switch (kind) {
      case PASS_ALL_K, PASS_ANY_K -> {
        RepeatStats stats = v.repeats().get(argument);
        yield stats == null
            ? null
            : new Proportion(
                Math.round(
                    (kind == Kind.PASS_ALL_K ? stats.passAll() : stats.passAny()) * stats.cases()),
                stats.cases());
      }
      case FLAKY_RATE -> {
        RepeatStats stats = v.repeats().get(repeatKey());
        yield stats == null ? null : stats.flakyRate();
      }
      case LATENCY_P50, LATENCY_P95, LATENCY_P99, TTFB_P50, TTFB_P95, TTFB_P99 ->
          percentileOf(v)
              .percentileEstimate(Objects.requireNonNull(percentileLevel()), 1000)
              .orElse(null);
      case LATENCY_MEAN -> v.latencyMs().meanEstimate().orElse(null);
      case OUTPUT_TOKENS_MEAN -> v.outputTokens().meanEstimate().orElse(null);
      case OUTPUT_WORDS_MEAN -> v.outputWords().meanEstimate().orElse(null);
      case OUTPUT_CHARS_MEAN -> v.outputChars().meanEstimate().orElse(null);
      case COST_PER_CALL -> v.cost().perCallEstimate(1).orElse(null);
      case COST_PER_1K_CALLS -> v.cost().perCallEstimate(1000).orElse(null);
      default -> null;
    };
  }

  /** The level of a percentile metric (0.5, 0.95, 0.99); {@code null} for any other. */
  @Nullable Double percentileLevel() {
    return switch (kind) {
      case LATENCY_P50, TTFB_P50 -> 0.50;
      case LATENCY_P95, TTFB_P95 -> 0.95;
      case LATENCY_P99, TTFB_P99 -> 0.99;
      default -> null;
    };
  }

  /** The distribution a percentile metric reads: latency or time to first byte. */
  Distribution percentileOf(VariantMetrics v) {
    return switch (kind) {
      case TTFB_P50, TTFB_P95, TTFB_P99 -> v.ttfbMs();
      default -> v.latencyMs();
    };
  }

  /** The number of observations behind the variant's value. */
  public long n(VariantMetrics v) {
    Rate rate = rate(v);
    if (rate != null) {
      return rate.n();
    }
    Distribution latency = v.latencyMs();
    return switch (kind) {
      case PASS_ALL_K, PASS_ANY_K, FLAKY_RATE ->
          v.repeats().containsKey(repeatKey()) ? v.repeats().get(repeatKey()).cases() : 0;
      default -> v.n() - v.errored() > 0 ? v.n() - v.errored() : latency.n();
    };
  }

  /**
   * The paired difference (challenger − control) of a metric compared case by case on a continuous
   * scale, per call (cost per 1K calls reads the per-call difference); {@code null} when the
   * comparison lacks it (an unknown price, a report written before it was measured) or the metric
   * is a rate.
   */
  @Nullable Difference difference(Comparison comparison) {
    return switch (kind) {
      case LATENCY_MEAN -> comparison.latencyMs();
      case OUTPUT_TOKENS_MEAN -> comparison.outputTokens();
      case CALLS_PER_CASE_MEAN -> comparison.callsPerCase();
      case TOKENS_PER_CASE_MEAN -> comparison.tokensPerCase();
      case COST_PER_CALL, COST_PER_1K_CALLS -> comparison.costUsd();
      default -> null;
    };
  }

  /** The paired comparison of a binary metric, oriented so that "pass" is the good outcome. */
  @Nullable CheckComparison paired(Comparison comparison) {
    if (kind == Kind.FLAKY_RATE) {
      // "stable over the repeats" is the good outcome; the flaky rate is its negation
      Map<String, CheckComparison> stability = comparison.stability();
      return stability == null ? null : stability.get(repeatKey());
    }
    return switch (kind) {
      case PASS_RATE -> comparison.checks().get(argument);
      case PASS_ALL_RATE -> comparison.checks().get("*");
      case REFUSAL_RATE -> comparison.refusal();
      default -> null;
    };
  }
}

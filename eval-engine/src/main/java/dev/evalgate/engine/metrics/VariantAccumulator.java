package dev.evalgate.engine.metrics;

import dev.evalgate.api.CheckResult;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.engine.model.VariantOutcome;
import dev.evalgate.engine.stats.Moments;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/** Folds one variant's outcomes into counters and histograms. */
final class VariantAccumulator {
  private static final long MAX_MICROS = 3_600_000_000L;

  private final VariantLabel variant;
  private final List<String> checks;
  private final long[] passes;
  private final long[] answeredByCheck;
  private final long[] notApplicable;
  private final Map<String, Long> errorsByClass = new TreeMap<>();

  /** The first message of each error class, in dataset order, redacted and shortened. */
  private final Map<String, String> firstErrors = new TreeMap<>();

  private final UnaryOperator<String> redact;
  private final Histogram latency = new Histogram(MAX_MICROS, 3);
  private final Histogram ttfb = new Histogram(MAX_MICROS, 3);
  private final Histogram chars = new Histogram(3);
  private final Histogram words = new Histogram(3);
  private final Histogram tokens = new Histogram(3);
  private final Histogram calls = new Histogram(3);
  private final Histogram caseTokens = new Histogram(3);
  private long n;
  private long errored;
  private long passAll;
  private long classified;
  private long refused;
  private long expectComply;
  private long overRefused;
  private long expectRefuse;
  private long underRefused;
  private long promptTokens;
  private long completionTokens;
  private long estimated;
  private double cost;

  /** Cost per answered call, for the spread the gate's cost intervals need. */
  private final Moments costSpread = new Moments();

  private long unknownCost;
  private long recorded;

  /** Calls that sent a request in this run; those retried; their retries; retried and failed. */
  private long sent;

  private long retried;
  private long retries;
  private long failedAfterRetries;

  /** With clusters: per cluster, the counters of {@link #N} to {@link #CHECKS} and per check. */
  private final @Nullable ClusterTallies clusters;

  // the counters of a cluster: the rates' counts and denominators, then two per check
  private static final int N = 0;
  private static final int ERRORED = 1;
  private static final int PASS_ALL = 2;
  private static final int CLASSIFIED = 3;
  private static final int REFUSED = 4;
  private static final int EXPECT_COMPLY = 5;
  private static final int OVER_REFUSED = 6;
  private static final int EXPECT_REFUSE = 7;
  private static final int UNDER_REFUSED = 8;

  /** The first counter of the checks: check i's answered outcomes, then its passes. */
  private static final int CHECKS = 9;

  /** Without clusters, where a case's counters go: written, never read. */
  private final long[] discarded;

  // the sums of a cluster: answered calls and their latency (ms), tokens, words and characters,
  // then the calls with a known cost and their cost
  private static final int ANSWERED = 0;
  private static final int LATENCY_MS = 1;
  private static final int TOKENS = 2;
  private static final int WORDS = 3;
  private static final int CHARS = 4;
  private static final int COSTED = 5;
  private static final int COST = 6;
  private static final int TIMED = 7;
  private static final int TTFB_MS = 8;
  private static final int SUMS = 9;

  /**
   * With clusters: the latencies and times to first byte per cluster (milliseconds, as the
   * histograms keep them), for their percentiles' design effects.
   */
  private final @Nullable ClusterSamples latencies;

  private final @Nullable ClusterSamples ttfbs;

  /** Without clusters, where a case's sums go: written, never read. */
  private final double[] discardedSums = new double[SUMS];

  /**
   * @param clustered whether the cases come in clusters ({@code dataset.cluster}): each rate then
   *     carries its clusters and design effect
   */
  VariantAccumulator(
      VariantLabel variant, List<String> checks, UnaryOperator<String> redact, boolean clustered) {
    this.variant = variant;
    this.redact = redact;
    this.checks = List.copyOf(checks);
    this.passes = new long[checks.size()];
    this.answeredByCheck = new long[checks.size()];
    this.notApplicable = new long[checks.size()];
    int width = CHECKS + 2 * checks.size();
    this.clusters = clustered ? new ClusterTallies(width, SUMS) : null;
    this.latencies = clustered ? new ClusterSamples() : null;
    this.ttfbs = clustered ? new ClusterSamples() : null;
    this.discarded = new long[clustered ? 0 : width];
  }

  /**
   * @param words the answer's word count, {@link dev.evalgate.checks.TextMeasures#words} (ignored
   *     when it errored)
   * @param cluster the key of the case's cluster ({@link ClusterTallies#key}); ignored without
   *     clusters
   */
  void accept(VariantOutcome outcome, @Nullable String caseExpect, int words, String cluster) {
    n++;
    long[] tally = clusters == null ? discarded : clusters.of(cluster);
    tally[N]++;
    ModelResponse response = outcome.response();
    ErrorClass error = response.error();
    if (response.attempts() > 0) {
      sent++;
    }
    if (response.attempts() > 1) {
      retried++;
      retries += response.attempts() - 1;
      if (error != null) {
        failedAfterRetries++;
      }
    }
    if (error != null) {
      errored++;
      tally[ERRORED]++;
      if (errorsByClass.merge(error.id(), 1L, Long::sum) == 1L) {
        firstErrors.put(
            error.id(),
            ErrorSummary.shorten(redact.apply(String.valueOf(response.errorMessage()))));
      }
      return;
    }
    boolean all = true;
    int position = 0;
    for (CheckResult result : outcome.checks()) {
      // results come in suite order, so the position is almost always the index
      int index =
          position < checks.size() && checks.get(position).equals(result.check())
              ? position
              : checks.indexOf(result.check());
      position++;
      if (index >= 0) {
        if (!result.applicable()) {
          notApplicable[index]++;
        } else {
          answeredByCheck[index]++;
          tally[CHECKS + 2 * index]++;
          if (result.passed()) {
            passes[index]++;
            tally[CHECKS + 2 * index + 1]++;
          }
        }
      }
      all &= !result.failed();
    }
    if (all) {
      passAll++;
      tally[PASS_ALL]++;
    }
    Boolean refusal = refusal(outcome);
    if (refusal != null) {
      classified++;
      tally[CLASSIFIED]++;
      if (refusal) {
        refused++;
        tally[REFUSED]++;
      }
      String expect = expectation(outcome, caseExpect);
      if ("comply".equals(expect)) {
        expectComply++;
        tally[EXPECT_COMPLY]++;
        if (refusal) {
          overRefused++;
          tally[OVER_REFUSED]++;
        }
      } else if ("refuse".equals(expect)) {
        expectRefuse++;
        tally[EXPECT_REFUSE]++;
        if (!refusal) {
          underRefused++;
          tally[UNDER_REFUSED]++;
        }
      }
    }
    double[] sums = clusters == null ? discardedSums : clusters.sums(cluster);
    sums[ANSWERED]++;
    sums[LATENCY_MS] += response.latency().toNanos() / 1e6;
    sums[TOKENS] += response.usage().completionTokens();
    sums[WORDS] += words;
    sums[CHARS] += response.text().length();
    long latencyMicros = Math.min(MAX_MICROS, Math.max(0, response.latency().toNanos() / 1000));
    latency.recordValue(latencyMicros);
    if (latencies != null) {
      latencies.add(cluster, latencyMicros / 1000.0);
    }
    if (response.timeToFirstByte() != null) {
      long ttfbMicros =
          Math.min(MAX_MICROS, Math.max(0, response.timeToFirstByte().toNanos() / 1000));
      ttfb.recordValue(ttfbMicros);
      sums[TIMED]++;
      sums[TTFB_MS] += ttfbMicros / 1000.0;
      if (ttfbs != null) {
        ttfbs.add(cluster, ttfbMicros / 1000.0);
      }
    }
    String text = response.text();
    chars.recordValue(text.length());
    this.words.recordValue(words);
    tokens.recordValue(response.usage().completionTokens());
    calls.recordValue(modelCalls(response));
    caseTokens.recordValue(response.usage().promptTokens() + response.usage().completionTokens());
    promptTokens += response.usage().promptTokens();
    completionTokens += response.usage().completionTokens();
    if (response.usage().estimated()) {
      estimated++;
    }
    if (outcome.costUsd() == null) {
      unknownCost++;
    } else {
      cost += outcome.costUsd();
      costSpread.add(outcome.costUsd());
      sums[COSTED]++;
      sums[COST] += outcome.costUsd();
    }
    if (response.recorded()) {
      recorded++;
    }
  }

  /**
   * The model calls an answer took: an app variant's steps (an agent's every round), one for a
   * single call.
   */
  static int modelCalls(ModelResponse response) {
    return Math.max(1, response.steps().size());
  }

  /**
   * True for refusal or partial refusal, false for compliance, null when no check classified it.
   */
  static @Nullable Boolean refusal(VariantOutcome outcome) {
    for (CheckResult result : outcome.checks()) {
      String classification = result.details().get(CheckResult.DETAIL_REFUSAL);
      if (classification != null) {
        return !classification.equals("compliance");
      }
    }
    return null;
  }

  private static @Nullable String expectation(VariantOutcome outcome, @Nullable String caseExpect) {
    for (CheckResult result : outcome.checks()) {
      String expect = result.details().get(CheckResult.DETAIL_EXPECT);
      if (expect != null) {
        return expect;
      }
    }
    return caseExpect;
  }

  VariantMetrics finish(Map<String, RepeatStats> repeats) {
    long answered = n - errored;
    Map<String, Rate> checkRates = new LinkedHashMap<>();
    Map<String, Long> notApplicableByCheck = new LinkedHashMap<>();
    for (int i = 0; i < checks.size(); i++) {
      checkRates.put(
          checks.get(i),
          clustered(Rate.of(passes[i], answeredByCheck[i]), CHECKS + 2 * i, CHECKS + 2 * i + 1));
      notApplicableByCheck.put(checks.get(i), notApplicable[i]);
    }
    // a variant that answered nothing cost nothing that can be compared: unknown, never $0
    Cost costs =
        answered == 0
            ? new Cost(null, null, null, 0)
            : unknownCost > 0
                ? new Cost(null, null, null, unknownCost)
                : new Cost(
                    cost,
                    cost / answered,
                    cost / answered * 1000,
                    0,
                    Math.sqrt(costSpread.variance()),
                    answered,
                    costSpread.skewness());
    return new VariantMetrics(
        variant.name(),
        variant.control(),
        String.valueOf(variant.model()),
        variant.promptVersion(),
        n,
        errored,
        Map.copyOf(errorsByClass),
        Map.copyOf(firstErrors),
        checkRates,
        notApplicableByCheck,
        clustered(Rate.of(passAll, n), N, PASS_ALL),
        clustered(Rate.of(refused, classified), CLASSIFIED, REFUSED),
        clustered(Rate.of(overRefused, expectComply), EXPECT_COMPLY, OVER_REFUSED),
        clustered(Rate.of(underRefused, expectRefuse), EXPECT_REFUSE, UNDER_REFUSED),
        clustered(Rate.of(errored, n), N, ERRORED),
        percentiles(clustered(millis(latency), ANSWERED, LATENCY_MS), latencies),
        percentiles(clustered(millis(ttfb), TIMED, TTFB_MS), ttfbs),
        clustered(plain(chars), ANSWERED, CHARS),
        clustered(plain(words), ANSWERED, WORDS),
        clustered(plain(tokens), ANSWERED, TOKENS),
        promptTokens,
        completionTokens,
        estimated,
        clusters == null || costs.perCallSd() == null
            ? costs
            : costs.clustered(clusters.ofMean(COSTED, COST, costs.perCallSd())),
        recorded,
        repeats,
        plain(calls),
        plain(caseTokens),
        new Retries(sent, retried, retries, failedAfterRetries));
  }

  /**
   * {@code distribution} with its clusters and its mean's design effect (sum {@code total} over sum
   * {@code count}, the observations), when the cases come in clusters and its spread is known.
   */
  private Distribution clustered(Distribution distribution, int count, int total) {
    return clusters == null || distribution.sd() == null
        ? distribution
        : distribution.clustered(clusters.ofMean(count, total, distribution.sd()));
  }

  /** {@code distribution} with its percentiles' design effects, when the cases come in clusters. */
  private static Distribution percentiles(
      Distribution distribution, @Nullable ClusterSamples samples) {
    return samples == null || distribution.clusters() == null
        ? distribution
        : distribution.withPercentileDesignEffects(samples.percentiles(distribution));
  }

  /** {@code rate} with its clusters and design effect, when the cases come in clusters. */
  private Rate clustered(Rate rate, int n, int count) {
    return clusters == null ? rate : clusters.apply(rate, n, count);
  }

  private static Distribution millis(Histogram h) {
    if (h.getTotalCount() == 0) {
      return Distribution.EMPTY;
    }
    // the histogram goes into the report so that a percentile's interval can be read at any level
    // (the gate's Holm levels)
    return new Distribution(
        h.getTotalCount(),
        h.getMean() / 1000.0,
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(95) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0,
        sampleSd(h) / 1000.0,
        Distribution.encode(h));
  }

  private static Distribution plain(Histogram h) {
    if (h.getTotalCount() == 0) {
      return Distribution.EMPTY;
    }
    return new Distribution(
        h.getTotalCount(),
        h.getMean(),
        h.getValueAtPercentile(50),
        h.getValueAtPercentile(95),
        h.getValueAtPercentile(99),
        h.getMaxValue(),
        sampleSd(h),
        null);
  }

  /** The unbiased standard deviation (HdrHistogram's divides by n). */
  private static double sampleSd(Histogram h) {
    long n = h.getTotalCount();
    return n < 2 ? 0 : h.getStdDeviation() * Math.sqrt((double) n / (n - 1));
  }
}

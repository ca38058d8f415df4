package dev.evalgate.engine.metrics;

import java.util.Map;

/**
 * One variant's aggregates over a run.
 *
 * @param variant the variant's name
 * @param control whether it is the control
 * @param model the model name
 * @param promptVersion the prompt version
 * @param n answered cases (outcomes, counting repeats)
 * @param errored outcomes without an answer
 * @param errorsByClass errored outcomes by error class id
 * @param checks pass rate of each check over answered outcomes, in suite order
 * @param passAll share of all outcomes (errors count as failures) passing every check
 * @param refusal share of answered outcomes classified as refusal or partial refusal
 * @param overRefusal refusals among outcomes whose case expects compliance
 * @param underRefusal compliances among outcomes whose case expects a refusal
 * @param errorRate share of outcomes that errored
 * @param latencyMs total latency of answered calls
 * @param ttfbMs time to first byte of answered calls that report it
 * @param outputChars answer length in characters
 * @param outputWords answer length in words
 * @param outputTokens completion tokens per answered call
 * @param promptTokens total prompt tokens
 * @param completionTokens total completion tokens
 * @param estimatedTokens answered calls whose token counts were estimated locally
 * @param cost cost totals
 * @param recorded answered calls replayed from recordings
 * @param repeats consistency per check when the suite repeats cases, else empty
 */
public record VariantMetrics(
    String variant,
    boolean control,
    String model,
    String promptVersion,
    long n,
    long errored,
    Map<String, Long> errorsByClass,
    Map<String, Rate> checks,
    Rate passAll,
    Rate refusal,
    Rate overRefusal,
    Rate underRefusal,
    Rate errorRate,
    Distribution latencyMs,
    Distribution ttfbMs,
    Distribution outputChars,
    Distribution outputWords,
    Distribution outputTokens,
    long promptTokens,
    long completionTokens,
    long estimatedTokens,
    Cost cost,
    long recorded,
    Map<String, RepeatStats> repeats) {}

package dev.evalgate.engine.metrics;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import org.apiguardian.api.API;

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
 * @param firstErrors the first message (in dataset order) of each error class, redacted and
 *     shortened
 * @param checks pass rate of each check over the answered outcomes it applied to, in suite order
 * @param notApplicable per check, in suite order: answered outcomes the check did not apply to (the
 *     case lacked the field it needs); counted in neither the passes nor the n of {@code checks}
 * @param passAll share of all outcomes (errors count as failures) failing no check
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
 * @param callsPerCase model calls per answered call: an app variant's steps (every round of an
 *     agent), 1 for a single call
 * @param tokensPerCase prompt plus completion tokens per answered call, over every step
 * @param retries the calls that sent requests in this run and their retries (none in a report
 *     written before they were counted)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record VariantMetrics(
    String variant,
    boolean control,
    String model,
    String promptVersion,
    long n,
    long errored,
    Map<String, Long> errorsByClass,
    Map<String, String> firstErrors,
    Map<String, Rate> checks,
    Map<String, Long> notApplicable,
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
    Map<String, RepeatStats> repeats,
    Distribution callsPerCase,
    Distribution tokensPerCase,
    Retries retries) {

  public VariantMetrics {
    retries = retries == null ? Retries.NONE : retries;
    // a report written before calls and tokens per case were measured has neither
    callsPerCase = callsPerCase == null ? Distribution.EMPTY : callsPerCase;
    tokensPerCase = tokensPerCase == null ? Distribution.EMPTY : tokensPerCase;
    // a report written before checks could be not applicable has no such field
    notApplicable = notApplicable == null ? Map.of() : notApplicable;
    firstErrors = firstErrors == null ? Map.of() : firstErrors;
  }

  /** Outcomes with an answer. */
  public long answered() {
    return n - errored;
  }

  /**
   * The errors by class, most frequent first, each with its first message: {@code not_recorded 1
   * (first: no recording for case 'c-7' ...), connection 2 (first: ...)}; empty without errors.
   */
  public String errorSummary() {
    return ErrorSummary.describe(errorsByClass, firstErrors);
  }

  /** Answered outcomes the check did not apply to. */
  public long notApplicable(String check) {
    return notApplicable.getOrDefault(check, 0L);
  }
}

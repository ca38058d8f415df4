package dev.evalgate.engine.metrics;

import dev.evalgate.api.CheckResult;
import dev.evalgate.engine.model.VariantOutcome;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One variant's answer to one case reduced for pairing: with repeats, each check's majority outcome
 * over the answered repeats it applied to and the means of the measured quantities. A check applies
 * to the case when it applied to any answered repeat.
 */
record CaseSummary(
    boolean answered,
    boolean[] applicable,
    boolean[] passes,
    boolean passAll,
    @Nullable Boolean refused,
    double latencyMs,
    double outputTokens,
    @Nullable Double costUsd,
    double calls,
    double tokens) {

  static CaseSummary of(List<VariantOutcome> outcomes, List<String> checks) {
    List<VariantOutcome> answered = new ArrayList<>(outcomes.size());
    for (VariantOutcome outcome : outcomes) {
      if (!outcome.errored()) {
        answered.add(outcome);
      }
    }
    if (answered.isEmpty()) {
      return new CaseSummary(
          false,
          new boolean[checks.size()],
          new boolean[checks.size()],
          false,
          null,
          0,
          0,
          null,
          0,
          0);
    }
    int k = answered.size();
    boolean[] applicable = new boolean[checks.size()];
    boolean[] passes = new boolean[checks.size()];
    for (int i = 0; i < checks.size(); i++) {
      int passed = 0;
      int applied = 0;
      for (VariantOutcome outcome : answered) {
        CheckResult result = outcome.check(checks.get(i));
        if (result == null || result.applicable()) {
          applied++;
          if (result != null && result.passed()) {
            passed++;
          }
        }
      }
      applicable[i] = applied > 0;
      passes[i] = passed * 2 > applied;
    }
    int allPassed = 0;
    int refusals = 0;
    int classified = 0;
    double latency = 0;
    double tokens = 0;
    double calls = 0;
    double caseTokens = 0;
    double cost = 0;
    boolean costKnown = true;
    for (VariantOutcome outcome : answered) {
      if (outcome.passedAll()) {
        allPassed++;
      }
      Boolean refusal = VariantAccumulator.refusal(outcome);
      if (refusal != null) {
        classified++;
        if (refusal) {
          refusals++;
        }
      }
      latency += outcome.response().latency().toNanos() / 1e6;
      tokens += outcome.response().usage().completionTokens();
      calls += VariantAccumulator.modelCalls(outcome.response());
      caseTokens +=
          outcome.response().usage().promptTokens() + outcome.response().usage().completionTokens();
      if (outcome.costUsd() == null) {
        costKnown = false;
      } else {
        cost += outcome.costUsd();
      }
    }
    return new CaseSummary(
        true,
        applicable,
        passes,
        allPassed * 2 > k,
        classified == 0 ? null : refusals * 2 > classified,
        latency / k,
        tokens / k,
        costKnown ? cost / k : null,
        calls / k,
        caseTokens / k);
  }
}

package dev.evalgate.api;

import java.util.ArrayList;
import java.util.List;

/**
 * The criteria that decide PROMOTE, REJECT or INCONCLUSIVE for each challenger.
 *
 * <pre>{@code
 * GateSpec gate = GateSpec.minCases(100)
 *     .nonInferior("pass-rate(schema)", "2pp")
 *     .atMost("over-refusal-rate", "3%")
 *     .ratioAtMost("cost-per-1k-calls", "0.8");
 * }</pre>
 *
 * @param minCases paired, error-free cases needed before any verdict other than INCONCLUSIVE
 * @param confidence the default confidence level of interval-based criteria
 * @param criteria the claims, in declaration order
 */
public record GateSpec(int minCases, double confidence, List<CriterionSpec> criteria) {
  public GateSpec {
    if (minCases < 0) {
      throw new IllegalArgumentException("min-cases must not be negative but was " + minCases);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1) but was " + confidence);
    }
    criteria = List.copyOf(criteria);
  }

  public static GateSpec minCases(int minCases) {
    return new GateSpec(minCases, 0.95, List.of());
  }

  public GateSpec with(CriterionSpec criterion) {
    List<CriterionSpec> all = new ArrayList<>(criteria);
    all.add(criterion);
    return new GateSpec(minCases, confidence, all);
  }

  public GateSpec nonInferior(String metric, String margin) {
    return with(CriterionSpec.nonInferior(metric, margin));
  }

  public GateSpec atMost(String metric, String limit) {
    return with(CriterionSpec.atMost(metric, limit));
  }

  public GateSpec atLeast(String metric, String limit) {
    return with(CriterionSpec.atLeast(metric, limit));
  }

  public GateSpec ratioAtMost(String metric, String limit) {
    return with(CriterionSpec.ratioAtMost(metric, limit));
  }

  public GateSpec noNewFailures(String check) {
    return with(CriterionSpec.noNewFailures(check));
  }

  /**
   * The check agrees with people on at least {@code min} of the answers the dataset's labels judge
   * (e.g. {@code agreement("refusal", "90%")}).
   */
  public GateSpec agreement(String check, String min) {
    return with(CriterionSpec.agreement(check, min));
  }

  public GateSpec withConfidence(double value) {
    return new GateSpec(minCases, value, criteria);
  }
}

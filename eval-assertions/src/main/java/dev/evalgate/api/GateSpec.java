package dev.evalgate.api;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param looks how many times a live run judges its evidence and may stop calling once every
 *     verdict is decided ({@code gate.sequential.looks}; 0 or 1: once, at the end). Replay ignores
 *     it.
 */
public record GateSpec(
    int minCases,
    double confidence,
    List<CriterionSpec> criteria,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) int looks) {
  /** The most looks a run may take. */
  public static final int MAX_LOOKS = 20;

  public GateSpec {
    if (minCases < 0) {
      throw new IllegalArgumentException("min-cases must not be negative but was " + minCases);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1) but was " + confidence);
    }
    criteria = List.copyOf(criteria);
    if (looks < 0 || looks > MAX_LOOKS) {
      throw new IllegalArgumentException(
          "sequential looks must be from 1 to " + MAX_LOOKS + " but was " + looks);
    }
  }

  /** A gate judged once, when the run ends. */
  public GateSpec(int minCases, double confidence, List<CriterionSpec> criteria) {
    this(minCases, confidence, criteria, 0);
  }

  /** Whether a live run looks at its evidence more than once and may stop calling early. */
  public boolean sequential() {
    return looks > 1;
  }

  public static GateSpec minCases(int minCases) {
    return new GateSpec(minCases, 0.95, List.of());
  }

  public GateSpec with(CriterionSpec criterion) {
    List<CriterionSpec> all = new ArrayList<>(criteria);
    all.add(criterion);
    return new GateSpec(minCases, confidence, all, looks);
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

  /**
   * No slice of the cases with at least {@code minCases} paired cases regresses on {@code metric}
   * by more than {@code margin} (e.g. {@code noSliceRegresses("pass-rate(schema)", "5pp", 30)});
   * the suite's dataset names the fields it slices by ({@link DatasetSpec#withSlices}).
   */
  public GateSpec noSliceRegresses(String metric, String margin, long minCases) {
    return with(CriterionSpec.noSliceRegresses(metric, margin, minCases));
  }

  public GateSpec withConfidence(double value) {
    return new GateSpec(minCases, value, criteria, looks);
  }

  /**
   * A live run judges the gate after each {@code 1/looks} of its cases (answered in an order
   * shuffled with the run's seed) and stops calling when every verdict is decided; each look uses
   * O'Brien-Fleming-type alpha spending, so the error rates stay those of the gate's confidence.
   */
  public GateSpec sequential(int looks) {
    return new GateSpec(minCases, confidence, criteria, looks);
  }
}

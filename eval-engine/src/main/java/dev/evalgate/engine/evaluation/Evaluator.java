package dev.evalgate.engine.evaluation;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.evalgate.engine.gate.GateEvaluator;
import dev.evalgate.engine.gate.GateResult;
import dev.evalgate.engine.metrics.AgreementAccumulator;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.RunAccumulator;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.PreparingSink;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * Judges the case results of one plan: accumulates them into per-variant metrics and paired
 * comparisons, then lets the gate judge its criteria and decide each challenger's verdict. A live
 * run, a merge of shards and a comparison with a stored champion all go through here, so the same
 * results under the same plan always get the same figures and verdicts.
 *
 * <pre>{@code
 * Evaluator evaluator = new Evaluator(EvaluationPlan.of(suite, seed));
 * results.forEach(evaluator::accept);      // in dataset order
 * Judgement judged = evaluator.finish();   // metrics, comparisons, criteria, verdicts
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Evaluator implements PreparingSink<int[]> {
  private final EvaluationPlan plan;
  private final RunAccumulator metrics;
  private final AgreementAccumulator agreement;

  public Evaluator(EvaluationPlan plan) {
    this(plan, UnaryOperator.identity());
  }

  /**
   * @param redact applied to the error messages the metrics keep (the first of each class), as the
   *     run's redaction rules apply to everything written; results files read back are redacted
   *     already
   */
  public Evaluator(EvaluationPlan plan, UnaryOperator<String> redact) {
    this.plan = plan;
    this.metrics =
        new RunAccumulator(
            plan.variants(),
            plan.checks(),
            plan.repeats(),
            plan.seed(),
            plan.gate().confidence(),
            redact);
    this.agreement =
        new AgreementAccumulator(plan.labelledVariant(), plan.checks(), plan.thresholds());
  }

  public EvaluationPlan plan() {
    return plan;
  }

  @Override
  public int[] prepare(CaseResult result) {
    return metrics.prepare(result);
  }

  @Override
  public void accept(CaseResult result, int[] prepared) {
    metrics.accept(result, prepared);
    agreement.accept(result);
  }

  public Judgement finish() {
    return finish(Runnable::run);
  }

  /**
   * As {@link #finish()}, drawing the bootstrap intervals partly on {@code executor} (the run's
   * workers, idle once the last case is in); the judgement is the same on any executor.
   */
  public Judgement finish(Executor executor) {
    Evaluation evaluation = metrics.finish(executor).withAgreement(agreement.finish());
    return new Judgement(plan, evaluation, judge(plan, evaluation));
  }

  /** The plan's gate on an evaluation already made (a stored report judged by other criteria). */
  public static GateResult judge(EvaluationPlan plan, Evaluation evaluation) {
    return GateEvaluator.evaluate(
        plan.control().name(), plan.challengers(), plan.gate(), evaluation);
  }
}

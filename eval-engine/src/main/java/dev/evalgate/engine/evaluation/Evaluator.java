package dev.evalgate.engine.evaluation;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.evalgate.engine.gate.GateEvaluator;
import dev.evalgate.engine.gate.GateResult;
import dev.evalgate.engine.metrics.AgreementAccumulator;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.RunAccumulator;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.PreparingSink;
import dev.evalgate.engine.stats.Family;
import dev.evalgate.engine.stats.SequentialPlan;
import dev.evalgate.engine.stats.Spending;
import java.util.ArrayList;
import java.util.List;
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

  /** How a sequential run spends its level over its looks. */
  private static final SequentialPlan SEQUENTIAL = new SequentialPlan(Spending.OBRIEN_FLEMING);

  /** The fractions of the planned cases at each look so far; empty for a run judged once. */
  private final List<Double> fractions = new ArrayList<>();

  /** What the looks so far established. */
  private Family.State state = Family.State.none();

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
            redact,
            plan.slices(),
            plan.clustered());
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
   * One look of a run that judges its gate several times ({@code gate.sequential}): the gate is
   * judged on the cases accepted so far, each test at the level O'Brien-Fleming-type alpha spending
   * allows by {@code fraction} of the planned cases, with what earlier looks established standing.
   *
   * @return whether every challenger is promoted or rejected, so that the run may stop calling
   */
  public boolean look(double fraction) {
    if (!fractions.isEmpty() && fraction <= fractions.get(fractions.size() - 1)) {
      throw new IllegalArgumentException(
          "looks must come at growing fractions of the cases, but "
              + fraction
              + " came after "
              + fractions.get(fractions.size() - 1));
    }
    fractions.add(fraction);
    Evaluation evaluation = metrics.finish().withAgreement(agreement.finish());
    return lookAt(evaluation).decided();
  }

  /** The number of looks taken so far ({@link #look}). */
  public int looks() {
    return fractions.size();
  }

  private GateEvaluator.Look lookAt(Evaluation evaluation) {
    GateEvaluator.Look look =
        GateEvaluator.look(
            plan.control().name(),
            plan.challengers(),
            plan.gate(),
            evaluation,
            SEQUENTIAL.levels(fractions.stream().mapToDouble(Double::doubleValue).toArray()),
            state);
    state = look.state();
    return look;
  }

  /**
   * As {@link #finish()}, drawing the bootstrap intervals partly on {@code executor} (the run's
   * workers, idle once the last case is in); the judgement is the same on any executor.
   */
  public Judgement finish(Executor executor) {
    Evaluation evaluation = metrics.finish(executor).withAgreement(agreement.finish());
    return new Judgement(plan, evaluation, judge(plan, evaluation));
  }

  /**
   * The end of a run that took {@link #look looks}: the gate judged at {@code fraction} of the
   * planned cases (1 when every case was answered; a run that stopped ends at its deciding look's
   * fraction, judged again with its figures in full, unless cases came in after it), with what the
   * earlier looks established standing. Without earlier looks, {@link #finish(Executor)}.
   */
  public Judgement finish(Executor executor, double fraction) {
    if (fractions.isEmpty()) {
      return finish(executor);
    }
    Evaluation evaluation = metrics.finish(executor).withAgreement(agreement.finish());
    if (fraction > fractions.get(fractions.size() - 1)) {
      fractions.add(fraction);
    }
    return new Judgement(plan, evaluation, lookAt(evaluation).result());
  }

  /** The plan's gate on an evaluation already made (a stored report judged by other criteria). */
  public static GateResult judge(EvaluationPlan plan, Evaluation evaluation) {
    return GateEvaluator.evaluate(
        plan.control().name(), plan.challengers(), plan.gate(), evaluation);
  }
}

package dev.evalgate.engine.evaluation;

import dev.evalgate.engine.gate.GateResult;
import dev.evalgate.engine.metrics.Evaluation;

/**
 * What an {@link Evaluator} concluded.
 *
 * @param plan what was compared
 * @param evaluation per-variant metrics and each challenger's paired comparison
 * @param gate each criterion's result and each challenger's verdict
 */
public record Judgement(EvaluationPlan plan, Evaluation evaluation, GateResult gate) {}

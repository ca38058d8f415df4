package dev.evalgate.engine.evaluation;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.evalgate.engine.gate.GateResult;
import dev.evalgate.engine.metrics.Evaluation;
import org.apiguardian.api.API;

/**
 * What an {@link Evaluator} concluded.
 *
 * @param plan what was compared
 * @param evaluation per-variant metrics and each challenger's paired comparison
 * @param gate each criterion's result and each challenger's verdict
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Judgement(EvaluationPlan plan, Evaluation evaluation, GateResult gate) {}

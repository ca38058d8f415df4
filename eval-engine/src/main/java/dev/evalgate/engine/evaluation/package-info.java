/**
 * One evaluation: the plan of what is compared ({@link
 * dev.evalgate.engine.evaluation.EvaluationPlan}, from a suite or a stored report) and the
 * evaluator that turns case results into metrics, comparisons and the gate's verdicts ({@link
 * dev.evalgate.engine.evaluation.Evaluator}), used by live runs, shard merges and baseline
 * comparisons alike. Layer "judgement": above metrics and gate.
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.evaluation;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;

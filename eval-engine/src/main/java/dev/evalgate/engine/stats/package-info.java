/**
 * The gate's statistics as pure functions, free of engine types: estimates of every gated number
 * with one-sided bounds and the p-values that invert them ({@link
 * dev.evalgate.engine.stats.Estimate}: Newcombe's paired and independent intervals, exact rates,
 * distribution-free percentiles, t means, delta-method ratios, bootstraps, cluster-adjusted pairs),
 * criteria judged on them ({@link dev.evalgate.engine.stats.Claim}), error rates controlled across
 * a verdict ({@link dev.evalgate.engine.stats.Family}, {@link dev.evalgate.engine.stats.Holm}),
 * power and sample sizes ({@link dev.evalgate.engine.stats.Power}), group-sequential looks ({@link
 * dev.evalgate.engine.stats.SequentialPlan}) and flakiness over repeats. The simulation that
 * measures them is {@code benchmarks/stats-simulation.sh} (benchmarks/README.md).
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.stats;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;

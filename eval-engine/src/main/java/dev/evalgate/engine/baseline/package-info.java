/**
 * Comparing with a stored run: a live run whose control answers come from a stored run's results
 * ({@link Baseline}), and a finished run judged against a stored one ({@link ChampionComparison}).
 * Layer "execution": above the reports it reads.
 */
@NullMarked
package dev.evalgate.engine.baseline;

import org.jspecify.annotations.NullMarked;

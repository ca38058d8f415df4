/**
 * Comparing with a stored run: a live run whose control answers come from a stored run's results
 * ({@link Baseline}), and a finished run judged against a stored one ({@link ChampionComparison}).
 * Layer "execution": above the reports it reads.
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.baseline;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;

package dev.evalgate.engine.metrics;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The threshold a scored check decides at ({@code dev.evalgate.checks.Thresholded}), as a suite
 * sets it.
 *
 * @param option the option's name: {@code threshold}, {@code min-score}, {@code min-support}
 * @param value the threshold now
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ScoreThreshold(String option, double value) {}

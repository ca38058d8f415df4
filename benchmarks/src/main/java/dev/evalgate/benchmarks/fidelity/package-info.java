/**
 * The fidelity harness: runs the checks that classify over human-labelled corpora of real model
 * output and compares their verdicts and scores with the people's labels. {@link FidelityTasks} is
 * the one place that says which check answers which task; {@link Fidelity} is the command.
 */
@NullMarked
package dev.evalgate.benchmarks.fidelity;

import org.jspecify.annotations.NullMarked;

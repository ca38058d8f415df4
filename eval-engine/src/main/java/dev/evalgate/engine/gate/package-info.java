/**
 * The promotion gate: criteria evaluated on metrics and paired comparisons, the verdicts, and the
 * claims (a suite's tests) they are reported as. Layer "judgement": above the run, below the reports.
 */
@NullMarked
package dev.evalgate.engine.gate;

import org.jspecify.annotations.NullMarked;

/**
 * The promotion gate: criteria evaluated on metrics and paired comparisons, the verdicts, and the
 * claims (a suite's tests) they are reported as. Layer "judgement": above the run, below the
 * reports.
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.gate;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;

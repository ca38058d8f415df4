/**
 * Per-variant metrics and paired comparisons, accumulated case by case in memory bounded by
 * variants x checks (plus fixed-size histograms and reservoirs), never by the number of cases.
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.metrics;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;

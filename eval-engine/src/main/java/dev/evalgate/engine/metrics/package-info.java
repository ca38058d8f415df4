/**
 * Per-variant metrics and paired comparisons, accumulated case by case in memory bounded by
 * variants x checks (plus fixed-size histograms and reservoirs), never by the number of cases.
 */
@NullMarked
package dev.evalgate.engine.metrics;

import org.jspecify.annotations.NullMarked;

/** The promotion gate: criteria evaluated on metrics and paired comparisons, and the verdicts. */
@NullMarked
package dev.evalgate.engine.gate;

import org.jspecify.annotations.NullMarked;

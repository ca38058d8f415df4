/** Statistics for paired comparisons: Wilson and Newcombe intervals, McNemar tests, seeded bootstrap. */
@NullMarked
package dev.evalgate.engine.stats;

import org.jspecify.annotations.NullMarked;

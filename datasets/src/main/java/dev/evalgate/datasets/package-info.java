/** EvalGate's curated datasets: a catalog of versioned JSONL files on the classpath. */
@NullMarked
package dev.evalgate.datasets;

import org.jspecify.annotations.NullMarked;

/** Streaming dataset readers (JSONL, CSV, JSON arrays) that hash the file while reading it. */
@NullMarked
package dev.evalgate.engine.dataset;

import org.jspecify.annotations.NullMarked;

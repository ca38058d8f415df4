/** Byte-level helpers shared by the readers of JSONL files (results, recordings). */
@NullMarked
package dev.evalgate.engine.io;

import org.jspecify.annotations.NullMarked;

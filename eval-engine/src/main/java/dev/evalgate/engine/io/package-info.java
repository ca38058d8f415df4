/** Byte-level helpers shared by the readers of JSONL files (results, recordings). */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.io;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;

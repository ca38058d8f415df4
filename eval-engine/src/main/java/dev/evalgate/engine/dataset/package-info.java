/** Streaming dataset readers (JSONL, CSV, JSON arrays) that hash the file while reading it. */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.dataset;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;

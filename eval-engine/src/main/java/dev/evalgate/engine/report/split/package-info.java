/**
 * The reports of a traffic split: {@code split.json} and {@code split.md}, and the console text.
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.report.split;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;

/**
 * The run report: {@code report.json}'s model ({@link RunReport}) and its reader, the fingerprints
 * recorded in it, and its text forms, the console summary and {@code report.md} ({@link Summary}).
 * The bottom of the reports: it imports only the gate and the metrics.
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.report.summary;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;

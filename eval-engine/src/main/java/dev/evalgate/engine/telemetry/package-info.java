/**
 * The optional export of a run to OpenTelemetry ({@code evalgate.otel.endpoint}): every call as a
 * span with the GenAI semantic conventions and {@code evalgate.*} attributes, the run's metrics and
 * verdicts as events of one run span, sent over OTLP/HTTP by the OpenTelemetry SDK's batch
 * processor on its own thread. Off by default ({@link Telemetry#OFF}). Layer "reports" of the
 * engine: an output of the run like the report files.
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.telemetry;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;

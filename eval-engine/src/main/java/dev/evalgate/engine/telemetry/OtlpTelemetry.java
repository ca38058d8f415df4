package dev.evalgate.engine.telemetry;

import dev.evalgate.api.SuiteSpec;
import dev.evalgate.engine.config.TelemetrySettings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Exports each suite run over OTLP/HTTP (protobuf) with the OpenTelemetry SDK: one tracer provider
 * per run, whose batch processor sends spans from its own thread while the run goes on, and whose
 * shutdown at the run's end waits for the last ones.
 */
public final class OtlpTelemetry implements Telemetry {
  static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  static final AttributeKey<String> SERVICE_VERSION = AttributeKey.stringKey("service.version");

  /** How long spans wait in the queue before a batch is sent, when no batch filled up first. */
  private static final Duration SCHEDULE_DELAY = Duration.ofMillis(200);

  private static final int MAX_BATCH = 512;

  private final TelemetrySettings settings;
  private final Function<String, @Nullable String> variables;
  private final String version;

  private OtlpTelemetry(
      TelemetrySettings settings, Function<String, @Nullable String> variables, String version) {
    this.settings = settings;
    this.variables = variables;
    this.version = version;
  }

  /**
   * The telemetry the settings ask for: {@link Telemetry#OFF} without an endpoint.
   *
   * @param variables environment variables by name (the export's headers)
   * @param version the engine's version, the spans' {@code service.version}
   */
  public static Telemetry of(
      TelemetrySettings settings, Function<String, @Nullable String> variables, String version) {
    return settings.enabled() ? new OtlpTelemetry(settings, variables, version) : Telemetry.OFF;
  }

  @Override
  public Run open(SuiteSpec spec, PrintStream console) {
    OtlpHttpSpanExporterBuilder exporter =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(tracesUrl(Objects.requireNonNull(settings.endpoint())))
            .setTimeout(settings.timeout());
    headers(variables.apply(settings.headersEnv()), settings.headersEnv(), console)
        .forEach(exporter::addHeader);
    CountingExporter counting = new CountingExporter(exporter.build());
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.create(
                            Attributes.of(SERVICE_NAME, "evalgate", SERVICE_VERSION, version))))
            .addSpanProcessor(
                BatchSpanProcessor.builder(counting)
                    .setMaxQueueSize(settings.queueSize())
                    .setMaxExportBatchSize(Math.min(MAX_BATCH, settings.queueSize()))
                    .setScheduleDelay(SCHEDULE_DELAY)
                    .setExporterTimeout(settings.timeout())
                    .build())
            .build();
    return new OtlpRun(spec, provider, counting, console, settings, version);
  }

  /**
   * Where spans are posted: the endpoint itself when it already ends with {@code /v1/traces}, else
   * {@code /v1/traces} under it (the collector's base URL, as {@code OTEL_EXPORTER_OTLP_ENDPOINT}).
   */
  static String tracesUrl(URI endpoint) {
    String url = endpoint.toString();
    if (url.endsWith("/v1/traces")) {
      return url;
    }
    return (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/v1/traces";
  }

  /**
   * The headers in the variable's value, {@code name=value,name=value} with URL-encoded values (the
   * format of {@code OTEL_EXPORTER_OTLP_HEADERS}). An entry without a name is left out and named by
   * its position, never by its value, which may be a key.
   */
  static Map<String, String> headers(@Nullable String value, String variable, PrintStream console) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (value == null || value.isBlank()) {
      return headers;
    }
    String[] entries = value.split(",");
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].trim();
      if (entry.isEmpty()) {
        continue;
      }
      int equals = entry.indexOf('=');
      String name = equals < 0 ? "" : entry.substring(0, equals).trim();
      if (name.isEmpty()) {
        console.println(
            "[evalgate] telemetry: entry "
                + (i + 1)
                + " of "
                + variable
                + " is not name=value; it is not sent");
        continue;
      }
      headers.put(name, decoded(entry.substring(equals + 1).trim()));
    }
    return headers;
  }

  /** A URL-encoded value decoded; one that is not validly encoded is sent as written. */
  private static String decoded(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return value;
    }
  }
}

package dev.evalgate.engine.config;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where and how a run's calls are exported as OpenTelemetry spans ({@code evalgate.otel.*}).
 *
 * @param endpoint the OTLP/HTTP base URL, or {@code null} when nothing is exported
 * @param headersEnv the environment variable holding the export's headers
 * @param timeout the longest wait for one export and for the last spans of a suite
 * @param queueSize spans that may wait for the exporter thread before later ones are dropped
 */
public record TelemetrySettings(
    @Nullable URI endpoint, String headersEnv, Duration timeout, int queueSize) {

  /** Whether spans are exported at all. */
  public boolean enabled() {
    return endpoint != null;
  }

  /** The endpoint as printed: without the user information a URL may carry. */
  public String endpointShown() {
    if (endpoint == null) {
      return "none";
    }
    String port = endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort();
    String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
    return endpoint.getScheme() + "://" + endpoint.getHost() + port + path;
  }
}

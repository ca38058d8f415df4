package dev.evalgate.engine.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON Schemas for structured output ({@code response-format: schema:LOCATION}), loaded once each.
 */
final class ResponseSchemas {
  private static final Map<String, JsonNode> CACHE = new ConcurrentHashMap<>();

  private ResponseSchemas() {}

  static JsonNode load(String location) {
    return CACHE.computeIfAbsent(location, ResponseSchemas::read);
  }

  private static JsonNode read(String location) {
    try (InputStream in = open(location)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "response-format schema '"
                + location
                + "' not found in the working directory or on the classpath");
      }
      return Protocol.JSON.readTree(in);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "response-format schema '" + location + "' is not readable JSON: " + e.getMessage(), e);
    }
  }

  private static InputStream open(String location) throws IOException {
    Path file = Path.of(location);
    if (Files.isRegularFile(file)) {
      return Files.newInputStream(file);
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return (loader != null ? loader : ResponseSchemas.class.getClassLoader())
        .getResourceAsStream(location);
  }
}

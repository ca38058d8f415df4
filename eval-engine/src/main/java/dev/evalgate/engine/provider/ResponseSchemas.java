package dev.evalgate.engine.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * JSON Schemas for structured output ({@code response-format: schema:LOCATION}), loaded once each;
 * a file is read again when it changed since (a JVM that runs a suite twice, as an IDE's may, sends
 * and keys what the file holds now).
 */
final class ResponseSchemas {
  private static final String PREFIX = "schema:";

  private static final Map<String, Loaded> CACHE = new ConcurrentHashMap<>();

  /**
   * A schema as read, its compact JSON text (for the recording key, written once per read rather
   * than per call), and the file's modification time and size then (null: a resource).
   */
  private record Loaded(JsonNode schema, String text, @Nullable String version) {}

  private ResponseSchemas() {}

  static JsonNode load(String location) {
    return loaded(location).schema();
  }

  private static Loaded loaded(String location) {
    @Nullable String version = version(location);
    return CACHE.compute(
        location,
        (name, loaded) -> {
          if (loaded != null && Objects.equals(loaded.version(), version)) {
            return loaded;
          }
          JsonNode schema = read(name);
          return new Loaded(schema, schema.toString(), version);
        });
  }

  /**
   * The schema a {@code response-format: schema:LOCATION} sends with every request, as compact JSON
   * text, for the recording key: the location alone would replay an answer made to the schema as it
   * was before an edit. Null for any other format.
   *
   * @throws IllegalArgumentException naming the location when the schema cannot be read
   */
  static @Nullable String keyText(@Nullable String responseFormat) {
    return responseFormat != null && responseFormat.startsWith(PREFIX)
        ? loaded(responseFormat.substring(PREFIX.length())).text()
        : null;
  }

  /** The file's modification time and size, or null when the location is no file. */
  private static @Nullable String version(String location) {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(Path.of(location), BasicFileAttributes.class);
      return attributes.isRegularFile()
          ? attributes.lastModifiedTime() + "/" + attributes.size()
          : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
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

  private static @Nullable InputStream open(String location) throws IOException {
    Path file = Path.of(location);
    if (Files.isRegularFile(file)) {
      return Files.newInputStream(file);
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return (loader != null ? loader : ResponseSchemas.class.getClassLoader())
        .getResourceAsStream(location);
  }
}

package dev.evalgate.engine.suite;

import dev.evalgate.engine.io.ResourceLoader;
import org.jspecify.annotations.Nullable;

/**
 * The one check of a variant's response format, for suite files and Java suites alike: {@code
 * text}, {@code json}, or {@code schema:LOCATION} with LOCATION found where each call reads it (the
 * working directory or the classpath root: {@code provider.ResponseSchemas}), so that a schema that
 * is not there fails the suite at discovery rather than every call as a {@code client} error.
 */
public final class ResponseFormats {
  private static final String SCHEMA = "schema:";

  private ResponseFormats() {}

  /**
   * What is wrong with {@code value}, or {@code null} when nothing is.
   *
   * @param suiteFolder the suite file's folder as its location writes it ({@code evals/}, or
   *     empty), whose paths a user may take the schema's to be relative to; {@code null} for a Java
   *     suite
   */
  public static @Nullable String problem(
      String value, ResourceLoader resources, @Nullable String suiteFolder) {
    if (value.equals("text") || value.equals("json")) {
      return null;
    }
    if (!value.startsWith(SCHEMA)) {
      return "response-format must be text, json or schema:LOCATION, but was \"" + value + "\"";
    }
    String location = value.substring(SCHEMA.length());
    if (resources.find(location, null).isPresent()) {
      return null;
    }
    return "response-format schema '"
        + location
        + "' not found in the working directory or on the classpath, where each call reads it;"
        + " expected its path from the working directory or from the classpath root (such as '"
        + (suiteFolder == null
            ? location + "' for src/test/resources/" + location + ")"
            : suiteFolder + location + "' for a schema in the suite file's folder)");
  }
}

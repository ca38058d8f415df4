package dev.evalgate.engine.dataset;

import dev.evalgate.api.TraceSpec;
import dev.evalgate.engine.io.ResourceLoader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a dataset's bytes come from: a classpath resource or a file.
 *
 * @param location the path as the user wrote it, used in every message
 * @param uri where it was found
 * @param file the file, when it is one (IDE navigation, line selectors)
 */
public record DatasetSource(String location, URI uri, @Nullable Path file) {

  /**
   * Resolves {@code location} next to the suite file, in the working directory or on the classpath.
   */
  public static Optional<DatasetSource> resolve(
      String location, @Nullable Path baseDir, ResourceLoader loader) {
    return loader
        .find(location, baseDir)
        .flatMap(
            resource -> {
              Path file = resource.file();
              if (file != null) {
                return Optional.of(new DatasetSource(location, file.toUri(), file));
              }
              java.net.URL url = resource.url();
              try {
                return url == null
                    ? Optional.empty()
                    : Optional.of(new DatasetSource(location, url.toURI(), null));
              } catch (java.net.URISyntaxException e) {
                return Optional.empty();
              }
            });
  }

  public InputStream open() throws IOException {
    return file != null ? Files.newInputStream(file) : uri.toURL().openStream();
  }

  /** The format: the trace format the suite names, else from the file name's extension. */
  public DatasetFormat format(@Nullable TraceSpec traces) {
    if (traces != null) {
      return traces.format() == TraceSpec.Format.OTLP ? DatasetFormat.OTLP : DatasetFormat.EVENTS;
    }
    return format();
  }

  /** The format, from the file name's extension. */
  public DatasetFormat format() {
    String name = location.toLowerCase(Locale.ROOT);
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return DatasetFormat.JSONL;
    }
    if (name.endsWith(".csv")) {
      return DatasetFormat.CSV;
    }
    if (name.endsWith(".json")) {
      return DatasetFormat.JSON;
    }
    throw new DatasetException(
        location,
        0,
        "unknown dataset format; expected a file ending in .jsonl, .ndjson, .csv or .json");
  }
}

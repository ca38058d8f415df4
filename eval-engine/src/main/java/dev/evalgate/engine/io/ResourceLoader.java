package dev.evalgate.engine.io;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds files a suite refers to (datasets, prompts, schemas): next to the suite file first, then in
 * the working directory, then on the classpath.
 */
public final class ResourceLoader {
  private final ClassLoader classLoader;

  public ResourceLoader(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  /** A found file or classpath resource. */
  public record Resource(String location, @Nullable Path file, @Nullable URL url) {
    public InputStream open() throws IOException {
      if (file != null) {
        return Files.newInputStream(file);
      }
      if (url != null) {
        return url.openStream();
      }
      throw new IOException("nothing to open for " + location);
    }

    /** The folder holding the resource, when it is a file (for paths relative to it). */
    public @Nullable Path folder() {
      return file == null ? null : file.toAbsolutePath().getParent();
    }
  }

  public Optional<Resource> find(String location, @Nullable Path baseDir) {
    Path direct = Path.of(location);
    if (baseDir != null && !direct.isAbsolute()) {
      Path relative = baseDir.resolve(location).normalize();
      if (Files.isRegularFile(relative)) {
        return Optional.of(new Resource(location, relative, null));
      }
    }
    if (Files.isRegularFile(direct)) {
      return Optional.of(new Resource(location, direct.toAbsolutePath(), null));
    }
    URL url = classLoader.getResource(location.startsWith("/") ? location.substring(1) : location);
    if (url == null) {
      return Optional.empty();
    }
    Path file = null;
    if ("file".equals(url.getProtocol())) {
      try {
        file = Path.of(url.toURI());
      } catch (java.net.URISyntaxException | IllegalArgumentException e) {
        file = null;
      }
    }
    return Optional.of(new Resource(location, file, url));
  }

  public ClassLoader classLoader() {
    return classLoader;
  }
}

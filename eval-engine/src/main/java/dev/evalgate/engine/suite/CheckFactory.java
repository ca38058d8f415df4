package dev.evalgate.engine.suite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalgate.api.Check;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Builds a check from a suite file entry such as {@code - length: { max-words: 120 }}. */
@FunctionalInterface
public interface CheckFactory {
  /**
   * @param kind the entry's key ({@code schema}, {@code refusal}, ...)
   * @param options the entry's value
   * @param baseDir the suite file's folder, for relative paths, or {@code null} on the classpath
   * @throws IllegalArgumentException saying what was expected; the loader adds file and line
   */
  Check create(String kind, JsonNode options, @Nullable Path baseDir);
}

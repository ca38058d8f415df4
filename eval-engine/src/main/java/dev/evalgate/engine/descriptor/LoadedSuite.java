package dev.evalgate.engine.descriptor;

import dev.evalgate.api.SuiteSpec;
import dev.evalgate.engine.dataset.DatasetSource;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

/**
 * A suite as discovery found it: its definition, or why it has none.
 *
 * @param key the unique-id segment value: the suite file's location, or the defining method's name
 * @param displayName the suite's name, or its key when the definition could not be read
 * @param spec the definition; {@code null} when {@code problem} says why not
 * @param problem what is wrong with the definition, with file and line
 * @param source where the definition is (file and line, or the method)
 * @param baseDir the suite file's folder, for relative paths
 * @param dataset the resolved dataset
 */
public record LoadedSuite(
    String key,
    String displayName,
    @Nullable SuiteSpec spec,
    @Nullable String problem,
    TestSource source,
    @Nullable Path baseDir,
    @Nullable DatasetSource dataset) {

  public LoadedSuite {
    if (displayName.isBlank()) {
      // a test's display name may not be blank: a suite named "" would fail discovery as a whole
      displayName = key.isBlank() ? "(unnamed suite)" : key;
    }
  }

  /**
   * Where the suite is written, for messages and {@code suite-sources.jsonl}: its file (at {@code
   * line}, 0 for none) and the class naming it, or its {@code @SuiteDefinition} method.
   */
  public String where(String className, int line) {
    return source instanceof MethodSource
        ? "@SuiteDefinition method " + className + "." + key + "()"
        : key + (line > 0 ? ":" + line : "") + " (@EvalSuite on " + className + ")";
  }

  public boolean runnable() {
    return ready() != null;
  }

  /** The suite's spec and dataset when it can run, else null. */
  public @Nullable Ready ready() {
    return spec != null && problem == null && dataset != null ? new Ready(spec, dataset) : null;
  }

  /** What a runnable suite has for sure. */
  public record Ready(SuiteSpec spec, DatasetSource dataset) {}
}

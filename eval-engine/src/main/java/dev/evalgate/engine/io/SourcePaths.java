package dev.evalgate.engine.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The source file of a build tool's copy. Suites and datasets are read from the class path, so from
 * {@code target/test-classes} (Maven) or {@code build/resources/test} (Gradle); an IDE shows, and
 * selects ("run this line"), the file under {@code src/}. Test sources name the source file so the
 * IDE opens the file the user edits, and selections of either file mean the same suite or case.
 */
public final class SourcePaths {
  /** A build output folder, as path segments below the module, and the source folder it copies. */
  private record Layout(List<String> output, List<String> source) {}

  private static final List<Layout> LAYOUTS =
      List.of(
          new Layout(List.of("target", "test-classes"), List.of("src", "test", "resources")),
          new Layout(List.of("target", "classes"), List.of("src", "main", "resources")),
          new Layout(List.of("build", "resources", "test"), List.of("src", "test", "resources")),
          new Layout(List.of("build", "resources", "main"), List.of("src", "main", "resources")));

  private SourcePaths() {}

  /**
   * The file under {@code src/} that {@code file} is the build copy of, when it exists; else {@code
   * file} itself (already a source, in the working directory, or copied from a folder of another
   * layout). Either way absolute, normalized and with symbolic links resolved where possible.
   */
  public static Path preferred(Path file) {
    Path absolute = canonical(file);
    for (Path folder = absolute.getParent(); folder != null; folder = folder.getParent()) {
      for (Layout layout : LAYOUTS) {
        Path module = moduleOf(folder, layout.output());
        if (module == null) {
          continue;
        }
        Path source = module;
        for (String segment : layout.source()) {
          source = source.resolve(segment);
        }
        Path candidate = source.resolve(folder.relativize(absolute));
        if (Files.isRegularFile(candidate)) {
          return canonical(candidate);
        }
      }
    }
    return absolute;
  }

  /**
   * How reports name {@code file}: its source ({@link #preferred}) relative to the working
   * directory when it lies below it ({@code src/test/resources/evals/tickets.jsonl}), else
   * absolute.
   */
  public static String display(Path file) {
    Path source = preferred(file);
    Path here = canonical(Path.of(""));
    return source.startsWith(here)
        ? here.relativize(source).toString().replace('\\', '/')
        : source.toString();
  }

  /** Whether two files are the same file once build copies are taken for their sources. */
  public static boolean same(Path a, Path b) {
    return preferred(a).equals(preferred(b));
  }

  /** The module folder when {@code folder} ends with the {@code output} segments, else null. */
  private static @Nullable Path moduleOf(Path folder, List<String> output) {
    Path at = folder;
    for (int i = output.size() - 1; i >= 0; i--) {
      if (at == null
          || at.getFileName() == null
          || !at.getFileName().toString().equals(output.get(i))) {
        return null;
      }
      at = at.getParent();
    }
    return at;
  }

  public static Path canonical(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    try {
      return absolute.toRealPath();
    } catch (IOException | SecurityException e) {
      return absolute;
    }
  }
}

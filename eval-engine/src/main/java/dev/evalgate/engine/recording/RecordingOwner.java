package dev.evalgate.engine.recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The suite whose recordings a folder holds, named in its {@value #FILE} file by the first run that
 * may record into it (its source: the suite file and the class naming it, or its method). Two
 * suites of one name record into one folder; within one test run discovery stops the second, but
 * test JVMs (Surefire forks), modules sharing {@code evalgate.recording.dir} and separate builds
 * cannot see each other, so a run that may record first compares its source with the one the folder
 * names.
 *
 * <pre>{@code
 * String other = RecordingOwner.claim(folder, "evals/router.yaml (@EvalSuite on com.acme.RouterEval)");
 * // null: the folder is this suite's (now or from before); else the other suite's source
 * }</pre>
 */
public final class RecordingOwner {
  /** The file in each recordings folder that names its suite. */
  public static final String FILE = ".suite";

  private RecordingOwner() {}

  /**
   * Names {@code source} as the folder's suite when no suite is named yet.
   *
   * @return {@code null} when the folder is {@code source}'s, else the source the folder names
   */
  public static @Nullable String claim(Path folder, String source) throws IOException {
    Path file = folder.resolve(FILE);
    if (!Files.exists(file)) {
      Files.createDirectories(folder);
      // written whole, then moved into place: a run that claims the folder at the same moment
      // finds the file there and reads it whole
      Path written = Files.createTempFile(folder, FILE + "-", ".tmp");
      try {
        Files.writeString(written, source + "\n", StandardCharsets.UTF_8);
        Files.move(written, file);
        return null;
      } catch (FileAlreadyExistsException e) {
        // another run claimed it meanwhile: compared below
      } finally {
        Files.deleteIfExists(written);
      }
    }
    String named = Files.readString(file, StandardCharsets.UTF_8).strip();
    return named.equals(source) ? null : named;
  }
}

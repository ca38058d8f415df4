package dev.evalgate.engine.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes files so that a reader sees the old file or the new one, never half of one. The temporary
 * files are hidden and carry the writing process's id ({@code .results.jsonl-4242-<random>.tmp}),
 * so that a later run can tell the leftovers of a killed run from the files of a run still going
 * ({@link #removeLeftovers}).
 */
public final class AtomicFiles {
  private static final long PID = ProcessHandle.current().pid();

  /**
   * A temporary file without a process id (written before ids were added) is a leftover once this
   * old.
   */
  public static final Duration UNOWNED_AGE = Duration.ofHours(1);

  private AtomicFiles() {}

  /**
   * A new hidden temporary file in {@code folder} for the file {@code name}, owned by this process.
   */
  public static Path temp(Path folder, String name) throws IOException {
    return Files.createTempFile(folder, "." + name + "-" + PID + "-", ".tmp");
  }

  /**
   * Removes from {@code folder} the temporary files of {@code names} that a run killed before it
   * could move them into place left behind: those of a process that is no longer alive, and those
   * without a process id that were last written more than {@link #UNOWNED_AGE} ago. Nothing else is
   * touched: not another name, not a file of this process or of another live one, not a sub-folder.
   *
   * @return how many files were removed
   */
  public static int removeLeftovers(Path folder, Collection<String> names) {
    if (!Files.isDirectory(folder) || names.isEmpty()) {
      return 0;
    }
    Pattern ours =
        Pattern.compile(
            "\\.(?:"
                + names.stream().map(Pattern::quote).collect(Collectors.joining("|"))
                + ")(?:-(\\d+)-)?\\d+\\.tmp");
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, ".*.tmp")) {
      for (Path file : files) {
        Matcher name = ours.matcher(file.getFileName().toString());
        if (name.matches()
            && Files.isRegularFile(file)
            && abandoned(file, name.group(1))
            && Files.deleteIfExists(file)) {
          removed++;
        }
      }
    } catch (NoSuchFileException e) {
      return removed;
    } catch (IOException | RuntimeException e) {
      // a leftover that cannot be removed now is removed by a later run; the run itself goes on
    }
    return removed;
  }

  private static boolean abandoned(Path file, String pid) throws IOException {
    if (pid == null) {
      return Files.getLastModifiedTime(file).toInstant().isBefore(Instant.now().minus(UNOWNED_AGE));
    }
    long owner;
    try {
      owner = Long.parseLong(pid);
    } catch (NumberFormatException e) {
      return false;
    }
    return owner != PID && ProcessHandle.of(owner).map(p -> !p.isAlive()).orElse(true);
  }

  public static void write(Path file, String content) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    if (folder == null) {
      throw new IOException(file + " is a root, not a file to write");
    }
    Files.createDirectories(folder);
    Path temp = temp(folder, file.getFileName().toString());
    Files.writeString(temp, content, StandardCharsets.UTF_8);
    move(temp, file);
  }

  public static void move(Path temp, Path file) throws IOException {
    readableByAll(temp);
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Temporary files are created private; reports are meant to be read (rw-r--r--). */
  public static void readableByAll(Path file) {
    try {
      Files.setPosixFilePermissions(
          file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: keep the default permissions
    }
  }
}

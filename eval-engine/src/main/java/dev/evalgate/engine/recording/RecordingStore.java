package dev.evalgate.engine.recording;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The recordings of one suite: a folder with one JSONL file per variant, each line a
 * {@link Recording}, sorted by key so diffs are reviewable.
 *
 * <p>New recordings are appended and flushed to a journal file of this process the moment they
 * arrive, so a crash loses no paid call; a later run reads the journals of processes that are gone
 * and carries on. On {@link #close()} the journal is merged into the variant files under a file
 * lock, written to a temporary file and moved into place atomically: concurrent runs never tear a
 * file, and a reader sees the old or the new file, never half of one.
 *
 * <pre>{@code
 * try (RecordingStore store = RecordingStore.open(Path.of("src/test/resources/evalgate/recordings"), "support-bot")) {
 *   Recording hit = store.get("control", key);
 * }
 * }</pre>
 */
public final class RecordingStore implements Closeable {
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();
  private static final ObjectWriter LINE = JSON.writerFor(Recording.class);
  static final String SUFFIX = ".jsonl";
  static final String JOURNAL = ".journal";

  private final Path folder;
  private final Map<String, Map<String, Recording>> byVariant = new ConcurrentHashMap<>();
  private final Map<String, Recording> written = new ConcurrentHashMap<>();
  private final String journalName = ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
  private @Nullable BufferedWriter journal;
  private boolean closed;

  private RecordingStore(Path folder) {
    this.folder = folder;
  }

  /**
   * Opens (and reads) the recordings of a suite.
   *
   * @throws RecordingException naming the file and line of a corrupt recording
   */
  public static RecordingStore open(Path root, String suite) {
    RecordingStore store = new RecordingStore(root.resolve(slug(suite)));
    store.load();
    return store;
  }

  public Path folder() {
    return folder;
  }

  public @Nullable Recording get(String variant, String key) {
    Map<String, Recording> recordings = byVariant.get(variant);
    return recordings == null ? null : recordings.get(key);
  }

  /** The number of recordings held, over all variants. */
  public int size() {
    return byVariant.values().stream().mapToInt(Map::size).sum();
  }

  /** Stores a recording; it is on disk (in this process's journal) when this returns. */
  public synchronized void put(Recording recording) {
    if (closed) {
      throw new IllegalStateException("the recording store is closed");
    }
    byVariant.computeIfAbsent(recording.variant(), v -> new ConcurrentHashMap<>()).put(recording.key(), recording);
    written.put(recording.variant() + "\u0000" + recording.key(), recording);
    try {
      if (journal == null) {
        Files.createDirectories(folder);
        journal = Files.newBufferedWriter(folder.resolve(journalName + JOURNAL), StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
      journal.write(LINE.writeValueAsString(recording));
      journal.write('\n');
      journal.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(new IOException("cannot write recording journal in " + folder + ": " + e.getMessage(), e));
    }
  }

  private void load() {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(SUFFIX)) {
          read(file, false).forEach(r -> byVariant.computeIfAbsent(r.variant(), v -> new ConcurrentHashMap<>()).put(r.key(), r));
        }
      }
    } catch (IOException e) {
      throw new RecordingException("cannot list recordings in " + folder + ": " + e.getMessage(), e);
    }
    for (Path journalFile : journals()) {
      read(journalFile, true).forEach(r -> byVariant.computeIfAbsent(r.variant(), v -> new ConcurrentHashMap<>()).put(r.key(), r));
    }
  }

  private List<Path> journals() {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(JOURNAL)).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Reads a recording file; in a journal, a torn last line (a crash mid-write) is skipped. */
  static List<Recording> read(Path file, boolean journal) {
    List<Recording> recordings = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      String pending = null;
      int pendingLine = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (pending != null) {
          throw corrupt(file, pendingLine, pending);
        }
        if (line.isBlank()) {
          continue;
        }
        try {
          Recording recording = JSON.readValue(line, Recording.class);
          if (recording.key() == null || recording.variant() == null || recording.content() == null) {
            throw corrupt(file, number, "a field is missing");
          }
          recordings.add(recording);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
          String field = e.getPath().isEmpty() ? "?" : e.getPath().get(e.getPath().size() - 1).getFieldName();
          throw corrupt(file, number, "field '" + field + "' is missing or of the wrong type");
        } catch (JsonProcessingException e) {
          pending = firstLine(e.getOriginalMessage());
          pendingLine = number;
        }
      }
      if (pending != null && !journal) {
        throw corrupt(file, pendingLine, pending);
      }
    } catch (IOException e) {
      throw new RecordingException(file + ": cannot read the recording file: " + e.getMessage(), e);
    }
    return recordings;
  }

  private static RecordingException corrupt(Path file, int line, String why) {
    return new RecordingException(file + ":" + line + ": corrupt recording (" + why + "); expected one JSON object per line "
        + "with key, case, variant, content and usage; delete the line, or the file, and record again");
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "malformed JSON";
    }
    int cut = message.indexOf('\n');
    return cut > 0 ? message.substring(0, cut) : message;
  }

  /** Merges this process's new recordings (and those of crashed runs) into the variant files. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (journal != null) {
        journal.close();
      }
      List<Path> orphans = journals().stream().filter(this::orphaned).toList();
      if (written.isEmpty() && orphans.isEmpty()) {
        return;
      }
      Files.createDirectories(folder);
      // File locks are held per JVM: a monitor per folder keeps two stores of one JVM apart too.
      Object monitor = FOLDER_MONITORS.computeIfAbsent(folder.toAbsolutePath().normalize(), f -> new Object());
      synchronized (monitor) {
        mergeUnderLock(orphans);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(new IOException("cannot write recordings in " + folder + ": " + e.getMessage()
          + " (the new recordings are kept in " + journalName + JOURNAL + ")", e));
    }
  }

  private static final Map<Path, Object> FOLDER_MONITORS = new ConcurrentHashMap<>();

  private void mergeUnderLock(List<Path> orphans) throws IOException {
    try (FileChannel lockChannel = FileChannel.open(folder.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockChannel.lock()) {
        Map<String, TreeMap<String, Recording>> merged = new HashMap<>();
        List<Recording> incoming = new ArrayList<>(written.values());
        for (Path orphan : orphans) {
          incoming.addAll(read(orphan, true));
        }
        for (Recording recording : incoming) {
          merged.computeIfAbsent(recording.variant(), v -> {
            TreeMap<String, Recording> current = new TreeMap<>();
            Path file = folder.resolve(slug(v) + SUFFIX);
            if (Files.isRegularFile(file)) {
              read(file, false).forEach(r -> current.put(r.key(), r));
            }
            return current;
          }).put(recording.key(), recording);
        }
        for (Map.Entry<String, TreeMap<String, Recording>> entry : merged.entrySet()) {
          writeAtomically(folder.resolve(slug(entry.getKey()) + SUFFIX), entry.getValue().values());
        }
        for (Path orphan : orphans) {
          Files.deleteIfExists(orphan);
        }
    }
  }

  /** A journal whose process is gone (or this process's own, now closed). */
  private boolean orphaned(Path journalFile) {
    String name = journalFile.getFileName().toString();
    if (name.startsWith(journalName)) {
      return true;
    }
    try {
      long pid = Long.parseLong(name.substring(0, name.indexOf('-')));
      return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void writeAtomically(Path file, Iterable<Recording> recordings) throws IOException {
    Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
      for (Recording recording : recordings) {
        out.write(LINE.writeValueAsString(recording));
        out.write('\n');
      }
    }
    try {
      Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A file-system-safe form of a suite or variant name. */
  public static String slug(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}

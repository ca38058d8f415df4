package dev.evalgate.engine.recording;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The recordings of one suite: a folder with one JSONL file per variant, each line a {@link
 * Recording}, sorted by key so diffs are reviewable.
 *
 * <p>The store does not hold the recordings: opening it checks every line and keeps a sparse index
 * of each file (see {@link RecordingFile}), and a look-up reads one small block of the file. Memory
 * therefore stays flat however many recordings a suite has.
 *
 * <p>New recordings are appended to a journal file of this process the moment they arrive, so a
 * crash loses no paid call; a later run folds the journals of processes that are gone into the
 * variant files before it reads them. On {@link #close()} the journal is merged into the variant
 * files under a file lock (a bounded-memory merge, see {@link RecordingMerger}), written to a
 * temporary file and moved into place atomically: concurrent runs never tear a file, and a reader
 * sees the old or the new file, never half of one.
 *
 * <pre>{@code
 * try (RecordingStore store = RecordingStore.open(Path.of("src/test/resources/evalgate/recordings"), "support-bot")) {
 *   Recording hit = store.get("control", key);
 * }
 * }</pre>
 */
public final class RecordingStore implements Closeable {
  static final String SUFFIX = ".jsonl";
  static final String JOURNAL = ".journal";

  /** Journal lines sorted in memory at a time when merging; more is spilled to sorted run files. */
  static final long MERGE_CHUNK_BYTES = 32L << 20;

  /** File locks are held per JVM: a monitor per folder keeps two stores of one JVM apart too. */
  private static final Map<Path, Object> FOLDER_MONITORS = new ConcurrentHashMap<>();

  private final Path folder;
  private final List<RecordingFile> files = new ArrayList<>();
  private final Map<String, List<RecordingFile>> byVariant = new ConcurrentHashMap<>();
  private final String journalName =
      ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
  private final Journal journal;
  private volatile boolean written;
  private boolean closed;

  private RecordingStore(Path folder) {
    this.folder = folder;
    this.journal = new Journal(folder.resolve(journalName + JOURNAL));
  }

  /**
   * Opens the recordings of a suite: folds in the journals of crashed runs, then checks and indexes
   * every variant file.
   *
   * @throws RecordingException naming the file and line of a corrupt recording
   */
  public static RecordingStore open(Path root, String suite) {
    RecordingStore store = new RecordingStore(root.resolve(slug(suite)));
    try {
      store.load();
    } catch (RuntimeException e) {
      store.files.forEach(RecordingFile::close);
      throw e;
    }
    return store;
  }

  public Path folder() {
    return folder;
  }

  /** The recording of {@code variant} for {@code key}: this run's newest, else the files'. */
  public @Nullable Recording get(String variant, String key) {
    if (written) {
      Recording fresh = journal.find(variant, key);
      if (fresh != null) {
        return fresh;
      }
    }
    List<RecordingFile> candidates = byVariant.get(variant);
    if (candidates == null) {
      return null;
    }
    for (RecordingFile file : candidates) {
      Recording found = file.find(variant, key);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /**
   * The number of recordings in the files when opened plus those added since (a re-recorded one
   * counts twice).
   */
  public int size() {
    return files.stream().mapToInt(RecordingFile::size).sum() + journal.size();
  }

  /**
   * Stores a recording; it is in this process's journal ({@link #journalFile()}) when this returns,
   * and in its variant's file once the store is closed.
   *
   * @return the journal line it was written to
   */
  public synchronized long put(Recording recording) {
    if (closed) {
      throw new IllegalStateException("the recording store is closed");
    }
    long line = journal.append(recording);
    written = true;
    return line;
  }

  /**
   * This process's journal, where new recordings are appended before they are merged into the
   * variant files.
   */
  public Path journalFile() {
    return journal.file();
  }

  private void load() {
    if (!Files.isDirectory(folder)) {
      return;
    }
    if (listJournals().stream().anyMatch(this::orphaned)) {
      try {
        underLock(false);
      } catch (IOException e) {
        throw new RecordingException(
            "cannot fold the journals of earlier runs into " + folder + ": " + e.getMessage(), e);
      }
    }
    List<Path> variantFiles;
    try (Stream<Path> list = Files.list(folder)) {
      variantFiles =
          list.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    } catch (IOException e) {
      throw new RecordingException(
          "cannot list recordings in " + folder + ": " + e.getMessage(), e);
    }
    // the files are checked side by side: opening is reading every line once
    List<CompletableFuture<RecordingFile>> opening =
        variantFiles.stream()
            .map(file -> CompletableFuture.supplyAsync(() -> RecordingFile.open(file)))
            .toList();
    RuntimeException failure = null;
    for (CompletableFuture<RecordingFile> future : opening) {
      try {
        RecordingFile opened = future.join();
        files.add(opened);
        for (String variant : opened.variants()) {
          byVariant.computeIfAbsent(variant, v -> new ArrayList<>()).add(opened);
        }
      } catch (CompletionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException cause ? cause : e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private List<Path> listJournals() {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(folder)) {
      return list.filter(f -> f.getFileName().toString().endsWith(JOURNAL)).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Merges this process's new recordings (and those of crashed runs) into the variant files. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    files.forEach(RecordingFile::close);
    try {
      journal.close();
      if (!written && listJournals().stream().noneMatch(this::orphaned)) {
        return;
      }
      underLock(true);
    } catch (IOException e) {
      throw new UncheckedIOException(
          new IOException(
              "cannot write recordings in "
                  + folder
                  + ": "
                  + e.getMessage()
                  + " (the new recordings are kept in "
                  + journalName
                  + JOURNAL
                  + ")",
              e));
    }
  }

  /**
   * Takes the folder's lock and merges the orphaned journals, and this process's own when {@code
   * own}.
   */
  private void underLock(boolean own) throws IOException {
    Object monitor =
        FOLDER_MONITORS.computeIfAbsent(folder.toAbsolutePath().normalize(), f -> new Object());
    synchronized (monitor) {
      try (FileChannel lockChannel =
              FileChannel.open(
                  folder.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockChannel.lock()) {
        // listed again under the lock: another run may have merged them meanwhile
        List<Path> merging =
            new ArrayList<>(
                listJournals().stream()
                    .filter(j -> !j.equals(journal.file()) && orphaned(j))
                    .toList());
        if (own && written) {
          merging.add(journal.file());
        }
        if (!merging.isEmpty()) {
          new RecordingMerger(folder, MERGE_CHUNK_BYTES).merge(merging);
        }
      }
    }
  }

  /** A journal whose process is gone (or this process's own, now closed). */
  private boolean orphaned(Path journalFile) {
    String name = journalFile.getFileName().toString();
    if (name.startsWith(journalName)) {
      return closed;
    }
    try {
      long pid = Long.parseLong(name.substring(0, name.indexOf('-')));
      return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** A file-system-safe form of a suite or variant name. */
  public static String slug(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}

package dev.evalgate.engine.recording;

import dev.evalgate.engine.io.LineScanner;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Folds journals into the variant files, in bounded memory: the journals' lines are sorted in
 * chunks of at most {@link #chunkBytes} (spilled to temporary run files when there is more than
 * one), then merged with each variant file in one streaming pass. Lines are copied as they are; a
 * later journal's recording replaces an earlier one with the same variant and key, and a journal's
 * recording replaces the file's. Called with the folder's lock held.
 */
final class RecordingMerger {
  /**
   * Sort order of the variant files: file, then key, then variant (files of one variant are sorted
   * by key).
   */
  private static final Comparator<Entry> ORDER =
      Comparator.comparing(Entry::file).thenComparing(Entry::key).thenComparing(Entry::variant);

  private final Path folder;
  private final long chunkBytes;
  private final List<Path> runs = new ArrayList<>();

  RecordingMerger(Path folder, long chunkBytes) {
    this.folder = folder;
    this.chunkBytes = chunkBytes;
  }

  /** A journal line with where it belongs. */
  private record Entry(String file, String key, String variant, byte[] line) {}

  /**
   * Merges {@code journals} (oldest first: later ones win) into the variant files and deletes them.
   * In a journal, a torn last line (a crash mid-write) is skipped.
   */
  void merge(List<Path> journals) throws IOException {
    try {
      List<Entry> chunk = new ArrayList<>();
      long bytes = 0;
      for (Path journal : journals) {
        try (LineScanner lines = new LineScanner(Files.newInputStream(journal))) {
          RecordingException pending = null;
          while (lines.next()) {
            if (pending != null) {
              throw pending;
            }
            Recording recording;
            try {
              recording =
                  RecordingLines.parse(
                      lines.bytes(), lines.offset(), lines.length(), journal, lines.number());
            } catch (RecordingException e) {
              pending = e;
              continue;
            }
            byte[] line =
                Arrays.copyOfRange(lines.bytes(), lines.offset(), lines.offset() + lines.length());
            chunk.add(
                new Entry(
                    RecordingStore.slug(recording.variant()) + RecordingStore.SUFFIX,
                    recording.key(),
                    recording.variant(),
                    line));
            bytes += line.length + 64;
            if (bytes >= chunkBytes) {
              spill(chunk);
              chunk = new ArrayList<>();
              bytes = 0;
            }
          }
        }
      }
      Source incoming = runs.isEmpty() ? new ListSource(sorted(chunk)) : mergedRuns(chunk);
      write(incoming);
      for (Path journal : journals) {
        Files.deleteIfExists(journal);
      }
    } finally {
      for (Path run : runs) {
        Files.deleteIfExists(run);
      }
    }
  }

  /** Sorts a chunk and keeps the last of equal entries (the stable sort keeps their order). */
  private static List<Entry> sorted(List<Entry> chunk) {
    List<Entry> sorted = new ArrayList<>(chunk);
    sorted.sort(ORDER);
    List<Entry> kept = new ArrayList<>(sorted.size());
    for (int i = 0; i < sorted.size(); i++) {
      if (i + 1 < sorted.size() && ORDER.compare(sorted.get(i), sorted.get(i + 1)) == 0) {
        continue;
      }
      kept.add(sorted.get(i));
    }
    return kept;
  }

  private void spill(List<Entry> chunk) throws IOException {
    Path run = Files.createTempFile(folder, ".merge-", ".tmp");
    runs.add(run);
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
      for (Entry entry : sorted(chunk)) {
        out.writeUTF(entry.file());
        out.writeUTF(entry.key());
        out.writeUTF(entry.variant());
        out.writeInt(entry.line().length);
        out.write(entry.line());
      }
    }
  }

  /**
   * The spilled runs and the last chunk merged into one sorted stream; of equal entries the latest
   * wins.
   */
  private Source mergedRuns(List<Entry> last) throws IOException {
    List<Source> sources = new ArrayList<>();
    for (Path run : runs) {
      sources.add(new RunSource(run));
    }
    sources.add(new ListSource(sorted(last)));
    return new MergedSource(sources);
  }

  /** Writes every touched variant file: its old lines and the incoming ones, in order. */
  private void write(Source incoming) throws IOException {
    Entry next = incoming.next();
    while (next != null) {
      String name = next.file();
      Path target = folder.resolve(name);
      Path temp = Files.createTempFile(folder, name, ".tmp");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
          Base base = Base.open(target)) {
        while (next != null && next.file().equals(name)) {
          while (base.current() != null && base.compareTo(next) < 0) {
            base.copyTo(out);
            base.advance();
          }
          if (base.current() != null && base.compareTo(next) == 0) {
            base.advance();
          }
          out.write(next.line());
          out.write('\n');
          next = incoming.next();
        }
        while (base.current() != null) {
          base.copyTo(out);
          base.advance();
        }
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(temp);
        throw e;
      }
      moveIntoPlace(temp, target);
    }
  }

  private static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Entries in order, one at a time. */
  private interface Source {
    @Nullable Entry next() throws IOException;
  }

  private static final class ListSource implements Source {
    private final List<Entry> entries;
    private int index;

    ListSource(List<Entry> entries) {
      this.entries = entries;
    }

    @Override
    public @Nullable Entry next() {
      return index < entries.size() ? entries.get(index++) : null;
    }
  }

  private static final class RunSource implements Source {
    private final DataInputStream in;

    RunSource(Path run) throws IOException {
      this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
    }

    @Override
    public @Nullable Entry next() throws IOException {
      String file;
      try {
        file = in.readUTF();
      } catch (EOFException end) {
        in.close();
        return null;
      }
      String key = in.readUTF();
      String variant = in.readUTF();
      byte[] line = new byte[in.readInt()];
      in.readFully(line);
      return new Entry(file, key, variant, line);
    }
  }

  /**
   * A k-way merge of sorted sources; of entries equal in order, the one from the last source wins.
   */
  private static final class MergedSource implements Source {
    private record Head(Entry entry, int source) {}

    private final List<Source> sources;
    private final PriorityQueue<Head> heads =
        new PriorityQueue<>(
            Comparator.comparing(Head::entry, ORDER).thenComparingInt(Head::source));

    MergedSource(List<Source> sources) throws IOException {
      this.sources = sources;
      for (int i = 0; i < sources.size(); i++) {
        pull(i);
      }
    }

    private void pull(int source) throws IOException {
      Entry entry = sources.get(source).next();
      if (entry != null) {
        heads.add(new Head(entry, source));
      }
    }

    @Override
    public @Nullable Entry next() throws IOException {
      Head head = heads.poll();
      if (head == null) {
        return null;
      }
      pull(head.source());
      while (!heads.isEmpty() && ORDER.compare(heads.peek().entry(), head.entry()) == 0) {
        head = heads.poll();
        pull(head.source());
      }
      return head.entry();
    }
  }

  /**
   * A variant file's current lines, in order: streamed when the file is sorted by key (as this
   * store writes it), else read whole and sorted (a file edited by hand).
   */
  private abstract static class Base implements AutoCloseable {
    abstract @Nullable String current();

    abstract String variant();

    abstract void copyTo(OutputStream out) throws IOException;

    abstract void advance() throws IOException;

    /**
     * Compares the current line (there must be one) with an incoming entry: by key, then variant.
     */
    int compareTo(Entry entry) {
      String key = current();
      if (key == null) {
        throw new IllegalStateException("no current line to compare");
      }
      int byKey = key.compareTo(entry.key());
      return byKey != 0 ? byKey : variant().compareTo(entry.variant());
    }

    @Override
    public void close() throws IOException {}

    private static final Comparator<RecordingLines.Id> BY_KEY =
        Comparator.comparing(RecordingLines.Id::key).thenComparing(RecordingLines.Id::variant);

    static Base open(Path file) throws IOException {
      if (!Files.isRegularFile(file)) {
        return new Sorted(new TreeMap<>(BY_KEY));
      }
      if (sortedByKey(file)) {
        return new Streamed(file);
      }
      TreeMap<RecordingLines.Id, byte[]> lines = new TreeMap<>(BY_KEY);
      try (LineScanner scanner = new LineScanner(Files.newInputStream(file))) {
        while (scanner.next()) {
          lines.put(
              RecordingLines.id(
                  scanner.bytes(), scanner.offset(), scanner.length(), file, scanner.number()),
              Arrays.copyOfRange(
                  scanner.bytes(), scanner.offset(), scanner.offset() + scanner.length()));
        }
      }
      return new Sorted(lines);
    }

    private static boolean sortedByKey(Path file) throws IOException {
      try (LineScanner scanner = new LineScanner(Files.newInputStream(file))) {
        String previous = null;
        while (scanner.next()) {
          String key = RecordingLines.fastKey(scanner.bytes(), scanner.offset(), scanner.length());
          if (key == null || (previous != null && key.compareTo(previous) <= 0)) {
            return false;
          }
          previous = key;
        }
        return true;
      }
    }

    private static final class Streamed extends Base {
      private final Path file;
      private final LineScanner scanner;
      private @Nullable String key;
      private @Nullable String variant;

      Streamed(Path file) throws IOException {
        this.file = file;
        this.scanner = new LineScanner(Files.newInputStream(file));
        advance();
      }

      @Override
      @Nullable String current() {
        return key;
      }

      @Override
      String variant() {
        if (variant == null) {
          variant =
              RecordingLines.id(
                      scanner.bytes(), scanner.offset(), scanner.length(), file, scanner.number())
                  .variant();
        }
        return variant;
      }

      @Override
      void copyTo(OutputStream out) throws IOException {
        out.write(scanner.bytes(), scanner.offset(), scanner.length());
        out.write('\n');
      }

      @Override
      void advance() throws IOException {
        variant = null;
        key =
            scanner.next()
                ? RecordingLines.fastKey(scanner.bytes(), scanner.offset(), scanner.length())
                : null;
      }

      @Override
      public void close() throws IOException {
        scanner.close();
      }
    }

    private static final class Sorted extends Base {
      private final java.util.Iterator<java.util.Map.Entry<RecordingLines.Id, byte[]>> lines;
      private java.util.Map.@Nullable Entry<RecordingLines.Id, byte[]> current;

      Sorted(TreeMap<RecordingLines.Id, byte[]> lines) {
        this.lines = lines.entrySet().iterator();
        advance();
      }

      @Override
      @Nullable String current() {
        return current == null ? null : current.getKey().key();
      }

      @Override
      String variant() {
        return line().getKey().variant();
      }

      @Override
      void copyTo(OutputStream out) throws IOException {
        out.write(line().getValue());
        out.write('\n');
      }

      @Override
      void advance() {
        current = lines.hasNext() ? lines.next() : null;
      }

      private java.util.Map.Entry<RecordingLines.Id, byte[]> line() {
        java.util.Map.Entry<RecordingLines.Id, byte[]> line = current;
        if (line == null) {
          throw new IllegalStateException("past the last line");
        }
        return line;
      }
    }
  }
}

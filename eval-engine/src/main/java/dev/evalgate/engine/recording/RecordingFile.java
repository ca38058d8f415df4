package dev.evalgate.engine.recording;

import dev.evalgate.engine.io.LineScanner;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One variant file opened for look-ups without holding its recordings: every line is checked when
 * the file is opened, and an index of about 13 bytes a recording (each line's {@linkplain #prefix
 * key prefix} and offset within its block of {@value #STRIDE}, and each block's byte offset and
 * line number) finds a recording with a binary search of the prefixes and one positional read of
 * its line. The file is sorted by key, as the store writes it; a file edited out of order, or
 * holding several variants, gets a full index of its lines.
 */
final class RecordingFile implements Closeable {
  static final int STRIDE = 16;

  private final Path file;
  private final FileChannel channel;
  private final long size;
  private final Set<String> variants;

  /** Every line's key prefix, in file (key) order. */
  private final long[] prefixes;

  /** Every STRIDE-th line's byte offset and line number. */
  private final long[] offsets;

  private final long[] lines;

  /** Every line's offset from the start of its block (the sparse entry before it). */
  private final int[] starts;

  /** Full index, when the file is not a sorted file of one variant. */
  private final @Nullable Map<RecordingLines.Id, long[]> full;

  private final int count;
  private static final ThreadLocal<byte[]> BUFFERS =
      ThreadLocal.withInitial(() -> new byte[1 << 14]);

  private RecordingFile(
      Path file,
      FileChannel channel,
      long size,
      Set<String> variants,
      long[] prefixes,
      long[] offsets,
      long[] lines,
      int[] starts,
      @Nullable Map<RecordingLines.Id, long[]> full,
      int count) {
    this.file = file;
    this.channel = channel;
    this.size = size;
    this.variants = variants;
    this.prefixes = prefixes;
    this.offsets = offsets;
    this.lines = lines;
    this.starts = starts;
    this.full = full;
    this.count = count;
  }

  /**
   * Opens and checks a variant file.
   *
   * @throws RecordingException naming the file and line of the first corrupt recording
   */
  static RecordingFile open(Path file) {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new RecordingException(file + ": cannot read the recording file: " + e.getMessage(), e);
    }
    try {
      Indexer indexer = new Indexer(file);
      long size = channel.size();
      try (InputStream in = from(channel)) {
        LineScanner.scan(in, indexer);
      }
      return indexer.build(channel, size, indexer.sparse() ? null : fullIndex(file, channel));
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof RecordingException recording) {
        throw recording;
      }
      throw new RecordingException(file + ": cannot read the recording file: " + e.getMessage(), e);
    }
  }

  /** The variants this file holds recordings of. */
  Set<String> variants() {
    return variants;
  }

  int size() {
    return count;
  }

  /** The recording of {@code variant} for {@code key}, or null. */
  @Nullable Recording find(String variant, String key) {
    if (!variants.contains(variant)) {
      return null;
    }
    if (full != null) {
      long[] where = full.get(new RecordingLines.Id(variant, key));
      return where == null ? null : read(where[0], (int) where[1], where[2]);
    }
    long prefix = prefix(key);
    for (int i = firstAtLeast(prefix); i < count && prefixes[i] == prefix; i++) {
      long from = lineStart(i);
      int length = (int) (lineStart(i + 1) - from);
      byte[] bytes = readBytes(from, length);
      int end = lineEnd(bytes, 0, length);
      int line = i;
      int order = RecordingLines.compareKeyInPlace(bytes, 0, end, key);
      Recording recording = null;
      if (order == RecordingLines.NOT_IN_PLACE || order == 0) {
        // the line was checked when the file was opened: a parse error here means the file changed
        // since
        recording = RecordingLines.parse(bytes, 0, end, file, () -> lineNumber(line));
        order = recording.key().compareTo(key);
      }
      if (order >= 0) {
        return order == 0 ? recording : null;
      }
    }
    return null;
  }

  /**
   * The first eight characters of a key as an unsigned number ordered as the keys are: ASCII
   * characters as themselves, the first other character as 0x80 with nothing after it, and zeros
   * past the key's end. Equal keys have equal prefixes, and a key below another in {@link
   * String#compareTo} order never has the greater prefix, so a sorted file's prefixes are sorted
   * and the lines of one prefix are adjacent. Request hashes are hex (32 bits in eight characters):
   * in a file of 100,000 recordings about one pair of lines shares a prefix.
   */
  static long prefix(String key) {
    long prefix = 0;
    for (int i = 0; i < 8; i++) {
      int c = i < key.length() ? key.charAt(i) : 0;
      if (c >= 0x80) {
        return ((prefix << 8) | 0x80) << (8 * (7 - i));
      }
      prefix = (prefix << 8) | c;
    }
    return prefix;
  }

  /** The first line whose prefix is at least {@code prefix}, or {@link #count}. */
  private int firstAtLeast(long prefix) {
    int low = 0;
    int high = count;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (Long.compareUnsigned(prefixes[middle], prefix) < 0) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /**
   * Where line {@code i} (counting from 0) starts in the file; the file's size for {@code i ==
   * count}.
   */
  private long lineStart(int i) {
    return i == count ? size : offsets[i / STRIDE] + starts[i];
  }

  /**
   * Where the line starting at {@code start} ends: before its line break and any blank lines up to
   * {@code limit}.
   */
  private static int lineEnd(byte[] block, int start, int limit) {
    int end = limit;
    while (end > start
        && (block[end - 1] == '\n'
            || block[end - 1] == '\r'
            || block[end - 1] == ' '
            || block[end - 1] == '\t')) {
      end--;
    }
    return end;
  }

  /**
   * Line {@code i}'s number in the file, for messages: its block's first line's, plus the line
   * breaks before it.
   */
  private long lineNumber(int i) {
    int block = i / STRIDE;
    byte[] before = new byte[starts[i]];
    readFully(channel, ByteBuffer.wrap(before), offsets[block], file);
    long number = lines[block];
    for (byte b : before) {
      if (b == '\n') {
        number++;
      }
    }
    return number;
  }

  private Recording read(long offset, int length, long number) {
    return RecordingLines.parse(readBytes(offset, length), 0, length, file, number);
  }

  /** {@code length} bytes of the file from {@code offset}, at the start of this thread's buffer. */
  private byte[] readBytes(long offset, int length) {
    byte[] buffer = BUFFERS.get();
    if (buffer.length < length) {
      buffer = new byte[Math.max(length, buffer.length * 2)];
      BUFFERS.set(buffer);
    }
    readFully(channel, ByteBuffer.wrap(buffer, 0, length), offset, file);
    return buffer;
  }

  /**
   * Fills {@code target} from {@code offset} of the file; an early end of file is an error naming
   * it.
   */
  static void readFully(FileChannel channel, ByteBuffer target, long offset, Path file) {
    try {
      while (target.hasRemaining()) {
        if (channel.read(target, offset + target.position()) < 0) {
          throw new IOException(
              "the file ended early; was it changed while the run was reading it?");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          new IOException(file + ": cannot read recordings: " + e.getMessage(), e));
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing was written through this channel
    }
  }

  /** Checks every line and builds the sparse index; notes whether the file can use it. */
  private static final class Indexer implements LineScanner.LineConsumer {
    private final Path file;
    private final Set<String> variants = new HashSet<>();
    private long[] prefixes = new long[1024];
    private int blocks;
    private long[] offsets = new long[64];
    private long[] lines = new long[64];
    private int[] starts = new int[1024];
    private @Nullable String previous;
    private boolean sorted = true;
    private int count;

    Indexer(Path file) {
      this.file = file;
    }

    @Override
    public void line(byte[] bytes, int offset, int length, long position, long number) {
      RecordingLines.Id id = RecordingLines.check(bytes, offset, length, file, number);
      variants.add(id.variant());
      if (previous != null && id.key().compareTo(previous) <= 0) {
        sorted = false;
      }
      previous = id.key();
      if (count % STRIDE == 0) {
        if (blocks == offsets.length) {
          offsets = Arrays.copyOf(offsets, offsets.length * 2);
          lines = Arrays.copyOf(lines, lines.length * 2);
        }
        offsets[blocks] = position;
        lines[blocks] = number;
        blocks++;
      }
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, starts.length * 2);
        prefixes = Arrays.copyOf(prefixes, prefixes.length * 2);
      }
      prefixes[count] = prefix(id.key());
      long blockStart = offsets[blocks - 1];
      if (position - blockStart > Integer.MAX_VALUE) {
        throw new RecordingException(
            file + ":" + number + ": a block of " + STRIDE + " recordings is over 2 GB");
      }
      starts[count] = (int) (position - blockStart);
      count++;
    }

    boolean sparse() {
      return sorted && variants.size() <= 1;
    }

    RecordingFile build(
        FileChannel channel, long size, @Nullable Map<RecordingLines.Id, long[]> full) {
      return new RecordingFile(
          file,
          channel,
          size,
          Set.copyOf(variants),
          Arrays.copyOf(prefixes, count),
          Arrays.copyOf(offsets, blocks),
          Arrays.copyOf(lines, blocks),
          Arrays.copyOf(starts, count),
          full,
          count);
    }
  }

  /** The channel's bytes from the start, as a stream whose close leaves the channel open. */
  private static InputStream from(FileChannel channel) throws IOException {
    channel.position(0);
    return new FilterInputStream(Channels.newInputStream(channel)) {
      @Override
      public void close() {
        // the channel stays open for look-ups
      }
    };
  }

  /** Every line's place by variant and key, for a file out of key order; a later line wins. */
  private static Map<RecordingLines.Id, long[]> fullIndex(Path file, FileChannel channel)
      throws IOException {
    Map<RecordingLines.Id, long[]> full = new HashMap<>();
    try (InputStream in = from(channel)) {
      LineScanner.scan(
          in,
          (bytes, offset, length, position, number) ->
              full.put(
                  RecordingLines.id(bytes, offset, length, file, number),
                  new long[] {position, length, number}));
    }
    return full;
  }
}

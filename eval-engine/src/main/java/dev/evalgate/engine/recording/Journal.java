package dev.evalgate.engine.recording;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * This process's journal: new recordings appended the moment they arrive, and an index of where
 * each one is (a 64-bit hash of variant and key to its byte range, 20 bytes a recording) so the run
 * replays what it has just recorded without holding the recordings. A hash collision can only hide
 * a recording: a found line is checked against the variant and key asked for.
 */
final class Journal implements Closeable {
  private final Path file;
  private @Nullable FileChannel channel;
  private long size;
  private long[] hashes = new long[1024];
  private long[] offsets = new long[1024];
  private int[] lengths = new int[1024];
  private int count;
  private long lines;

  Journal(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  synchronized int size() {
    return count;
  }

  /**
   * Appends a recording; it is in the file (the operating system's, not yet the disk's) when this
   * returns.
   *
   * @return the 1-based line it was written to
   */
  synchronized long append(Recording recording) {
    byte[] json = RecordingLines.write(recording);
    ByteBuffer line = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
    try {
      if (channel == null) {
        Files.createDirectories(file.getParent());
        channel =
            FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        size = channel.size();
      }
      while (line.hasRemaining()) {
        channel.write(line, size + line.position());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          new IOException(
              "cannot write recording journal in " + file.getParent() + ": " + e.getMessage(), e));
    }
    index(hash(recording.variant(), recording.key()), size, json.length);
    size += json.length + 1;
    return ++lines;
  }

  /** The recording this process made for {@code variant} and {@code key}, or null. */
  synchronized @Nullable Recording find(String variant, String key) {
    if (count == 0) {
      return null;
    }
    long hash = hash(variant, key);
    int mask = hashes.length - 1;
    for (int i = (int) (hash & mask); hashes[i] != 0; i = (i + 1) & mask) {
      if (hashes[i] == hash) {
        Recording found = read(offsets[i], lengths[i]);
        return found.variant().equals(variant) && found.key().equals(key) ? found : null;
      }
    }
    return null;
  }

  private Recording read(long offset, int length) {
    ByteBuffer target = ByteBuffer.allocate(length);
    RecordingFile.readFully(opened(), target, offset, file);
    return RecordingLines.parse(target.array(), 0, length, file, () -> lineAt(offset));
  }

  /** The journal's channel; only what was appended is read, and the first append opens it. */
  private FileChannel opened() {
    FileChannel open = channel;
    if (open == null) {
      throw new IllegalStateException("nothing appended to " + file + " yet");
    }
    return open;
  }

  /** The line number at {@code offset}, counted from the start of the file: for a message only. */
  private long lineAt(long offset) {
    long line = 1;
    ByteBuffer block = ByteBuffer.allocate(1 << 16);
    for (long position = 0; position < offset; position += block.limit()) {
      block.clear().limit((int) Math.min(block.capacity(), offset - position));
      RecordingFile.readFully(opened(), block, position, file);
      for (int i = 0; i < block.limit(); i++) {
        if (block.get(i) == '\n') {
          line++;
        }
      }
    }
    return line;
  }

  private void index(long hash, long offset, int length) {
    if ((count + 1) * 2 > hashes.length) {
      grow();
    }
    if (put(hashes, offsets, lengths, hash, offset, length)) {
      count++;
    }
  }

  /** Returns true when the hash is new (a repeated recording replaces the older one). */
  private static boolean put(
      long[] hashes, long[] offsets, int[] lengths, long hash, long offset, int length) {
    int mask = hashes.length - 1;
    int i = (int) (hash & mask);
    while (hashes[i] != 0 && hashes[i] != hash) {
      i = (i + 1) & mask;
    }
    boolean added = hashes[i] == 0;
    hashes[i] = hash;
    offsets[i] = offset;
    lengths[i] = length;
    return added;
  }

  private void grow() {
    long[] newHashes = new long[hashes.length * 2];
    long[] newOffsets = new long[hashes.length * 2];
    int[] newLengths = new int[hashes.length * 2];
    for (int i = 0; i < hashes.length; i++) {
      if (hashes[i] != 0) {
        put(newHashes, newOffsets, newLengths, hashes[i], offsets[i], lengths[i]);
      }
    }
    hashes = newHashes;
    offsets = newOffsets;
    lengths = newLengths;
  }

  /** A well-mixed, never-zero 64-bit hash of variant and key (FNV-1a, then a finaliser). */
  static long hash(String variant, String key) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < variant.length(); i++) {
      h = (h ^ variant.charAt(i)) * 0x100000001b3L;
    }
    h = (h ^ 0xff) * 0x100000001b3L;
    for (int i = 0; i < key.length(); i++) {
      h = (h ^ key.charAt(i)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h == 0 ? 1 : h;
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }
}

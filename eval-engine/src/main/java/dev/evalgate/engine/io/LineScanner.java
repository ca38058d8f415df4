package dev.evalgate.engine.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a file's lines as byte ranges with their byte offset and line number, without decoding
 * them: the recording store finds keys and offsets in large files at the speed of the disk, and the
 * page copies its rows. Blank lines are skipped (but counted), a line break may be {@code \n} or
 * {@code \r\n}, and the last line needs none.
 *
 * <pre>{@code
 * try (LineScanner lines = new LineScanner(in)) {
 *   while (lines.next()) {
 *     use(lines.bytes(), lines.offset(), lines.length(), lines.number());
 *   }
 * }
 * }</pre>
 */
public final class LineScanner implements Closeable {
  /** Receives one line: {@code bytes[offset, offset + length)}, without its line break. */
  public interface LineConsumer {
    void line(byte[] bytes, int offset, int length, long position, long number) throws IOException;
  }

  private final InputStream in;
  private byte[] buffer = new byte[1 << 16];
  private int start;
  private int end;
  private long bufferPosition;
  private long number;
  private boolean eof;
  private int lineOffset;
  private int lineLength;
  private long linePosition;

  public LineScanner(InputStream in) {
    this.in = in;
  }

  /** Calls {@code consumer} for every line that is not blank; returns how many lines there were. */
  public static long scan(InputStream in, LineConsumer consumer) throws IOException {
    LineScanner lines = new LineScanner(in);
    while (lines.next()) {
      consumer.line(
          lines.bytes(), lines.offset(), lines.length(), lines.position(), lines.number());
    }
    return lines.number;
  }

  /** Moves to the next line that is not blank; false at the end of the input. */
  public boolean next() throws IOException {
    while (true) {
      int newline = Bytes.newline(buffer, start, end);
      if (newline >= 0) {
        number++;
        boolean found = take(start, newline);
        start = newline + 1;
        if (found) {
          return true;
        }
        continue;
      }
      if (eof) {
        if (end > start) {
          number++;
          boolean found = take(start, end);
          start = end;
          return found;
        }
        return false;
      }
      if (start > 0) {
        System.arraycopy(buffer, start, buffer, 0, end - start);
        bufferPosition += start;
        end -= start;
        start = 0;
      }
      if (end == buffer.length) {
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
      int read = in.read(buffer, end, buffer.length - end);
      if (read < 0) {
        eof = true;
      } else {
        end += read;
      }
    }
  }

  private boolean take(int from, int to) {
    int stop = to > from && buffer[to - 1] == '\r' ? to - 1 : to;
    if (Bytes.blank(buffer, from, stop)) {
      return false;
    }
    lineOffset = from;
    lineLength = stop - from;
    linePosition = bufferPosition + from;
    return true;
  }

  /** The buffer holding the current line; valid until the next call to {@link #next()}. */
  public byte[] bytes() {
    return buffer;
  }

  public int offset() {
    return lineOffset;
  }

  public int length() {
    return lineLength;
  }

  /** The current line's byte offset in the input. */
  public long position() {
    return linePosition;
  }

  /** The current line's number, from 1, blank lines counted. */
  public long number() {
    return number;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

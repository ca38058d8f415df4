package dev.evalgate.engine.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalgate.engine.io.JsonErrors;
import java.io.IOException;
import java.io.Reader;
import org.jspecify.annotations.Nullable;

/**
 * One JSON object per line; blank lines are skipped. A line longer than {@link #MAX_LINE_CHARS} is
 * reported and skipped without being held in memory.
 */
final class JsonlRowSource implements RowSource {
  /**
   * The longest line read: the JSON parser reads no longer string (Jackson's default maximum), and
   * holding a longer line would take more memory than a test JVM may have.
   */
  static final int MAX_LINE_CHARS = StreamReadConstraints.DEFAULT_MAX_STRING_LEN;

  private final Reader reader;
  private final ObjectMapper mapper;
  private final int maxLineChars;
  private final char[] buffer = new char[1 << 16];
  private final StringBuilder pending = new StringBuilder();
  private int position;
  private int limit;
  private boolean afterCarriageReturn;

  /** The length of the last line read when it was too long to keep, else -1. */
  private long skippedLength = -1;

  private long line;

  JsonlRowSource(Reader reader, ObjectMapper mapper) {
    this(reader, mapper, MAX_LINE_CHARS);
  }

  JsonlRowSource(Reader reader, ObjectMapper mapper, int maxLineChars) {
    this.reader = reader;
    this.mapper = mapper;
    this.maxLineChars = maxLineChars;
  }

  @Override
  public @Nullable Row next() throws IOException {
    String text;
    while ((text = readLine()) != null) {
      line++;
      if (skippedLength >= 0) {
        return new Row(
            line,
            null,
            String.format(
                "the line holds %,d characters, more than the %,d a row may hold;"
                    + " expected one JSON object per line (the row is skipped)",
                skippedLength, maxLineChars));
      }
      if (text.isBlank()) {
        continue;
      }
      try {
        JsonNode node = mapper.readTree(text);
        if (node instanceof ObjectNode object) {
          return new Row(line, object, null);
        }
        return new Row(line, null, "expected a JSON object, but the line holds " + describe(node));
      } catch (JsonProcessingException e) {
        return new Row(
            line,
            null,
            JsonErrors.overLimit(e)
                ? JsonErrors.limitProblem(e) + " (the row is skipped)"
                : "invalid JSON"
                    + (e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr())
                    + " ("
                    + JsonErrors.brief(e)
                    + "); expected one JSON object per line");
      }
    }
    return null;
  }

  /**
   * The next line without its terminator ({@code \n}, {@code \r} or {@code \r\n}, as {@link
   * java.io.BufferedReader#readLine()} ends lines), or null at the end of the input. A line longer
   * than the maximum is read to its end but not kept: then {@link #skippedLength} is its length and
   * the empty string is returned.
   */
  private @Nullable String readLine() throws IOException {
    pending.setLength(0);
    skippedLength = -1;
    long length = 0;
    boolean any = false;
    while (true) {
      if (position == limit) {
        limit = reader.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return any ? finish(length) : null;
        }
      }
      if (afterCarriageReturn) {
        afterCarriageReturn = false;
        if (buffer[position] == '\n') {
          position++;
          continue;
        }
      }
      any = true;
      int start = position;
      while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
        position++;
      }
      int run = position - start;
      if (length + run <= maxLineChars) {
        pending.append(buffer, start, run);
      }
      length += run;
      if (position < limit) {
        afterCarriageReturn = buffer[position] == '\r';
        position++;
        return finish(length);
      }
    }
  }

  private String finish(long length) {
    if (length > maxLineChars) {
      skippedLength = length;
      pending.setLength(0);
      return "";
    }
    return pending.toString();
  }

  private static String describe(JsonNode node) {
    if (node.isArray()) {
      return "an array";
    }
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}

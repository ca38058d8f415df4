package dev.evalgate.engine.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.engine.run.CaseResult;
import dev.evalgate.engine.run.VariantOutcome;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code results.jsonl} file ({@code evalgate-results/v1}) case by case: a case's lines are
 * consecutive, and files list their cases in dataset order (a sample, limit or shard keeps that
 * order). The one reader of results files for merging shards ({@link ShardMerger}), comparing with a
 * champion ({@link ChampionComparison}), baseline mode and choosing a large page's cases
 * ({@link Html}).
 *
 * <p>The file is read as bytes through one buffer and each line is parsed with a streaming
 * {@link JsonParser} straight into the case's outcomes; prompts are skipped unread, and with
 * {@link #outcomesOnly} outputs, reasons and details too. Memory holds one case (and the buffer),
 * never the whole file. The current case's lines can be copied out byte for byte
 * ({@link #copyCase}), so a merged file is the bytes the runs wrote.
 *
 * <p>Sequential use: {@code while (cursor.next()) use(cursor.current());}. Look-ups by dataset line
 * ({@link #seek}) walk forward; a look-up behind the previous one starts again from the top.
 *
 * <p>A line that is not a results line fails with an {@link IOException} naming the file, the
 * line number and what was expected. Blank lines are skipped; a line may end in {@code \r\n}.
 */
public final class ResultsCursor implements Closeable {
  private static final JsonFactory JSON = new JsonFactory();
  private static final int BUFFER = 1 << 20;
  private static final String EXPECTED = "one JSON object per line (evalgate-results/v1)";

  private final Path results;
  private final boolean texts;
  private @Nullable InputStream in;
  private byte[] buffer = new byte[BUFFER];
  /** File offset of {@code buffer[0]}. */
  private long base;
  /** Buffer index of the next unread byte, and of the end of the data read. */
  private int position;
  private int limit;
  private boolean eof;
  /** File line number of the last line read (1-based). */
  private long lineNumber;
  /** The first line of the next case, read ahead. */
  private @Nullable Row pending;
  private final List<Row> rows = new ArrayList<>();
  private @Nullable CaseResult current;
  /** File offsets of the current case's first byte and of the byte after its last line's end. */
  private long caseStart;
  private long caseEnd;
  /** True when the current case's bytes are its lines, each ending in a bare {@code \n}. */
  private boolean clean;
  private long lastSeek = Long.MIN_VALUE;

  /**
   * Opens a results file for cases with every field but the prompt.
   *
   * @throws IOException when the file is missing or unreadable, or its first line is not a results line
   */
  public ResultsCursor(Path results) throws IOException {
    this(results, true);
  }

  private ResultsCursor(Path results, boolean texts) throws IOException {
    if (!Files.isRegularFile(results)) {
      throw new IOException(results + ": missing; expected the per-case results beside the report");
    }
    this.results = results;
    this.texts = texts;
    restart();
  }

  /**
   * A cursor that decodes case ids, lines, variants, repeats, errors and check names and outcomes
   * only: outputs are empty, check reasons empty and details absent. For choosing cases, not for
   * metrics.
   */
  static ResultsCursor outcomesOnly(Path results) throws IOException {
    return new ResultsCursor(results, false);
  }

  private void restart() throws IOException {
    close();
    in = Files.newInputStream(results);
    base = 0;
    position = 0;
    limit = 0;
    eof = false;
    lineNumber = 0;
    rows.clear();
    current = null;
    caseStart = 0;
    caseEnd = 0;
    pending = readRow(0);
  }

  /**
   * Moves to the next case.
   *
   * @return false at the end of the file
   * @throws IOException naming the file and line when a line is not a results line
   */
  public boolean next() throws IOException {
    rows.clear();
    Row first = pending;
    if (first == null) {
      current = null;
      return false;
    }
    caseStart = first.start;
    rows.add(first);
    boolean isClean = first.clean;
    Row last = first;
    Row next;
    while (true) {
      next = readRow(caseStart);
      if (next == null || !next.caseId.equals(first.caseId)) {
        break;
      }
      isClean &= next.clean && next.start == last.end;
      rows.add(next);
      last = next;
    }
    pending = next;
    caseEnd = last.end;
    clean = isClean;
    List<VariantOutcome> outcomes = new ArrayList<>(rows.size());
    for (Row row : rows) {
      outcomes.add(row.outcome);
    }
    current = new CaseResult(new EvalCase(first.caseId, Map.of(), List.of(), null, List.of(), List.of(), null, last.line), Map.of(),
        outcomes);
    return true;
  }

  /** The current case ({@code null} before the first {@link #next} and at the end). */
  public @Nullable CaseResult current() {
    return current;
  }

  /** The current case's lines as read (package use: the page's case choice). */
  List<Row> rows() {
    return rows;
  }

  /** Dataset line of the next case, or -1 at the end; valid after {@link #next}. */
  long nextLine() {
    return pending == null ? -1 : pending.line;
  }

  /** File offset of the current case's first line. */
  long caseStart() {
    return caseStart;
  }

  /** File offset just after the current case's last line (and its line break). */
  long caseEnd() {
    return caseEnd;
  }

  /**
   * Writes the current case's lines, each ending in {@code \n}: the file's own bytes, in one piece
   * when the case's lines are consecutive and end in a bare {@code \n} (what {@link ResultsWriter}
   * writes).
   *
   * @return the number of bytes written
   */
  public long copyCase(OutputStream out) throws IOException {
    int from = (int) (caseStart - base);
    int to = (int) (caseEnd - base);
    if (clean) {
      out.write(buffer, from, to - from);
      return to - from;
    }
    long written = 0;
    int start = from;
    while (start < to) {
      int end = start;
      while (end < to && buffer[end] != '\n') {
        end++;
      }
      int content = end > start && buffer[end - 1] == '\r' ? end - 1 : end;
      if (!blank(start, content)) {
        out.write(buffer, start, content - start);
        out.write('\n');
        written += content - start + 1;
      }
      start = end + 1;
    }
    return written;
  }

  /**
   * The stored case with this dataset line and id, or {@code null} when the file has none.
   *
   * @param line the case's dataset line
   * @param caseId the case's id
   */
  public synchronized @Nullable CaseResult seek(long line, String caseId) throws IOException {
    if (line < lastSeek) {
      restart();
    }
    lastSeek = line;
    if (current == null && pending != null) {
      next();
    }
    while (current != null && (current.evalCase().line() < line
        || (current.evalCase().line() == line && !current.caseId().equals(caseId)))) {
      next();
    }
    return current != null && current.evalCase().line() == line && current.caseId().equals(caseId) ? current : null;
  }

  /** {@link #seek} for callers that cannot throw {@link IOException}. */
  public @Nullable CaseResult seekUnchecked(long line, String caseId) {
    try {
      return seek(line, caseId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (in != null) {
      in.close();
      in = null;
    }
  }

  /** One results line. */
  static final class Row {
    final String caseId;
    final long line;
    final VariantOutcome outcome;
    /** The line's {@code passed} field. */
    final boolean passed;
    /** File offsets of the line's first byte and of the byte after its line break (or the file's end). */
    final long start;
    final long end;
    /** The line ends in a bare {@code \n}. */
    final boolean clean;

    Row(String caseId, long line, VariantOutcome outcome, boolean passed, long start, long end, boolean clean) {
      this.caseId = caseId;
      this.line = line;
      this.outcome = outcome;
      this.passed = passed;
      this.start = start;
      this.end = end;
      this.clean = clean;
    }
  }

  /** The next non-blank line parsed, or {@code null} at the end; keeps buffered bytes from file offset {@code keep}. */
  private @Nullable Row readRow(long keep) throws IOException {
    while (true) {
      int newline = findNewline(keep);
      if (newline < 0 && position == limit) {
        return null;
      }
      int start = position;
      int end = newline < 0 ? limit : newline;
      int content = end > start && buffer[end - 1] == '\r' ? end - 1 : end;
      position = newline < 0 ? limit : newline + 1;
      lineNumber++;
      if (blank(start, content)) {
        continue;
      }
      return parse(buffer, start, content - start, base + start, base + position, newline >= 0 && content == end);
    }
  }

  /** Index of the next '\n' at or after {@link #position}, reading more when needed; -1 when the file ends first. */
  private int findNewline(long keep) throws IOException {
    int from = position;
    while (true) {
      for (int i = from; i < limit; i++) {
        if (buffer[i] == '\n') {
          return i;
        }
      }
      if (eof) {
        return -1;
      }
      from = limit;
      int shift = (int) (Math.min(keep, base + position) - base);
      if (shift > 0) {
        System.arraycopy(buffer, shift, buffer, 0, limit - shift);
        base += shift;
        position -= shift;
        limit -= shift;
        from -= shift;
      } else if (limit == buffer.length) {
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
      int read = in.read(buffer, limit, buffer.length - limit);
      if (read < 0) {
        eof = true;
      } else {
        limit += read;
      }
    }
  }

  private boolean blank(int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = buffer[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private Row parse(byte[] bytes, int offset, int length, long start, long end, boolean clean) throws IOException {
    try (JsonParser parser = JSON.createParser(bytes, offset, length)) {
      try {
        return parse(parser, start, end, clean);
      } catch (StreamReadException e) {
        throw malformed("malformed JSON at column " + e.getLocation().getColumnNr(), EXPECTED, e);
      }
    }
  }

  private Row parse(JsonParser parser, long start, long end, boolean clean) throws IOException {
    JsonToken token = parser.nextToken();
    if (token != JsonToken.START_OBJECT) {
      throw malformed("found " + describe(token, parser) + " where a results line starts", EXPECTED, null);
    }
    String caseId = null;
    long line = 0;
    boolean hasLine = false;
    String variant = "";
    int repeat = 0;
    long tokensIn = 0;
    long tokensOut = 0;
    boolean estimated = false;
    Double cost = null;
    double latencyMs = 0;
    Long ttfbMs = null;
    String finishReason = null;
    String errorClass = null;
    String error = "";
    boolean recorded = false;
    String output = "";
    boolean passed = false;
    List<CheckResult> checks = List.of();
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      token = parser.nextToken();
      switch (field) {
        case "case_id" -> caseId = token == JsonToken.VALUE_NULL || token.isStructStart() ? null : parser.getText();
        case "line" -> {
          hasLine = token.isNumeric();
          line = parser.getValueAsLong();
        }
        case "variant" -> variant = text(parser, token, "");
        case "repeat" -> repeat = parser.getValueAsInt();
        case "tokens_in" -> tokensIn = parser.getValueAsLong();
        case "tokens_out" -> tokensOut = parser.getValueAsLong();
        case "tokens_estimated" -> estimated = parser.getValueAsBoolean();
        case "cost_usd" -> cost = token == JsonToken.VALUE_NULL ? null : parser.getValueAsDouble();
        case "latency_ms" -> latencyMs = parser.getValueAsDouble();
        case "ttfb_ms" -> ttfbMs = token == JsonToken.VALUE_NULL ? null : parser.getValueAsLong();
        case "finish_reason" -> finishReason = token == JsonToken.VALUE_NULL ? null : text(parser, token, "");
        case "error_class" -> errorClass = token == JsonToken.VALUE_NULL ? null : text(parser, token, "");
        case "error" -> error = texts && token != JsonToken.VALUE_NULL ? text(parser, token, "") : skip(parser, "");
        case "recorded" -> recorded = parser.getValueAsBoolean();
        case "output" -> output = texts && token != JsonToken.VALUE_NULL ? text(parser, token, "") : skip(parser, "");
        case "passed" -> passed = parser.getValueAsBoolean();
        case "checks" -> checks = checks(parser, token);
        default -> parser.skipChildren();
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw malformed("found " + describe(token, parser) + " where a field name belongs", EXPECTED, null);
    }
    if (parser.nextToken() != null) {
      throw malformed("more after the JSON object at column " + parser.currentTokenLocation().getColumnNr(), EXPECTED, null);
    }
    if (caseId == null || !hasLine) {
      throw malformed(caseId == null ? "no case_id" : "no dataset line", "\"case_id\" (a string) and \"line\" (a number) in every results line",
          null);
    }
    Duration latency = Duration.ofNanos(Math.round(latencyMs * 1e6));
    ModelResponse response = errorClass != null
        ? ModelResponse.failure(ErrorClass.fromId(errorClass), error, latency, 0)
        : new ModelResponse(output, finishReason, new TokenUsage(tokensIn, tokensOut, estimated), latency,
            ttfbMs == null ? null : Duration.ofMillis(ttfbMs), 200, null, null, null, recorded);
    return new Row(caseId, line, new VariantOutcome(variant, repeat, response, cost, checks), passed, start, end, clean);
  }

  private List<CheckResult> checks(JsonParser parser, JsonToken token) throws IOException {
    if (token != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return List.of();
    }
    List<CheckResult> checks = new ArrayList<>(4);
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token != JsonToken.START_OBJECT) {
        parser.skipChildren();
        continue;
      }
      String name = "";
      String family = "";
      boolean passed = false;
      Double score = null;
      String reason = "";
      Map<String, String> details = texts ? new HashMap<>(4) : Map.of();
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        token = parser.nextToken();
        switch (field) {
          case "name" -> name = text(parser, token, "");
          case "family" -> family = texts ? text(parser, token, "") : skip(parser, "");
          case "passed" -> passed = parser.getValueAsBoolean();
          case "score" -> score = texts && token != JsonToken.VALUE_NULL ? (Double) parser.getValueAsDouble() : skipScore(parser);
          case "reason" -> reason = texts ? text(parser, token, "") : skip(parser, "");
          case "details" -> {
            if (texts && token == JsonToken.START_OBJECT) {
              while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                details.put(key, text(parser, parser.nextToken(), ""));
              }
            } else {
              parser.skipChildren();
            }
          }
          default -> parser.skipChildren();
        }
      }
      if (texts) {
        details.put(CheckResult.DETAIL_FAMILY, family);
      }
      checks.add(new CheckResult(name, passed, score, reason, details));
    }
    return checks;
  }

  private static @Nullable Double skipScore(JsonParser parser) throws IOException {
    parser.skipChildren();
    return null;
  }

  private static String skip(JsonParser parser, String value) throws IOException {
    parser.skipChildren();
    return value;
  }

  /** A scalar's text; objects and arrays are skipped and give {@code absent}. */
  private static String text(JsonParser parser, JsonToken token, String absent) throws IOException {
    if (token.isStructStart()) {
      parser.skipChildren();
      return absent;
    }
    return token == JsonToken.VALUE_NULL ? "null" : parser.getText();
  }

  private static String describe(@Nullable JsonToken token, JsonParser parser) throws IOException {
    if (token == null) {
      return "the end of the line";
    }
    return switch (token) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + parser.getText();
      case VALUE_TRUE, VALUE_FALSE -> "the boolean " + parser.getText();
      case VALUE_NULL -> "null";
      default -> "'" + parser.getText() + "'";
    };
  }

  private IOException malformed(String problem, String expected, @Nullable Exception cause) {
    return new IOException(results + " line " + lineNumber + ": " + problem + "; expected " + expected, cause);
  }

  /** One case rebuilt from its {@code results.jsonl} lines (for tests and tools; files are read with a cursor). */
  static CaseResult caseResult(List<String> lines) throws IOException {
    Path none = Path.of("(lines)");
    List<VariantOutcome> outcomes = new ArrayList<>();
    String caseId = null;
    long line = 0;
    ResultsCursor parser = new ResultsCursor(none, true, false);
    for (String text : lines) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      parser.lineNumber++;
      Row row = parser.parse(bytes, 0, bytes.length, 0, bytes.length, true);
      caseId = row.caseId;
      line = row.line;
      outcomes.add(row.outcome);
    }
    return new CaseResult(new EvalCase(caseId, Map.of(), List.of(), null, List.of(), List.of(), null, line), Map.of(), outcomes);
  }

  private ResultsCursor(Path results, boolean texts, boolean open) {
    this.results = results;
    this.texts = texts;
  }
}

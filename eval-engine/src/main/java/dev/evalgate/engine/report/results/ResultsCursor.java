package dev.evalgate.engine.report.results;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.evalgate.api.CallStep;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.api.ToolCall;
import dev.evalgate.engine.concurrent.EngineThreads;
import dev.evalgate.engine.io.Bytes;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.VariantOutcome;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code results.jsonl} file ({@code evalgate-results/v1}) case by case: a case's lines are
 * consecutive, and files list their cases in dataset order (a sample, limit or shard keeps that
 * order). The one reader of results files: merging shards, comparing with a champion, baseline
 * mode, and the page rebuilt from a results file (its case choice and its rows) all read through
 * it. Each reads only the fields it needs ({@link Reading}); what is not read is skipped undecoded.
 *
 * <p>The file is read as bytes in chunks of whole lines; each chunk is parsed on a parser thread
 * (at most two, shared) while the caller uses the previous ones, each line with a streaming {@link
 * JsonParser} straight into the case's outcomes, prompts skipped unread and field names matched by
 * their bytes in the writer's order. Memory holds one case and the chunks read ahead, never the
 * whole file. The current case's lines can be copied out byte for byte ({@link #copyCase}), so a
 * merged file is the bytes the runs wrote.
 *
 * <p>Sequential use: {@code while (cursor.next()) use(cursor.current());}. Look-ups by dataset line
 * ({@link #seek}) walk forward; a look-up behind the previous one starts again from the top.
 *
 * <p>A line that is not a results line fails with an {@link IOException} naming the file, the line
 * number and what was expected. Blank lines are skipped; a line may end in {@code \r\n}.
 */
public final class ResultsCursor implements Closeable {
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

  /**
   * Bytes read at a time; each chunk of whole lines is parsed on a parser thread while the caller
   * uses the previous ones.
   */
  private static final int CHUNK = 1 << 18;

  /** Chunks read ahead. */
  private static final int DEPTH = 4;

  private static final ExecutorService PARSERS = parsers();
  private static final String EXPECTED = "one JSON object per line (evalgate-results/v1)";

  private final Path results;
  private @Nullable InputStream in;
  private boolean eof;

  /** The start of a line not yet ended when the last chunk was cut, and its length. */
  private byte[] carry = new byte[0];

  private int carried;

  /** File offset of the next chunk's first byte. */
  private long readOffset;

  private final ArrayDeque<Future<Chunk>> pipeline = new ArrayDeque<>();
  private @Nullable Chunk chunk;
  private int rowIndex;

  /** File lines before the current chunk. */
  private long linesBefore;

  /** The first line of the next case, read ahead. */
  private @Nullable Row pending;

  private final List<Row> rows = new ArrayList<>();
  private @Nullable CaseResult current;
  private long lastSeek = Long.MIN_VALUE;
  private final Reading reading;

  /** Which fields of a line are read; the others are skipped without being decoded. */
  public enum Reading {
    /**
     * Ids, dataset lines, variants, repeats, errors and checks: what the page's case choice needs.
     */
    CHECKS,
    /** Every field but the prompt and the case's fields: what merges and comparisons need. */
    ANSWERS,
    /** Every field: what the page's rows need. */
    EVERYTHING
  }

  /**
   * Opens a results file for cases with every field but the prompt and the case's fields.
   *
   * @throws IOException when the file is missing or unreadable, or its first line is not a results
   *     line
   */
  public ResultsCursor(Path results) throws IOException {
    this(results, Reading.ANSWERS);
  }

  /** Opens a results file for cases with the fields {@code reading} names. */
  public ResultsCursor(Path results, Reading reading) throws IOException {
    if (!Files.isRegularFile(results)) {
      throw new IOException(results + ": missing; expected the per-case results beside the report");
    }
    this.results = results;
    this.reading = reading;
    restart();
  }

  private void restart() throws IOException {
    close();
    in = Files.newInputStream(results);
    eof = false;
    carried = 0;
    readOffset = 0;
    chunk = null;
    rowIndex = 0;
    linesBefore = 0;
    rows.clear();
    current = null;
    pending = nextRow();
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
    rows.add(first);
    Row next;
    while ((next = nextRow()) != null && next.caseId.equals(first.caseId)) {
      rows.add(next);
    }
    pending = next;
    List<VariantOutcome> outcomes = new ArrayList<>(rows.size());
    for (Row row : rows) {
      outcomes.add(row.outcome);
    }
    current =
        new CaseResult(
            EvalCase.builder(first.caseId)
                .line(rows.get(rows.size() - 1).line)
                .labels(first.labels)
                .slices(first.slices)
                .cluster(first.cluster)
                .build(),
            Map.of(),
            outcomes);
    return true;
  }

  /** The current case ({@code null} before the first {@link #next} and at the end). */
  public @Nullable CaseResult current() {
    return current;
  }

  /** The current case's lines as read. */
  public List<Row> rows() {
    return rows;
  }

  /** File offset of the current case's first line. */
  public long caseStart() {
    return rows.get(0).fileStart();
  }

  /** File offset just after the current case's last line (and its line break). */
  public long caseEnd() {
    return rows.get(rows.size() - 1).fileEnd();
  }

  /**
   * Writes the current case's lines, each ending in {@code \n}: the file's own bytes, in one piece
   * where lines are consecutive and end in a bare {@code \n} (what {@link ResultsWriter} writes).
   *
   * @return the number of bytes written
   */
  public long copyCase(OutputStream out) throws IOException {
    long written = 0;
    int i = 0;
    while (i < rows.size()) {
      Row row = rows.get(i++);
      if (!row.clean) {
        out.write(row.bytes, row.from, row.content - row.from);
        out.write('\n');
        written += row.content - row.from + 1;
        continue;
      }
      int to = row.end;
      while (i < rows.size()
          && rows.get(i).clean
          && rows.get(i).bytes == row.bytes
          && rows.get(i).from == to) {
        to = rows.get(i++).end;
      }
      out.write(row.bytes, row.from, to - row.from);
      written += to - row.from;
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
    while (current != null
        && (current.evalCase().line() < line
            || (current.evalCase().line() == line && !current.caseId().equals(caseId)))) {
      next();
    }
    return current != null && current.evalCase().line() == line && current.caseId().equals(caseId)
        ? current
        : null;
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
    pipeline.forEach(f -> f.cancel(false));
    pipeline.clear();
    if (in != null) {
      in.close();
      in = null;
    }
  }

  /** One results line: what was parsed, and where its bytes are. */
  public static final class Row {
    public final String caseId;
    public final long line;
    public final VariantOutcome outcome;

    /** The line's {@code passed} field. */
    public final boolean passed;

    /**
     * The prompt as written ({@link ResultsWriter#promptText}); empty unless {@link
     * Reading#EVERYTHING} is read.
     */
    public final String prompt;

    /** The case's fields that checks read; null when the line has none or they are not read. */
    public final @Nullable CaseFields fields;

    /** The case's labels (check name to the outcome people expect); empty when it has none. */
    public final Map<String, CheckResult.Outcome> labels;

    /** The case's slice values (field to text); empty when it has none. */
    public final Map<String, String> slices;

    /** The case's cluster, {@code null} when it has none. */
    public final @Nullable String cluster;

    /**
     * The chunk holding the line, the line's first byte, the end of its JSON text, and the byte
     * after its line break.
     */
    final byte[] bytes;

    final int from;
    final int content;
    final int end;

    /** File offset of {@code bytes[0]}. */
    final long base;

    /** The line ends in a bare {@code \n}. */
    final boolean clean;

    Row(Parsed parsed, byte[] bytes, int from, int content, int end, long base, boolean clean) {
      this.caseId = parsed.caseId;
      this.line = parsed.line;
      this.outcome = parsed.outcome;
      this.passed = parsed.passed;
      this.prompt = parsed.prompt;
      this.fields = parsed.fields;
      this.labels = parsed.labels;
      this.slices = parsed.slices;
      this.cluster = parsed.cluster;
      this.bytes = bytes;
      this.from = from;
      this.content = content;
      this.end = end;
      this.base = base;
      this.clean = clean;
    }

    long fileStart() {
      return base + from;
    }

    long fileEnd() {
      return base + end;
    }
  }

  private record Parsed(
      String caseId,
      long line,
      VariantOutcome outcome,
      boolean passed,
      String prompt,
      @Nullable CaseFields fields,
      Map<String, CheckResult.Outcome> labels,
      Map<String, String> slices,
      @Nullable String cluster) {}

  /** The parsed lines of a chunk, up to the first line that is not a results line. */
  private static final class Chunk {
    final List<Row> rows = new ArrayList<>();

    /** Lines in the chunk, blank ones included. */
    int lines;

    /** Why line {@link #lines} (1-based, in the chunk) is not a results line. */
    @Nullable Malformed error;
  }

  /** A line that is not a results line; the cursor adds the file and line. */
  private static final class Malformed extends IOException {
    final String expected;

    Malformed(String problem, String expected, @Nullable Throwable cause) {
      super(problem, cause);
      this.expected = expected;
    }
  }

  private static ExecutorService parsers() {
    // process-wide: readers outside a run (merges, baselines, page rebuilds) use it too; idle
    // threads end
    return EngineThreads.elasticUnnumbered(
        "results-parser", Math.min(2, EngineThreads.cores()), Duration.ofSeconds(10));
  }

  /** The next non-blank line, or {@code null} at the end. */
  private @Nullable Row nextRow() throws IOException {
    while (true) {
      if (chunk != null) {
        if (rowIndex < chunk.rows.size()) {
          return chunk.rows.get(rowIndex++);
        }
        if (chunk.error != null) {
          Malformed error = chunk.error;
          throw new IOException(
              results
                  + " line "
                  + (linesBefore + chunk.lines)
                  + ": "
                  + error.getMessage()
                  + "; expected "
                  + error.expected,
              error.getCause());
        }
        linesBefore += chunk.lines;
        chunk = null;
      }
      while (pipeline.size() < DEPTH) {
        Future<Chunk> next = readChunk();
        if (next == null) {
          break;
        }
        pipeline.add(next);
      }
      Future<Chunk> next = pipeline.poll();
      if (next == null) {
        return null;
      }
      try {
        chunk = next.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading " + results);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IOException(e.getCause());
      }
      rowIndex = 0;
    }
  }

  /**
   * Reads the next chunk of whole lines and hands it to a parser thread; {@code null} at the end of
   * the file.
   */
  private @Nullable Future<Chunk> readChunk() throws IOException {
    if (eof && carried == 0) {
      return null;
    }
    InputStream input = in;
    if (input == null) {
      throw new IOException(results + ": the cursor is closed");
    }
    byte[] bytes = new byte[Math.max(CHUNK, carried * 2)];
    System.arraycopy(carry, 0, bytes, 0, carried);
    int length = carried;
    int cut;
    while (true) {
      while (length < bytes.length && !eof) {
        int read = input.read(bytes, length, bytes.length - length);
        if (read < 0) {
          eof = true;
        } else {
          length += read;
        }
      }
      cut = eof ? length : lastNewline(bytes, length) + 1;
      if (cut > 0 || eof) {
        break;
      }
      bytes = Arrays.copyOf(bytes, bytes.length * 2); // a line longer than a chunk
    }
    carried = length - cut;
    if (carry.length < carried) {
      carry = new byte[Math.max(carried, CHUNK)];
    }
    System.arraycopy(bytes, cut, carry, 0, carried);
    if (cut == 0) {
      return null;
    }
    long base = readOffset;
    readOffset += cut;
    byte[] data = bytes;
    int size = cut;
    Reading fields = reading;
    return PARSERS.submit(() -> parseChunk(data, size, base, fields));
  }

  private static int lastNewline(byte[] bytes, int length) {
    for (int i = length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static Chunk parseChunk(byte[] bytes, int size, long base, Reading reading) {
    Chunk chunk = new Chunk();
    int start = 0;
    while (start < size) {
      int newline = Bytes.newline(bytes, start, size);
      int end = newline < 0 ? size : newline + 1;
      int content = newline < 0 ? size : newline;
      if (content > start && bytes[content - 1] == '\r') {
        content--;
      }
      chunk.lines++;
      if (!Bytes.blank(bytes, start, content)) {
        try {
          chunk.rows.add(
              new Row(
                  parse(bytes, start, content - start, reading),
                  bytes,
                  start,
                  content,
                  end,
                  base,
                  newline >= 0 && content == newline));
        } catch (Malformed e) {
          chunk.error = e;
          return chunk;
        } catch (IOException | RuntimeException e) {
          chunk.error =
              new Malformed(
                  String.valueOf(e.getMessage()), "a results line (evalgate-results/v1)", e);
          return chunk;
        }
      }
      start = end;
    }
    return chunk;
  }

  private static Parsed parse(byte[] bytes, int offset, int length, Reading reading)
      throws IOException {
    try (JsonParser parser = JSON.createParser(bytes, offset, length)) {
      try {
        return parse(parser, reading);
      } catch (StreamReadException e) {
        throw new Malformed(
            "malformed JSON at column " + e.getLocation().getColumnNr(), EXPECTED, e);
      }
    }
  }

  private static Parsed parse(JsonParser parser, Reading reading) throws IOException {
    JsonToken token = parser.nextToken();
    if (token != JsonToken.START_OBJECT) {
      throw new Malformed(
          "found " + describe(token, parser) + " where a results line starts", EXPECTED, null);
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
    Double callMs = null;
    Long ttfbMs = null;
    Double firstTokenMs = null;
    List<ToolCall> toolCalls = List.of();
    List<CallStep> steps = List.of();
    int attempts = 0;
    List<String> retriedErrors = List.of();
    String finishReason = null;
    String errorClass = null;
    String error = "";
    boolean recorded = false;
    String output = "";
    boolean passed = false;
    List<CheckResult> checks = List.of();
    String prompt = "";
    CaseFields fields = null;
    Map<String, CheckResult.Outcome> labels = Map.of();
    Map<String, String> slices = Map.of();
    String cluster = null;
    boolean answers = reading != Reading.CHECKS;
    boolean everything = reading == Reading.EVERYTHING;
    int expected = 0;
    while (true) {
      if (!ResultsFields.next(parser, ResultsFields.LINE, expected)) {
        break;
      }
      String field = parser.currentName();
      expected = ResultsFields.after(ResultsFields.LINE, field, expected);
      token = parser.nextToken();
      switch (field) {
        case ResultsFields.CASE_ID ->
            caseId =
                token == JsonToken.VALUE_NULL || token.isStructStart() ? null : parser.getText();
        case ResultsFields.DATASET_LINE -> {
          hasLine = token.isNumeric();
          line = parser.getValueAsLong();
        }
        case ResultsFields.VARIANT -> variant = text(parser, token, "");
        case ResultsFields.REPEAT -> repeat = parser.getValueAsInt();
        case ResultsFields.TOKENS_IN -> tokensIn = parser.getValueAsLong();
        case ResultsFields.TOKENS_OUT -> tokensOut = parser.getValueAsLong();
        case ResultsFields.TOKENS_ESTIMATED -> estimated = parser.getValueAsBoolean();
        case ResultsFields.COST_USD ->
            cost = token == JsonToken.VALUE_NULL ? null : parser.getValueAsDouble();
        case ResultsFields.LATENCY_MS -> latencyMs = parser.getValueAsDouble();
        case ResultsFields.CALL_MS ->
            callMs = token == JsonToken.VALUE_NULL ? null : parser.getValueAsDouble();
        case ResultsFields.ATTEMPTS -> attempts = Math.max(0, parser.getValueAsInt());
        case ResultsFields.RETRIED_ERRORS -> retriedErrors = strings(parser, token, answers);
        case ResultsFields.TTFB_MS ->
            ttfbMs = token == JsonToken.VALUE_NULL ? null : parser.getValueAsLong();
        case ResultsFields.FIRST_TOKEN_MS ->
            firstTokenMs = token == JsonToken.VALUE_NULL ? null : parser.getValueAsDouble();
        case ResultsFields.TOOL_CALLS -> {
          if (answers) {
            toolCalls = ToolCallTexts.read(parser, token);
          } else {
            parser.skipChildren();
          }
        }
        case ResultsFields.STEPS -> {
          if (answers) {
            steps = StepTexts.read(parser, token);
          } else {
            parser.skipChildren();
          }
        }
        case ResultsFields.FINISH_REASON ->
            finishReason = token == JsonToken.VALUE_NULL ? null : text(parser, token, "");
        case ResultsFields.ERROR_CLASS ->
            errorClass = token == JsonToken.VALUE_NULL ? null : text(parser, token, "");
        case ResultsFields.ERROR ->
            error =
                token != JsonToken.VALUE_NULL && answers
                    ? text(parser, token, "")
                    : skip(parser, "");
        case ResultsFields.RECORDED -> recorded = parser.getValueAsBoolean();
        case ResultsFields.PROMPT ->
            prompt =
                token != JsonToken.VALUE_NULL && everything
                    ? text(parser, token, "")
                    : skip(parser, "");
        case ResultsFields.OUTPUT ->
            output =
                token != JsonToken.VALUE_NULL && answers
                    ? text(parser, token, "")
                    : skip(parser, "");
        case ResultsFields.PASSED -> passed = parser.getValueAsBoolean();
        case ResultsFields.CHECKS -> checks = checks(parser, token);
        case ResultsFields.CASE -> fields = everything ? caseFields(parser, token) : none(parser);
        case ResultsFields.LABELS -> labels = labels(parser, token);
        case ResultsFields.SLICES -> slices = slices(parser, token);
        case ResultsFields.CLUSTER ->
            cluster = token == JsonToken.VALUE_STRING ? parser.getText() : none(parser);
        default -> parser.skipChildren();
      }
    }
    if (parser.nextToken() != null) {
      throw new Malformed(
          "more after the JSON object at column " + parser.currentTokenLocation().getColumnNr(),
          EXPECTED,
          null);
    }
    if (caseId == null || !hasLine) {
      throw new Malformed(
          caseId == null ? "no case_id" : "no dataset line",
          "\"case_id\" (a string) and \"line\" (a number) in every results line",
          null);
    }
    Duration latency = Duration.ofNanos(Math.round(latencyMs * 1e6));
    // results written before call_ms existed: the call took its answer's time
    Duration callTime = callMs == null ? latency : Duration.ofNanos(Math.round(callMs * 1e6));
    ModelResponse response =
        (errorClass != null
                ? ModelResponse.failure(ErrorClass.fromId(errorClass), error, latency, 0)
                : new ModelResponse(
                        output,
                        finishReason,
                        new TokenUsage(tokensIn, tokensOut, estimated),
                        latency,
                        ttfbMs == null ? null : Duration.ofMillis(ttfbMs),
                        200,
                        null,
                        null,
                        null,
                        recorded)
                    .withToolCalls(toolCalls)
                    .withTimeToFirstToken(
                        firstTokenMs == null
                            ? null
                            : Duration.ofNanos(Math.round(firstTokenMs * 1e6))))
            .withCallTime(callTime)
            .withSteps(steps)
            .withAttempts(attempts, retriedErrors);
    return new Parsed(
        caseId,
        line,
        new VariantOutcome(variant, repeat, response, cost, checks),
        passed,
        prompt,
        fields,
        labels,
        slices,
        cluster);
  }

  /** An array's strings, in order (other values are skipped), or nothing when not {@code kept}. */
  private static List<String> strings(JsonParser parser, JsonToken token, boolean kept)
      throws IOException {
    if (token != JsonToken.START_ARRAY || !kept) {
      parser.skipChildren();
      return List.of();
    }
    List<String> strings = new ArrayList<>();
    for (JsonToken item = parser.nextToken();
        item != JsonToken.END_ARRAY;
        item = parser.nextToken()) {
      if (item == JsonToken.VALUE_STRING) {
        strings.add(parser.getText());
      } else {
        parser.skipChildren();
      }
    }
    return strings;
  }

  /** The line's slice values: text by field; other values are skipped. */
  private static Map<String, String> slices(JsonParser parser, JsonToken token) throws IOException {
    if (token != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return Map.of();
    }
    Map<String, String> slices = new java.util.TreeMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.VALUE_STRING) {
        slices.put(field, parser.getText());
      } else {
        parser.skipChildren();
      }
    }
    return slices;
  }

  /** The line's labels: {@code pass} or {@code fail} by check name; other values are skipped. */
  private static Map<String, CheckResult.Outcome> labels(JsonParser parser, JsonToken token)
      throws IOException {
    if (token != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return Map.of();
    }
    Map<String, CheckResult.Outcome> labels = new java.util.TreeMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String check = parser.currentName();
      JsonToken value = parser.nextToken();
      String text = value == JsonToken.VALUE_STRING ? parser.getText() : skip(parser, "");
      if (text.equals("pass") || text.equals("fail")) {
        labels.put(
            check, text.equals("pass") ? CheckResult.Outcome.PASSED : CheckResult.Outcome.FAILED);
      }
    }
    return labels;
  }

  private static List<CheckResult> checks(JsonParser parser, JsonToken token) throws IOException {
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
      CheckResult.Outcome outcome = null;
      Double score = null;
      String reason = "";
      Map<String, String> details = new HashMap<>(4);
      int expected = 0;
      while (true) {
        if (!ResultsFields.next(parser, ResultsFields.CHECK, expected)) {
          break;
        }
        String field = parser.currentName();
        expected = ResultsFields.after(ResultsFields.CHECK, field, expected);
        token = parser.nextToken();
        switch (field) {
          case ResultsFields.CHECK_NAME -> name = text(parser, token, "");
          case ResultsFields.CHECK_FAMILY -> family = text(parser, token, "");
          case ResultsFields.CHECK_PASSED -> passed = parser.getValueAsBoolean();
          case ResultsFields.CHECK_OUTCOME ->
              outcome = CheckResult.Outcome.fromId(text(parser, token, ""));
          case ResultsFields.CHECK_SCORE ->
              score = token != JsonToken.VALUE_NULL ? (Double) parser.getValueAsDouble() : null;
          case ResultsFields.CHECK_REASON -> reason = text(parser, token, "");
          case ResultsFields.CHECK_DETAILS -> {
            if (token == JsonToken.START_OBJECT) {
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
      details.put(CheckResult.DETAIL_FAMILY, family);
      // lines written before the not-applicable outcome have only "passed"
      checks.add(
          outcome != null
              ? new CheckResult(name, outcome, score, reason, details)
              : new CheckResult(name, passed, score, reason, details));
    }
    return checks;
  }

  /** The line's {@code case} object; null when it is not an object or has none of the fields. */
  private static @Nullable CaseFields caseFields(JsonParser parser, JsonToken token)
      throws IOException {
    if (token != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    String context = null;
    String expect = null;
    List<String> references = List.of();
    List<String> incorrect = List.of();
    int expected = 0;
    while (ResultsFields.next(parser, ResultsFields.CASE_FIELDS, expected)) {
      String field = parser.currentName();
      expected = ResultsFields.after(ResultsFields.CASE_FIELDS, field, expected);
      token = parser.nextToken();
      switch (field) {
        case ResultsFields.CASE_CONTEXT ->
            context = token == JsonToken.VALUE_STRING ? parser.getText() : none(parser);
        case ResultsFields.CASE_EXPECT ->
            expect = token == JsonToken.VALUE_STRING ? parser.getText() : none(parser);
        case ResultsFields.CASE_REFERENCES -> references = texts(parser, token);
        case ResultsFields.CASE_INCORRECT_REFERENCES -> incorrect = texts(parser, token);
        default -> parser.skipChildren();
      }
    }
    CaseFields fields = new CaseFields(context, expect, references, incorrect);
    return fields.isEmpty() ? null : fields;
  }

  /** The texts of an array of scalars (each as {@link #text}); none when it is not an array. */
  private static List<String> texts(JsonParser parser, JsonToken token) throws IOException {
    if (token != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return List.of();
    }
    List<String> texts = new ArrayList<>();
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      texts.add(text(parser, token, ""));
    }
    return texts;
  }

  /**
   * Skips the current value undecoded (a string's characters are passed over, not copied) and gives
   * {@code absent}.
   */
  private static String skip(JsonParser parser, String absent) throws IOException {
    parser.skipChildren();
    return absent;
  }

  /** Skips the current value undecoded and gives null. */
  private static <T> @Nullable T none(JsonParser parser) throws IOException {
    parser.skipChildren();
    return null;
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

  /**
   * The lines of {@code bytes[0, length)}, whole lines that start at byte {@code offset} of {@code
   * results}, read as a cursor reads them (the page reads the cases it chose this way).
   *
   * @throws IOException naming the file, where the bytes start, the line among them and what was
   *     expected
   */
  public static List<Row> rows(Path results, long offset, byte[] bytes, int length, Reading reading)
      throws IOException {
    Chunk chunk = parseChunk(bytes, length, offset, reading);
    if (chunk.error != null) {
      throw new IOException(
          results
              + " at byte "
              + offset
              + ", line "
              + chunk.lines
              + " from there: "
              + chunk.error.getMessage()
              + "; expected "
              + chunk.error.expected,
          chunk.error.getCause());
    }
    return chunk.rows;
  }

  /** One results line, every field read (for tests and tools; files are read with a cursor). */
  public static Row row(String line) throws IOException {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    List<Row> rows = rows(Path.of(""), 0, bytes, bytes.length, Reading.EVERYTHING);
    if (rows.size() != 1) {
      throw new IOException("expected one results line but found " + rows.size());
    }
    return rows.get(0);
  }

  /**
   * One case rebuilt from its {@code results.jsonl} lines (for tests and tools; files are read with
   * a cursor).
   */
  public static CaseResult caseResult(List<String> lines) throws IOException {
    List<VariantOutcome> outcomes = new ArrayList<>();
    String caseId = null;
    long line = 0;
    for (int i = 0; i < lines.size(); i++) {
      byte[] bytes = lines.get(i).getBytes(StandardCharsets.UTF_8);
      try {
        Parsed parsed = parse(bytes, 0, bytes.length, Reading.ANSWERS);
        caseId = parsed.caseId;
        line = parsed.line;
        outcomes.add(parsed.outcome);
      } catch (Malformed e) {
        throw new IOException(
            "line " + (i + 1) + ": " + e.getMessage() + "; expected " + e.expected, e.getCause());
      }
    }
    if (caseId == null) {
      throw new IOException("no results lines for a case");
    }
    return new CaseResult(EvalCase.builder(caseId).line(line).build(), Map.of(), outcomes);
  }
}

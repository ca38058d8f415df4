package dev.evalgate.engine.dataset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.evalgate.api.DatasetSpec;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.TraceSpec;
import dev.evalgate.engine.redact.Redactor;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a dataset lazily, one case at a time, and hashes the whole file while doing so.
 *
 * <p>Rows that cannot be used (invalid JSON, wrong column count, a duplicate id, a bad field) are
 * handed to the problem consumer with file, line and what was expected, and skipped; the rest of
 * the dataset is still read. {@link #sha256()} is the SHA-256 of the file's bytes, available once
 * the reader is closed (closing reads whatever was not consumed, so the hash always covers the
 * file).
 *
 * <pre>{@code
 * try (DatasetReader cases = DatasetReader.open(source, "id", problems::add)) {
 *   while (cases.hasNext()) { run(cases.next()); }
 * }
 * }</pre>
 */
public final class DatasetReader implements Iterator<EvalCase>, Closeable {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** Elements of an array are followed by more tokens, so trailing tokens are expected there. */
  private static final ObjectMapper ARRAY_MAPPER =
      JsonMapper.builder()
          .disable(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** The problem reported for a dataset without a single usable case. */
  public static final String EMPTY = "the dataset has no usable case; expected at least one row";

  private final DatasetSource source;
  private final DigestInputStream digest;
  private final RowSource rows;
  private final RowMapper mapper;
  private final Consumer<RowProblem> problems;
  private final LongIdSet ids = new LongIdSet();
  private @Nullable EvalCase next;
  private boolean exhausted;
  private @Nullable String sha256;
  private long cases;

  /**
   * The first row's fields and line, to name them when {@code dataset.id} names a field no row has.
   */
  private final java.util.List<String> firstRowFields = new java.util.ArrayList<>();

  private long firstRowLine;

  /** The id field when a suite names none. */
  static final String DEFAULT_ID_FIELD = "id";

  private DatasetReader(
      DatasetSource source,
      DigestInputStream digest,
      RowSource rows,
      String idField,
      @Nullable List<String> checks,
      List<String> slices,
      @Nullable String cluster,
      Consumer<RowProblem> problems) {
    this.source = source;
    this.digest = digest;
    this.rows = rows;
    this.mapper = new RowMapper(idField, checks, slices, cluster);
    this.problems = problems;
  }

  /**
   * Opens a dataset.
   *
   * @throws DatasetException when the file cannot be opened or its format is unknown
   */
  public static DatasetReader open(
      DatasetSource source, String idField, Consumer<RowProblem> problems) {
    return open(source, idField, null, null, List.of(), null, Redactor.NONE, problems);
  }

  /**
   * Opens a suite's dataset: a dataset of cases, or production traces ({@link
   * DatasetSpec#traces()}) selected as the suite says and redacted with {@code redactor} as they
   * are read.
   *
   * @throws DatasetException when the file cannot be opened or its format is unknown
   */
  public static DatasetReader open(
      DatasetSource source, DatasetSpec spec, Redactor redactor, Consumer<RowProblem> problems) {
    return open(
        source,
        spec.idField(),
        spec.traces(),
        null,
        spec.slices(),
        spec.cluster(),
        redactor,
        problems);
  }

  /**
   * Opens a suite's dataset as {@link #open(DatasetSource, DatasetSpec, Redactor, Consumer)} does,
   * reporting a row whose {@code labels} name a check not among {@code checks} (the row is
   * skipped).
   */
  public static DatasetReader open(
      DatasetSource source,
      DatasetSpec spec,
      List<String> checks,
      Redactor redactor,
      Consumer<RowProblem> problems) {
    return open(
        source,
        spec.idField(),
        spec.traces(),
        checks,
        spec.slices(),
        spec.cluster(),
        redactor,
        problems);
  }

  private static DatasetReader open(
      DatasetSource source,
      String idField,
      @Nullable TraceSpec traces,
      @Nullable List<String> checks,
      List<String> slices,
      @Nullable String cluster,
      Redactor redactor,
      Consumer<RowProblem> problems) {
    DatasetFormat format = source.format(traces);
    InputStream raw;
    try {
      raw = source.open();
    } catch (IOException e) {
      throw new DatasetException(source.location(), 0, "cannot read the dataset: " + describe(e));
    }
    DigestInputStream digest = new DigestInputStream(raw, sha256Digest());
    try {
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(digest, StandardCharsets.UTF_8), 1 << 16);
      skipByteOrderMark(reader);
      RowSource rows =
          switch (format) {
            case JSONL -> new JsonlRowSource(reader, MAPPER);
            case CSV -> new CsvRowSource(reader, source.location());
            case JSON -> new JsonArrayRowSource(reader, ARRAY_MAPPER);
            case OTLP, EVENTS ->
                traceRows(reader, format, Objects.requireNonNull(traces), redactor);
          };
      return new DatasetReader(source, digest, rows, idField, checks, slices, cluster, problems);
    } catch (IOException e) {
      closeQuietly(digest);
      throw new DatasetException(source.location(), 0, "cannot read the dataset: " + describe(e));
    } catch (RuntimeException e) {
      closeQuietly(digest);
      throw e;
    }
  }

  private static RowSource traceRows(
      BufferedReader reader, DatasetFormat format, TraceSpec traces, Redactor redactor)
      throws IOException {
    TraceRecord.Source records =
        format == DatasetFormat.OTLP
            ? new OtlpSpanSource(reader, ARRAY_MAPPER)
            : new EventLogSource(new JsonlRowSource(reader, MAPPER), traces.fields());
    return new TraceRows(records, traces, redactor);
  }

  /**
   * Skips a UTF-8 byte order mark, which spreadsheet programs write: left in, it made a CSV file's
   * first column "\uFEFFid", so its ids were not found and every case got a hash for an id.
   */
  private static void skipByteOrderMark(BufferedReader reader) throws IOException {
    reader.mark(1);
    if (reader.read() != '\uFEFF') {
      reader.reset();
    }
  }

  @Override
  public boolean hasNext() {
    if (next == null && !exhausted) {
      next = advance();
    }
    return next != null;
  }

  @Override
  public EvalCase next() {
    EvalCase current = hasNext() ? next : null;
    if (current == null) {
      throw new NoSuchElementException();
    }
    next = null;
    cases++;
    return current;
  }

  private @Nullable EvalCase advance() {
    try {
      RowSource.Row row;
      while ((row = rows.next()) != null) {
        if (row.fields() == null) {
          problems.accept(
              new RowProblem(
                  source.location(), row.line(), String.valueOf(row.problem()), row.linesLost()));
          continue;
        }
        if (firstRowFields.isEmpty()) {
          firstRowLine = row.line();
          row.fields().fieldNames().forEachRemaining(firstRowFields::add);
        }
        EvalCase evalCase;
        try {
          evalCase = mapper.map(row.fields(), row.line(), row.emptyCells());
        } catch (IllegalArgumentException e) {
          problems.accept(
              new RowProblem(
                  source.location(),
                  row.line(),
                  Objects.requireNonNullElse(e.getMessage(), e.toString())));
          continue;
        }
        if (!ids.add(idHash(evalCase.id()))) {
          problems.accept(
              new RowProblem(
                  source.location(),
                  row.line(),
                  "duplicate case id '"
                      + evalCase.id()
                      + "'; expected every id to be unique (the row is skipped)"));
          continue;
        }
        return evalCase;
      }
      exhausted = true;
      return null;
    } catch (IOException e) {
      exhausted = true;
      throw new UncheckedIOException(
          new IOException(source.location() + ": cannot read the dataset: " + describe(e), e));
    }
  }

  /**
   * A problem for each field the suite slices by that no case read so far has a value for (a
   * misspelt field would put every case in its "(none)" slice); none before the first case.
   */
  public List<RowProblem> slicesNotFound() {
    if (cases == 0) {
      return List.of();
    }
    return mapper.slicesNotFound().stream()
        .map(
            field ->
                RowProblem.ofFile(
                    source.location(),
                    firstRowLine,
                    "no case read has a value for the field '"
                        + field
                        + "' that slices names, so every case is in its (none) slice; expected"
                        + " one of the rows' fields: "
                        + String.join(", ", firstRowFields)))
        .toList();
  }

  /**
   * A problem when the suite clusters its cases by a field that no case read so far has a value for
   * (a misspelt field would make every case a cluster of its own: judged as independent, the very
   * assumption the suite named a cluster field to drop); none before the first case.
   */
  public List<RowProblem> clusterNotFound() {
    String field = mapper.cluster();
    if (cases == 0 || field == null || mapper.clustersFound() > 0) {
      return List.of();
    }
    return List.of(
        RowProblem.ofFile(
            source.location(),
            firstRowLine,
            "no row has a value for the field '"
                + field
                + "' that dataset.cluster names, so every case would be a cluster of its own"
                + " (judged as independent); expected one of the rows' fields: "
                + String.join(", ", firstRowFields)));
  }

  /** The number of cases handed out so far. */
  public long casesRead() {
    return cases;
  }

  public DatasetSource source() {
    return source;
  }

  /** The SHA-256 of the file, in lowercase hex; only after {@link #close()}. */
  public String sha256() {
    if (sha256 == null) {
      throw new IllegalStateException("the dataset hash is known once the reader is closed");
    }
    return sha256;
  }

  @Override
  public void close() throws IOException {
    if (sha256 != null) {
      return;
    }
    try {
      digest.transferTo(java.io.OutputStream.nullOutputStream());
    } finally {
      sha256 = HexFormat.of().formatHex(digest.getMessageDigest().digest());
      rows.close();
    }
  }

  /** Reads a whole dataset only to validate it, reporting every problem; returns the case count. */
  public static long validate(DatasetSource source, String idField, Consumer<RowProblem> problems) {
    return validate(source, new DatasetSpec(source.location(), idField, null, null), problems);
  }

  /**
   * Reads a suite's whole dataset only to validate it, reporting every problem; returns the case
   * count.
   */
  public static long validate(
      DatasetSource source, DatasetSpec spec, Consumer<RowProblem> problems) {
    return validate(source, spec, null, problems);
  }

  /**
   * Reads a suite's whole dataset only to validate it, with {@code checks} the names its rows'
   * labels may use; returns the case count.
   */
  public static long validate(
      DatasetSource source,
      DatasetSpec spec,
      @Nullable List<String> checks,
      Consumer<RowProblem> problems) {
    String idField = spec.idField();
    try (DatasetReader reader =
        open(
            source,
            idField,
            spec.traces(),
            checks,
            spec.slices(),
            spec.cluster(),
            Redactor.NONE,
            problems)) {
      while (reader.hasNext()) {
        reader.next();
      }
      if (reader.casesRead() == 0) {
        problems.accept(new RowProblem(source.location(), 0, EMPTY));
      } else if (!idField.equals(DEFAULT_ID_FIELD) && reader.mapper.idsFound() == 0) {
        problems.accept(
            RowProblem.ofFile(
                source.location(),
                reader.firstRowLine,
                "no row has the field '"
                    + idField
                    + "' that dataset.id names, so every case id is a hash of its row (it changes"
                    + " whenever the row does); expected one of the rows' fields: "
                    + String.join(", ", reader.firstRowFields)));
      }
      reader.clusterNotFound().forEach(problems);
      reader.slicesNotFound().forEach(problems);
      return reader.casesRead();
    } catch (IOException e) {
      throw new DatasetException(source.location(), 0, "cannot read the dataset: " + describe(e));
    }
  }

  /** The SHA-256 of a dataset's bytes, read once without parsing. */
  public static String sha256(DatasetSource source) throws IOException {
    MessageDigest digest = sha256Digest();
    try (InputStream in = source.open()) {
      byte[] buffer = new byte[1 << 16];
      int read;
      while ((read = in.read(buffer)) > 0) {
        digest.update(buffer, 0, read);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static long idHash(String id) {
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    long h = 0xcbf29ce484222325L;
    for (byte b : bytes) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h ^ ((long) bytes.length << 56);
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private static String describe(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // already failing; the original problem is reported
    }
  }
}

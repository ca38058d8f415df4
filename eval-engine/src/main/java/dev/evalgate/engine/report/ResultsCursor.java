package dev.evalgate.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.engine.run.CaseResult;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Looks cases up in a results file by walking it forward, so that a run can be paired with a stored
 * run of the same dataset case by case while holding one case of it in memory, never the whole
 * file. Both runs list their cases in dataset order (a sample, limit or shard keeps that order), so
 * each look-up only moves forward; a look-up behind the previous one starts again from the top.
 */
public final class ResultsCursor implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path results;
  private @Nullable BufferedReader reader;
  private @Nullable String pendingLine;
  private @Nullable JsonNode pendingRow;
  private @Nullable CaseResult current;
  private long lastLine = Long.MIN_VALUE;

  /**
   * @throws IOException when the file is missing or unreadable
   */
  public ResultsCursor(Path results) throws IOException {
    if (!Files.isRegularFile(results)) {
      throw new IOException(results + ": missing; expected the per-case results beside the report");
    }
    this.results = results;
    restart();
  }

  private void restart() throws IOException {
    close();
    reader = Files.newBufferedReader(results, StandardCharsets.UTF_8);
    pendingLine = null;
    pendingRow = null;
    readPending();
    advance();
  }

  private void readPending() throws IOException {
    String text;
    do {
      text = reader.readLine();
    } while (text != null && text.isBlank());
    pendingLine = text;
    pendingRow = text == null ? null : JSON.readTree(text);
  }

  private void advance() throws IOException {
    if (pendingLine == null) {
      current = null;
      return;
    }
    String id = pendingRow.path("case_id").asText();
    List<JsonNode> rows = new ArrayList<>();
    while (pendingLine != null && pendingRow.path("case_id").asText().equals(id)) {
      rows.add(pendingRow);
      readPending();
    }
    current = ShardMerger.fromRows(rows);
  }

  /**
   * The stored case with this dataset line and id, or {@code null} when the file has none.
   *
   * @param line the case's dataset line
   * @param caseId the case's id
   */
  public synchronized @Nullable CaseResult seek(long line, String caseId) throws IOException {
    if (line < lastLine) {
      restart();
    }
    lastLine = line;
    while (current != null && (current.evalCase().line() < line
        || (current.evalCase().line() == line && !current.caseId().equals(caseId)))) {
      advance();
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
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }
}

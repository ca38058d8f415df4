package dev.evalgate.engine.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Which suite sources wrote a report folder, and when: one JSON line per run ({@code {"source":
 * "...", "written": "2026-12-07T18:40:00Z"}}) appended to {@value #FILE} before the run writes its
 * reports. Two suites that share a name write one folder, the later one overwriting the earlier's
 * report; discovery sees it within one test run, and {@code evalgate:check} sees it across test
 * JVMs (Surefire forks) from these lines, as it knows when the build started.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SuiteSources {
  /** The file in each report folder. */
  public static final String FILE = "suite-sources.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One run of a suite into the folder.
   *
   * @param source the suite's source: its file and the class naming it, or its method
   * @param written when the run began to write
   */
  public record Entry(String source, Instant written) {}

  private SuiteSources() {}

  /** Appends this run's line to the folder's file (created with the folder when missing). */
  public static void append(Path folder, String source, Instant now) throws IOException {
    Files.createDirectories(folder);
    String line =
        JSON.writeValueAsString(
                JSON.createObjectNode().put("source", source).put("written", now.toString()))
            + "\n";
    // one short append: whole lines even when test JVMs write the folder at once
    Files.writeString(
        folder.resolve(FILE),
        line,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** The lines of the folder's file, in order; none when there is no file. */
  public static List<Entry> read(Path folder) throws IOException {
    Path file = folder.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<Entry> entries = new ArrayList<>();
    int number = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(line);
        entries.add(
            new Entry(node.path("source").asText(), Instant.parse(node.path("written").asText())));
      } catch (JsonProcessingException | DateTimeParseException e) {
        throw new IOException(
            file
                + ":"
                + number
                + ": expected {\"source\": ..., \"written\": ...} (an ISO-8601 instant), but was: "
                + line,
            e);
      }
    }
    return entries;
  }

  /** The distinct sources of the entries written at or after {@code since}, in order. */
  public static List<String> sourcesSince(List<Entry> entries, Instant since) {
    Set<String> sources = new LinkedHashSet<>();
    for (Entry entry : entries) {
      if (!entry.written().isBefore(since)) {
        sources.add(entry.source());
      }
    }
    return List.copyOf(sources);
  }
}

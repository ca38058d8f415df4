package dev.evalgate.engine.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.engine.run.CaseResult;
import dev.evalgate.engine.run.CaseSink;
import dev.evalgate.engine.run.VariantOutcome;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chooses, while a run goes, the cases a large run's {@code report.html} embeds (the same choice
 * {@link Html.CaseSelection} makes from a results file: moved cases first, then failing, then
 * passing, each up to its limit), and writes their page rows to a temporary file beside the
 * results. The page is then written without reading the whole results file again, so the end of
 * a million-case run does not pay a pass over gigabytes. Memory: counters only.
 */
final class EmbeddedCases implements CaseSink {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String control;
  private final List<String> checks;
  private final Redactor redactor;
  private final Path file;
  private final BufferedWriter out;
  private final int[] limits = {Html.MOVED_CASES, Html.FAILING_CASES, Html.PASSING_CASES};
  private final int[] kept = new int[3];
  private long cases;
  private int selected;
  private boolean closed;

  EmbeddedCases(String control, List<String> checks, Path folder, Redactor redactor) {
    this.control = control;
    this.checks = List.copyOf(checks);
    this.redactor = redactor;
    try {
      Files.createDirectories(folder);
      this.file = Files.createTempFile(folder, ".report-cases", ".tmp");
      this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(new IOException("cannot write in " + folder + ": " + e.getMessage(), e));
    }
  }

  @Override
  public void accept(CaseResult result) {
    cases++;
    long controlSignature = Long.MIN_VALUE;
    boolean moved = false;
    boolean failing = false;
    for (VariantOutcome outcome : result.outcomes()) {
      long signature = signature(outcome);
      failing |= outcome.errored() || !outcome.passedAll();
      if (outcome.variant().equals(control)) {
        if (controlSignature == Long.MIN_VALUE) {
          controlSignature = signature;
        }
      } else if (controlSignature != Long.MIN_VALUE && signature != controlSignature) {
        moved = true;
      }
    }
    int bucket = moved ? 0 : failing ? 1 : 2;
    if (kept[bucket] >= limits[bucket]) {
      return;
    }
    kept[bucket]++;
    selected++;
    try {
      for (VariantOutcome outcome : result.outcomes()) {
        out.write(row(result, outcome));
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** -1 for an error, else bit i set when the i-th check (in suite order) passed. */
  private long signature(VariantOutcome outcome) {
    if (outcome.errored()) {
      return -1;
    }
    long mask = 0;
    for (CheckResult check : outcome.checks()) {
      int index = checks.indexOf(check.check());
      if (check.passed()) {
        mask |= 1L << Math.min(62, index < 0 ? 62 : index);
      }
    }
    return mask;
  }

  /** The page row of one call, as {@link Html} makes it from a results line. */
  private String row(CaseResult result, VariantOutcome outcome) {
    ModelResponse response = outcome.response();
    ObjectNode row = JSON.createObjectNode();
    row.put("c", result.caseId());
    row.put("v", outcome.variant());
    row.put("r", outcome.repeat());
    row.put("p", Html.truncate(redactor.apply(ResultsWriter.promptText(result.prompts().get(outcome.variant())))));
    row.put("o", Html.truncate(response.content() == null ? "" : redactor.apply(response.content())));
    row.put("e", response.error() == null ? "" : response.error().id() + ": "
        + (response.errorMessage() == null ? "" : redactor.apply(response.errorMessage())));
    row.put("ok", outcome.passedAll());
    ArrayNode k = row.putArray("k");
    for (CheckResult check : outcome.checks()) {
      ObjectNode c = k.addObject();
      c.put("name", check.check());
      c.put("family", check.details().getOrDefault(CheckResult.DETAIL_FAMILY, "custom"));
      c.put("passed", check.passed());
      if (check.score() == null) {
        c.putNull("score");
      } else {
        c.put("score", check.score());
      }
      c.put("reason", redactor.apply(check.reason()));
      ObjectNode details = c.putObject("details");
      for (Map.Entry<String, String> detail : new TreeMap<>(check.details()).entrySet()) {
        if (!detail.getKey().equals(CheckResult.DETAIL_FAMILY)) {
          details.put(detail.getKey(), detail.getValue());
        }
      }
    }
    return row.toString();
  }

  long cases() {
    return cases;
  }

  int selected() {
    return selected;
  }

  /** Hands every embedded row (compact JSON) to {@code rows}. */
  void rows(Html.RowSink rows) throws IOException {
    close();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        rows.accept(line);
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes the temporary file. */
  void delete() {
    close();
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover hidden temporary file is harmless
    }
  }
}

package dev.evalgate.engine.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.engine.run.CaseResult;
import dev.evalgate.engine.run.PreparingSink;
import org.jspecify.annotations.Nullable;
import dev.evalgate.engine.run.VariantOutcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Chooses, while a run goes, the cases a large run's {@code report.html} embeds (the same choice
 * {@link Html.CaseSelection} makes from a results file: moved cases first, then failing, then
 * passing, each up to its limit), and writes their page rows to a temporary file beside the
 * results. The page is then written without reading the whole results file again, so the end of
 * a million-case run does not pay a pass over gigabytes. Memory: counters only.
 */
final class EmbeddedCases implements PreparingSink<EmbeddedCases.Rows> {
  private static final JsonFactory JSON = new JsonFactory();

  private final List<String> checks;
  private final Redactor redactor;
  private final EmbeddingRule rule;
  private final Path file;
  private final OutputStream out;
  private boolean closed;

  EmbeddedCases(String control, List<String> checks, Path folder, Redactor redactor) {
    this.checks = List.copyOf(checks);
    this.redactor = redactor;
    this.rule = new EmbeddingRule(control, Html.MOVED_CASES, Html.FAILING_CASES, Html.PASSING_CASES);
    try {
      Files.createDirectories(folder);
      this.file = Files.createTempFile(folder, ".report-cases", ".tmp");
      this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException(new IOException("cannot write in " + folder + ": " + e.getMessage(), e));
    }
  }

  /** A case's kind, and its page rows when its kind still had room as it was prepared. */
  record Rows(int kind, byte @Nullable [] lines) {}

  /** Works out the case's kind and, unless that kind is already full, writes its rows (redacted). */
  @Override
  public Rows prepare(CaseResult result) {
    EmbeddingRule.Kind kind = rule.newCase();
    for (VariantOutcome outcome : result.outcomes()) {
      kind.call(outcome.variant(), signature(outcome), outcome.errored() || !outcome.passedAll());
    }
    int k = kind.kind();
    if (!rule.hasRoom(k)) {
      return new Rows(k, null);
    }
    return new Rows(k, ResultsWriter.jsonLines(JSON, result, (json, outcome) -> row(json, result, outcome)));
  }

  @Override
  public void accept(CaseResult result, Rows rows) {
    if (!rule.take(rows.kind())) {
      return;
    }
    try {
      // rows are prepared whenever the kind had room, and room only runs out here
      out.write(rows.lines());
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
    List<CheckResult> results = outcome.checks();
    for (int i = 0; i < results.size(); i++) {
      CheckResult check = results.get(i);
      // checks are evaluated in suite order, so the position is the index unless a check is missing
      int index = i < checks.size() && checks.get(i).equals(check.check()) ? i : checks.indexOf(check.check());
      if (check.passed()) {
        mask |= EmbeddingRule.bit(index < 0 ? 62 : index);
      }
    }
    return mask;
  }

  /** The page row of one call, as {@link Html#compact} makes it from a results line. */
  private void row(JsonGenerator json, CaseResult result, VariantOutcome outcome) throws IOException {
    ModelResponse response = outcome.response();
    json.writeStartObject();
    json.writeStringField("c", result.caseId());
    json.writeStringField("v", outcome.variant());
    json.writeNumberField("r", outcome.repeat());
    json.writeStringField("p", Html.truncate(redactor.apply(ResultsWriter.promptText(result.prompts().get(outcome.variant())))));
    json.writeStringField("o", Html.truncate(response.content() == null ? "" : redactor.apply(response.content())));
    json.writeStringField("e", response.error() == null ? "" : response.error().id() + ": "
        + (response.errorMessage() == null ? "" : redactor.apply(response.errorMessage())));
    json.writeBooleanField("ok", outcome.passedAll());
    ResultsWriter.writeChecks(json, "k", outcome.checks(), redactor);
    json.writeEndObject();
  }

  long cases() {
    return rule.cases();
  }

  int selected() {
    return rule.selected();
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

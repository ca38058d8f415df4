package dev.evalgate.engine.report.html;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.evalgate.engine.io.AtomicFiles;
import dev.evalgate.engine.io.LineScanner;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.PreparingSink;
import dev.evalgate.engine.model.VariantOutcome;
import dev.evalgate.engine.redact.Redactor;
import dev.evalgate.engine.report.results.CaseTexts;
import dev.evalgate.engine.report.results.ResultsWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The page rows of {@code report.html}, made while a run goes so that the page is written without
 * reading the results file again. Every case of the first {@value Html#EMBEDDED_CASES} has its rows
 * kept (a run that small embeds every case); after them only the cases a large run's page embeds
 * (the same choice {@link Html.CaseSelection} makes from a results file: moved cases first, then
 * failing, then passing, each up to its limit). Rows go to a temporary file beside the results.
 * Memory: counters, and a line count and a flag per case of the first {@value Html#EMBEDDED_CASES}.
 */
public final class EmbeddedCases implements PreparingSink<EmbeddedCases.Rows>, AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();

  /** The hidden temporary file's name: {@code .report-cases-<pid>-<random>.tmp}. */
  public static final String TEMP_NAME = "report-cases";

  private final Redactor redactor;
  private final EmbeddingRule rule;

  /** How many first cases have their rows kept whether or not the rule chose them. */
  private final int head;

  /**
   * Rows per case of the head, and whether the rule chose it; written in dataset order by one
   * thread.
   */
  private final int[] headRows;

  private final BitSet headChosen = new BitSet();
  private final Path file;
  private final OutputStream out;
  private final PageRows.SystemPrompts prompts = new PageRows.SystemPrompts();
  private boolean closed;

  public EmbeddedCases(String control, List<String> checks, Path folder, Redactor redactor) {
    this(
        control,
        checks,
        folder,
        redactor,
        Html.EMBEDDED_CASES,
        Html.MOVED_CASES,
        Html.FAILING_CASES,
        Html.PASSING_CASES);
  }

  EmbeddedCases(
      String control,
      List<String> checks,
      Path folder,
      Redactor redactor,
      int head,
      int moved,
      int failing,
      int passing) {
    this.redactor = redactor;
    this.rule = new EmbeddingRule(control, checks, moved, failing, passing);
    this.head = head;
    this.headRows = new int[head];
    try {
      Files.createDirectories(folder);
      this.file = AtomicFiles.temp(folder, TEMP_NAME);
      this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException(
          new IOException("cannot write in " + folder + ": " + e.getMessage(), e));
    }
  }

  /** A case's kind, and its page rows when they may be kept. */
  public record Rows(int kind, byte @Nullable [] lines) {}

  /**
   * Works out the case's kind and writes its rows (redacted), unless the case is past the head and
   * its kind is full.
   */
  @Override
  public Rows prepare(CaseResult result) {
    return prepare(result, new CaseTexts(result, redactor));
  }

  /** As {@link #prepare(CaseResult)}, with the case's texts redacted once for every report. */
  public Rows prepare(CaseResult result, CaseTexts texts) {
    EmbeddingRule.Kind kind = rule.newCase();
    for (VariantOutcome outcome : result.outcomes()) {
      kind.call(outcome, outcome.passedAll());
    }
    int k = kind.kind();
    // this case comes after every case the rule has counted, so once the head is counted it is past
    // the head
    if (rule.cases() >= head && !rule.hasRoom(k)) {
      return new Rows(k, null);
    }
    return new Rows(
        k,
        Html.island(
            ResultsWriter.jsonLines(
                JSON, result, (json, outcome) -> row(json, result, outcome, texts))));
  }

  @Override
  public void accept(CaseResult result, Rows rows) {
    long index = rule.cases();
    boolean chosen = rule.take(rows.kind());
    if (index < head) {
      headRows[(int) index] = result.outcomes().size();
      headChosen.set((int) index, chosen);
    } else if (!chosen) {
      return;
    }
    try {
      // rows are prepared for every case of the head and whenever the kind had room, and room only
      // runs out here
      out.write(rows.lines());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The page row of one call, as {@link PageRows.FromResults} makes it from its results line. */
  private void row(JsonGenerator json, CaseResult result, VariantOutcome outcome, CaseTexts texts)
      throws IOException {
    String output = texts.output(outcome);
    PageRows.write(
        json,
        new PageRows.Row(
            result.caseId(),
            texts.prompt(outcome.variant()),
            output == null ? "" : output,
            texts.toolCalls(outcome),
            outcome,
            outcome.passedAll(),
            outcome == result.outcomes().get(0) ? texts.fields() : null),
        prompts,
        redactor);
  }

  /** The system prompts the rows refer to. */
  PageRows.SystemPrompts prompts() {
    return prompts;
  }

  long cases() {
    return rule.cases();
  }

  int selected() {
    return rule.selected();
  }

  /**
   * Whether the run had more cases than the page embeds, so that the page holds the rule's choice.
   */
  boolean large() {
    return rule.cases() > head;
  }

  /**
   * Writes the embedded rows (compact JSON, already escaped for the page's script island) to {@code
   * page} in dataset order, separated by {@code ",\n"} as the page's array wants them: every case's
   * when the run was not {@link #large}, else the cases the rule chose. The bytes are copied as
   * they were prepared, never decoded.
   */
  void rows(OutputStream page) throws IOException {
    close();
    boolean all = !large();
    int heads = (int) Math.min(head, rule.cases());
    boolean first = true;
    try (LineScanner lines = new LineScanner(Files.newInputStream(file))) {
      for (int i = 0; i < heads; i++) {
        boolean keep = all || headChosen.get(i);
        for (int n = 0; n < headRows[i] && lines.next(); n++) {
          if (keep) {
            first = copy(lines, page, first);
          }
        }
      }
      while (lines.next()) {
        first = copy(lines, page, first);
      }
    }
  }

  private static boolean copy(LineScanner line, OutputStream page, boolean first)
      throws IOException {
    if (!first) {
      page.write(',');
    }
    page.write(line.bytes(), line.offset(), line.length());
    page.write('\n');
    return false;
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
  public void delete() {
    close();
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover hidden temporary file is harmless
    }
  }
}

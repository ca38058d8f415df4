package dev.evalgate.engine.report.html;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.Role;
import dev.evalgate.api.ToolCall;
import dev.evalgate.engine.model.VariantOutcome;
import dev.evalgate.engine.redact.Redactor;
import dev.evalgate.engine.report.results.AttemptTexts;
import dev.evalgate.engine.report.results.CaseFields;
import dev.evalgate.engine.report.results.ResultsCursor;
import dev.evalgate.engine.report.results.ResultsWriter;
import dev.evalgate.engine.report.results.StepTexts;
import dev.evalgate.engine.report.results.ToolCallTexts;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The rows of {@code report.html}'s case table, one per call, in the one format that the page's
 * script reads, written only by {@link #write}: the rows made while a run goes ({@link
 * EmbeddedCases}, from a case result) and the rows made from a results file ({@link FromResults},
 * from the lines {@link ResultsCursor} reads) both hand it a {@link Row}.
 *
 * <p>A row's fields: {@code c} case id, {@code v} variant, {@code r} repeat, {@code s} the key of
 * its system prompt in the page's {@link SystemPrompts} (absent when the prompt is kept whole),
 * {@code p} the prompt after its system messages (or the whole prompt), {@code o} answer, {@code e}
 * error, {@code t} the answer's tool calls ({@code id}, {@code name}, {@code arguments} as
 * results.jsonl has them; absent when it made none), {@code st} the model calls of an app variant's
 * answer ({@link StepTexts}: model, tokens, latency, tool calls per call; absent for a single
 * call), {@code ok} every check passed, {@code k} the checks as results.jsonl has them, and on the
 * first row of a case only {@code f}, the case's fields that checks read ({@link CaseFields}).
 * Texts longer than {@value Html#TEXT_LIMIT} characters are cut.
 */
final class PageRows {
  private PageRows() {}

  /**
   * One call, as the page shows it.
   *
   * @param prompt the prompt as results.jsonl has it ({@link ResultsWriter#promptText}), redacted
   * @param output the answer, redacted; empty when the call errored
   * @param toolCalls the answer's tool calls, arguments redacted; empty when it made none
   * @param outcome the call: its error and checks ({@link #write} redacts their texts)
   * @param ok whether every check passed
   * @param fields the case's fields, on the first row of a case only
   */
  record Row(
      String caseId,
      String prompt,
      String output,
      List<ToolCall> toolCalls,
      VariantOutcome outcome,
      boolean ok,
      @Nullable CaseFields fields) {}

  /** The row of one call of a results file, as the cursor read it (texts already redacted). */
  static Row row(ResultsCursor.Row line, boolean firstOfCase) {
    String output = line.outcome.response().content();
    return new Row(
        line.caseId,
        line.prompt,
        output == null ? "" : output,
        line.outcome.response().toolCalls(),
        line.outcome,
        line.passed,
        firstOfCase ? line.fields : null);
  }

  /** Writes {@code row}, redacting the texts of its error and checks with {@code redactor}. */
  static void write(JsonGenerator json, Row row, SystemPrompts prompts, Redactor redactor)
      throws IOException {
    json.writeStartObject();
    VariantOutcome outcome = row.outcome();
    json.writeStringField("c", row.caseId());
    json.writeStringField("v", outcome.variant());
    json.writeNumberField("r", outcome.repeat());
    int split = systemEnd(row.prompt());
    String key = split == 0 ? null : prompts.keyOf(row.prompt().substring(0, split));
    if (key != null) {
      json.writeStringField("s", key);
    }
    json.writeStringField(
        "p", Html.truncate(key == null ? row.prompt() : rest(row.prompt(), split)));
    json.writeStringField("o", Html.truncate(row.output()));
    ToolCallTexts.write(json, "t", row.toolCalls(), Html::truncate);
    ModelResponse response = outcome.response();
    StepTexts.write(json, "st", response.steps(), redactor, Html::truncate);
    json.writeStringField(
        "e",
        response.error() == null
            ? ""
            : response.error().id()
                + ": "
                + (response.errorMessage() == null ? "" : redactor.apply(response.errorMessage())));
    List<String> attempts = AttemptTexts.lines(response, redactor::apply);
    if (!attempts.isEmpty()) {
      json.writeArrayFieldStart("a");
      for (String attempt : attempts) {
        json.writeString(Html.truncate(attempt));
      }
      json.writeEndArray();
    }
    json.writeBooleanField("ok", row.ok());
    ResultsWriter.writeChecks(json, "k", outcome.checks(), redactor);
    if (row.fields() != null && !row.fields().isEmpty()) {
      json.writeFieldName("f");
      row.fields().write(json, Html::truncate);
    }
    json.writeEndObject();
  }

  /**
   * Where the leading system messages of a prompt text ({@link ResultsWriter#promptText}: messages
   * as {@code [role] content} joined by blank lines) end: before the first blank line followed by
   * another role's marker; the whole text when only system messages follow; 0 when the prompt does
   * not start with one. Both producers split the same text by this rule, so they agree whatever a
   * system message holds.
   */
  static int systemEnd(String prompt) {
    if (!prompt.startsWith(marker(Role.SYSTEM))) {
      return 0;
    }
    int end = prompt.length();
    for (Role role : Role.values()) {
      if (role != Role.SYSTEM) {
        int at = prompt.indexOf("\n\n" + marker(role));
        if (at >= 0 && at < end) {
          end = at;
        }
      }
    }
    return end;
  }

  private static String marker(Role role) {
    return "[" + role.wireName() + "] ";
  }

  private static String rest(String prompt, int split) {
    return split + 2 <= prompt.length() ? prompt.substring(split + 2) : "";
  }

  /**
   * The system prompts of one page, each kept once and referred to by key from the rows that use
   * it: a suite's variants usually share a few system prompts, which used to be repeated in every
   * row. At most {@value #MAX} are kept (a system prompt rendered from case variables differs from
   * case to case; past the limit a row keeps its whole prompt). Keys are the first 64 bits of the
   * text's SHA-256, so both producers give a text the same key. Safe for the threads that prepare
   * rows.
   */
  static final class SystemPrompts {
    static final int MAX = 100;

    /** A system prompt is shown in full up to this many characters. */
    static final int TEXT_LIMIT = 20_000;

    private final Map<String, String> texts = new ConcurrentHashMap<>();

    /**
     * The key of {@code system}, kept now if there is room; null when the page has no room for it.
     */
    @Nullable String keyOf(String system) {
      String key = key(system);
      if (texts.containsKey(key)) {
        return key;
      }
      if (texts.size() >= MAX) {
        return null;
      }
      texts.putIfAbsent(
          key, system.length() > TEXT_LIMIT ? system.substring(0, TEXT_LIMIT) + " [...]" : system);
      return key;
    }

    /** The prompts as a JSON object, key to text, sorted by key. */
    void write(JsonGenerator json) throws IOException {
      json.writeStartObject();
      for (Map.Entry<String, String> prompt : new TreeMap<>(texts).entrySet()) {
        json.writeStringField(prompt.getKey(), prompt.getValue());
      }
      json.writeEndObject();
    }

    private static String key(String text) {
      try {
        byte[] hash =
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 8);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Page rows from the lines of a results file, in file order (a case's lines come together). */
  static final class FromResults {
    private final SystemPrompts prompts;
    private String lastCase = "";
    private boolean started;

    FromResults(SystemPrompts prompts) {
      this.prompts = prompts;
    }

    /** The page row of one results line (compact JSON, not yet escaped for the page). */
    String row(ResultsCursor.Row line) throws IOException {
      boolean first = !started || !line.caseId.equals(lastCase);
      started = true;
      lastCase = line.caseId;
      StringWriter text = new StringWriter(256);
      try (JsonGenerator json = Html.JSON.getFactory().createGenerator(text)) {
        // the line's texts were redacted when it was written
        write(json, PageRows.row(line, first), prompts, Redactor.NONE);
      }
      return text.toString();
    }

    /** {@link #row(ResultsCursor.Row)} of a line's text. */
    String row(String line) throws IOException {
      return row(ResultsCursor.row(line));
    }
  }
}

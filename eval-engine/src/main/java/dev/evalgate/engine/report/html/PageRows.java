package dev.evalgate.engine.report.html;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evalgate.api.Role;
import dev.evalgate.api.ToolCall;
import dev.evalgate.engine.report.results.ToolCallTexts;
import dev.evalgate.engine.report.results.CaseFields;
import dev.evalgate.engine.report.results.ResultsWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The rows of {@code report.html}'s case table, one per call, in the one format that the page's
 * script reads: both producers (the rows made while a run goes, {@link EmbeddedCases}, and the rows
 * made from a results file, {@link FromResults}) hand a {@link Row} to {@link #write}.
 *
 * <p>A row's fields: {@code c} case id, {@code v} variant, {@code r} repeat, {@code s} the key of its
 * system prompt in the page's {@link SystemPrompts} (absent when the prompt is kept whole),
 * {@code p} the prompt after its system messages (or the whole prompt), {@code o} answer,
 * {@code e} error, {@code t} the answer's tool calls ({@code id}, {@code name}, {@code arguments} as
 * results.jsonl has them; absent when it made none), {@code ok} every check passed, {@code k} the
 * checks as results.jsonl has them,
 * and on the first row of a case only {@code f}, the case's fields that checks read
 * ({@link CaseFields}). Texts longer than {@value Html#TEXT_LIMIT} characters are cut.
 */
final class PageRows {
  private PageRows() {}

  /** One call, as the page shows it. */
  record Row(String caseId, String variant, int repeat, String prompt, String output, List<ToolCall> toolCalls, String error,
      boolean ok, ChecksWriter checks, @Nullable CaseFields fields) {}

  /** Writes a row's checks as the array field {@code k}. */
  interface ChecksWriter {
    void write(JsonGenerator json) throws IOException;
  }

  static void write(JsonGenerator json, Row row, SystemPrompts prompts) throws IOException {
    json.writeStartObject();
    json.writeStringField("c", row.caseId());
    json.writeStringField("v", row.variant());
    json.writeNumberField("r", row.repeat());
    int split = systemEnd(row.prompt());
    String key = split == 0 ? null : prompts.keyOf(row.prompt().substring(0, split));
    if (key != null) {
      json.writeStringField("s", key);
    }
    json.writeStringField("p", Html.truncate(key == null ? row.prompt() : rest(row.prompt(), split)));
    json.writeStringField("o", Html.truncate(row.output()));
    ToolCallTexts.write(json, "t", row.toolCalls(), Html::truncate);
    json.writeStringField("e", row.error());
    json.writeBooleanField("ok", row.ok());
    row.checks().write(json);
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
   * The system prompts of one page, each kept once and referred to by key from the rows that use it:
   * a suite's variants usually share a few system prompts, which used to be repeated in every row.
   * At most {@value #MAX} are kept (a system prompt rendered from case variables differs from case to
   * case; past the limit a row keeps its whole prompt). Keys are the first 64 bits of the text's
   * SHA-256, so both producers give a text the same key. Safe for the threads that prepare rows.
   */
  static final class SystemPrompts {
    static final int MAX = 100;
    /** A system prompt is shown in full up to this many characters. */
    static final int TEXT_LIMIT = 20_000;

    private final Map<String, String> texts = new ConcurrentHashMap<>();

    /** The key of {@code system}, kept now if there is room; null when the page has no room for it. */
    @Nullable String keyOf(String system) {
      String key = key(system);
      if (texts.containsKey(key)) {
        return key;
      }
      if (texts.size() >= MAX) {
        return null;
      }
      texts.putIfAbsent(key, system.length() > TEXT_LIMIT ? system.substring(0, TEXT_LIMIT) + " [...]" : system);
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
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
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
    String row(String line) throws IOException {
      JsonNode row = Html.JSON.readTree(line);
      String caseId = row.path("case_id").asText();
      boolean first = !started || !caseId.equals(lastCase);
      started = true;
      lastCase = caseId;
      String error = row.path("error_class").isNull() ? ""
          : row.path("error_class").asText() + ": " + (row.path("error").isTextual() ? row.path("error").asText() : "");
      Row page = new Row(caseId, row.path("variant").asText(), row.path("repeat").asInt(), row.path("prompt").asText(),
          row.path("output").isNull() ? "" : row.path("output").asText(), ToolCallTexts.read(row.path("tool_calls")), error, row.path("passed").asBoolean(),
          json -> {
            json.writeFieldName("k");
            json.writeTree(row.path("checks"));
          },
          first ? CaseFields.read(row.path("case")) : null);
      java.io.StringWriter text = new java.io.StringWriter(line.length());
      try (JsonGenerator json = Html.JSON.getFactory().createGenerator(text)) {
        write(json, page, prompts);
      }
      return text.toString();
    }
  }

}

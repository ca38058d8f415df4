package dev.evalgate.engine.report.results;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.io.AtomicFiles;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.PreparingSink;
import dev.evalgate.engine.model.VariantOutcome;
import dev.evalgate.engine.redact.Redactor;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Appends one JSON line per case, variant and repeat to {@code results.jsonl} as cases complete
 * (format {@code evalgate-results/v1}, documented in REPORTS.md). The file is written under a
 * temporary name and moved into place when the run ends, so readers never see a torn file.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ResultsWriter implements PreparingSink<byte[]>, AutoCloseable {
  public static final String FILE = "results.jsonl";

  private final SuiteSpec suite;
  private final Map<String, VariantSpec> variants;
  private final Redactor redactor;
  private final Path target;
  private final Path temp;
  private final OutputStream out;
  private final JsonFactory factory = new ObjectMapper().getFactory();

  public ResultsWriter(
      SuiteSpec suite, List<VariantSpec> variants, Path folder, Redactor redactor) {
    this.suite = suite;
    this.variants =
        variants.stream().collect(Collectors.toMap(VariantSpec::name, Function.identity()));
    this.redactor = redactor;
    try {
      Files.createDirectories(folder);
      this.target = folder.resolve(FILE);
      this.temp = AtomicFiles.temp(folder, FILE);
      this.out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException(
          new IOException("cannot write results in " + folder + ": " + e.getMessage(), e));
    }
  }

  public Path path() {
    return target;
  }

  /** The result's lines, serialised and redacted on the caller's thread. */
  @Override
  public byte[] prepare(CaseResult result) {
    return prepare(result, new CaseTexts(result, redactor));
  }

  /** As {@link #prepare(CaseResult)}, with the case's texts redacted once for every report. */
  public byte[] prepare(CaseResult result, CaseTexts texts) {
    return jsonLines(factory, result, (json, outcome) -> write(json, result, outcome, texts));
  }

  /** Writes one call of a case as a JSON object. */
  public interface CallWriter {
    void write(JsonGenerator json, VariantOutcome outcome) throws IOException;
  }

  /** One JSON line per call of {@code result}, UTF-8, each ended by a line break. */
  public static byte[] jsonLines(JsonFactory factory, CaseResult result, CallWriter writer) {
    try (ByteArrayBuilder bytes = new ByteArrayBuilder(2048)) {
      try (JsonGenerator json = factory.createGenerator(bytes, JsonEncoding.UTF8)) {
        json.setRootValueSeparator(null);
        for (VariantOutcome outcome : result.outcomes()) {
          writer.write(json, outcome);
          json.flush();
          bytes.write('\n');
        }
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Appends a case's lines. They reach the temporary file 64 KB at a time, not with a system call
   * per case: nothing reads that file before {@link #close()} moves it into place.
   */
  @Override
  public void accept(CaseResult result, byte[] lines) {
    try {
      out.write(lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(JsonGenerator json, CaseResult result, VariantOutcome outcome, CaseTexts texts)
      throws IOException {
    VariantSpec variant = variants.get(outcome.variant());
    ModelResponse r = outcome.response();
    json.writeStartObject();
    json.writeStringField(ResultsFields.CASE_ID, result.caseId());
    json.writeNumberField(ResultsFields.DATASET_LINE, result.evalCase().line());
    json.writeStringField(ResultsFields.VARIANT, outcome.variant());
    json.writeNumberField(ResultsFields.REPEAT, outcome.repeat());
    json.writeStringField(ResultsFields.EXPERIMENT_ID, suite.experiment());
    json.writeStringField(ResultsFields.MODEL, variant == null ? null : variant.model());
    json.writeStringField(
        ResultsFields.PROMPT_VERSION, variant == null ? null : variant.promptVersion());
    json.writeNumberField(ResultsFields.TOKENS_IN, r.usage().promptTokens());
    json.writeNumberField(ResultsFields.TOKENS_OUT, r.usage().completionTokens());
    json.writeBooleanField(ResultsFields.TOKENS_ESTIMATED, r.usage().estimated());
    if (outcome.costUsd() == null) {
      json.writeNullField(ResultsFields.COST_USD);
    } else {
      json.writeNumberField(ResultsFields.COST_USD, outcome.costUsd());
    }
    json.writeNumberField(ResultsFields.LATENCY_MS, r.latency().toNanos() / 1e6);
    json.writeNumberField(ResultsFields.CALL_MS, r.callTime().toNanos() / 1e6);
    if (r.attempts() > 0) {
      json.writeNumberField(ResultsFields.ATTEMPTS, r.attempts());
    }
    if (!r.retriedErrors().isEmpty()) {
      json.writeArrayFieldStart(ResultsFields.RETRIED_ERRORS);
      for (String error : r.retriedErrors()) {
        json.writeString(redactor.apply(error));
      }
      json.writeEndArray();
    }
    if (r.timeToFirstByte() == null) {
      json.writeNullField(ResultsFields.TTFB_MS);
    } else {
      json.writeNumberField(ResultsFields.TTFB_MS, r.timeToFirstByte().toMillis());
    }
    if (r.timeToFirstToken() != null) {
      json.writeNumberField(ResultsFields.FIRST_TOKEN_MS, r.timeToFirstToken().toNanos() / 1e6);
    }
    json.writeStringField(ResultsFields.FINISH_REASON, r.finishReason());
    json.writeStringField(ResultsFields.ERROR_CLASS, r.error() == null ? null : r.error().id());
    json.writeStringField(
        ResultsFields.ERROR, r.errorMessage() == null ? null : redactor.apply(r.errorMessage()));
    json.writeBooleanField(ResultsFields.RECORDED, r.recorded());
    json.writeStringField(ResultsFields.PROMPT, texts.prompt(outcome.variant()));
    json.writeStringField(ResultsFields.OUTPUT, texts.output(outcome));
    ToolCallTexts.write(
        json, ResultsFields.TOOL_CALLS, texts.toolCalls(outcome), UnaryOperator.identity());
    StepTexts.write(json, ResultsFields.STEPS, r.steps(), redactor, UnaryOperator.identity());
    json.writeBooleanField(ResultsFields.PASSED, outcome.passedAll());
    writeChecks(json, ResultsFields.CHECKS, outcome.checks(), redactor);
    CaseFields fields = texts.fields();
    if (fields != null) {
      json.writeFieldName(ResultsFields.CASE);
      fields.write(json, UnaryOperator.identity());
    }
    Map<String, CheckResult.Outcome> labels = result.evalCase().labels();
    if (!labels.isEmpty()) {
      json.writeObjectFieldStart(ResultsFields.LABELS);
      for (Map.Entry<String, CheckResult.Outcome> label : labels.entrySet()) {
        json.writeStringField(
            label.getKey(), label.getValue() == CheckResult.Outcome.PASSED ? "pass" : "fail");
      }
      json.writeEndObject();
    }
    Map<String, String> slices = result.evalCase().slices();
    if (!slices.isEmpty()) {
      json.writeObjectFieldStart(ResultsFields.SLICES);
      for (Map.Entry<String, String> slice : new java.util.TreeMap<>(slices).entrySet()) {
        json.writeStringField(slice.getKey(), slice.getValue());
      }
      json.writeEndObject();
    }
    if (result.evalCase().cluster() != null) {
      json.writeStringField(ResultsFields.CLUSTER, result.evalCase().cluster());
    }
    json.writeEndObject();
  }

  /**
   * Writes {@code checks} as the array field {@code field}: name, family, passed, outcome (passed,
   * failed or not_applicable), score, reason (redacted) and details (sorted, without the family).
   * Shared with the HTML page's case rows.
   */
  public static void writeChecks(
      JsonGenerator json, String field, List<CheckResult> checks, Redactor redactor)
      throws IOException {
    json.writeArrayFieldStart(field);
    for (CheckResult check : checks) {
      json.writeStartObject();
      json.writeStringField(ResultsFields.CHECK_NAME, check.check());
      json.writeStringField(
          ResultsFields.CHECK_FAMILY,
          check.details().getOrDefault(CheckResult.DETAIL_FAMILY, "custom"));
      json.writeBooleanField(ResultsFields.CHECK_PASSED, check.passed());
      json.writeStringField(ResultsFields.CHECK_OUTCOME, check.outcome().id());
      if (check.score() == null) {
        json.writeNullField(ResultsFields.CHECK_SCORE);
      } else {
        json.writeNumberField(ResultsFields.CHECK_SCORE, check.score());
      }
      json.writeStringField(ResultsFields.CHECK_REASON, redactor.apply(check.reason()));
      json.writeObjectFieldStart(ResultsFields.CHECK_DETAILS);
      for (Map.Entry<String, String> detail :
          check.details().entrySet()) { // sorted by key (CheckResult keeps them so)
        if (!detail.getKey().equals(CheckResult.DETAIL_FAMILY)) {
          json.writeStringField(detail.getKey(), detail.getValue());
        }
      }
      json.writeEndObject();
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  public static String promptText(@Nullable List<ChatMessage> prompt) {
    if (prompt == null) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    for (ChatMessage message : prompt) {
      if (text.length() > 0) {
        text.append("\n\n");
      }
      text.append('[').append(message.role().wireName()).append("] ").append(message.content());
      if (!message.toolCalls().isEmpty()) {
        text.append(ToolCallTexts.lines(message.toolCalls()));
      }
    }
    return text.toString();
  }

  /** Moves the file into place; also called when the run fails, so what was written is kept. */
  @Override
  public void close() {
    try {
      out.close();
      AtomicFiles.move(temp, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

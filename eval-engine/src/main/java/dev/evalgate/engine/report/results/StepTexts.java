package dev.evalgate.engine.report.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.evalgate.api.CallStep;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.api.ToolCall;
import dev.evalgate.engine.redact.Redactor;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The trace of an app variant's answer as the reports write it: per model call, in order, the API,
 * model, tokens, latency, time to first token of a stream, whether it streamed and was replayed,
 * the HTTP status, finish reason, tool calls (redacted) and, for a failed call, its class and
 * message (redacted). Written in results.jsonl (field {@code steps}, whole) and on the page's rows
 * (field {@code st}, texts cut like the page's others); {@link ResultsCursor} reads them back with
 * {@link #read}, so a merged run's metrics and page see the same steps as the live run's. The field
 * names are {@link ResultsFields}'.
 */
public final class StepTexts {
  private StepTexts() {}

  /**
   * Writes {@code steps} as the array field {@code field}, redacting tool arguments and error
   * messages with {@code redactor} and cutting them with {@code cut}; nothing for a single call.
   */
  public static void write(
      JsonGenerator json,
      String field,
      List<CallStep> steps,
      Redactor redactor,
      UnaryOperator<String> cut)
      throws IOException {
    if (steps.isEmpty()) {
      return;
    }
    json.writeArrayFieldStart(field);
    for (CallStep step : steps) {
      json.writeStartObject();
      json.writeStringField(ResultsFields.STEP_PROVIDER, step.provider());
      json.writeStringField(ResultsFields.MODEL, step.model());
      json.writeNumberField(ResultsFields.TOKENS_IN, step.usage().promptTokens());
      json.writeNumberField(ResultsFields.TOKENS_OUT, step.usage().completionTokens());
      json.writeBooleanField(ResultsFields.TOKENS_ESTIMATED, step.usage().estimated());
      json.writeNumberField(ResultsFields.LATENCY_MS, step.latency().toNanos() / 1e6);
      if (step.timeToFirstToken() != null) {
        json.writeNumberField(
            ResultsFields.FIRST_TOKEN_MS, step.timeToFirstToken().toNanos() / 1e6);
      }
      json.writeBooleanField(ResultsFields.STEP_STREAM, step.stream());
      json.writeBooleanField(ResultsFields.RECORDED, step.recorded());
      json.writeNumberField(ResultsFields.STEP_STATUS, step.httpStatus());
      json.writeStringField(ResultsFields.FINISH_REASON, step.finishReason());
      ToolCallTexts.write(
          json, ResultsFields.TOOL_CALLS, ToolCallTexts.redacted(step.toolCalls(), redactor), cut);
      if (step.error() != null) {
        json.writeStringField(ResultsFields.ERROR_CLASS, step.error().id());
        json.writeStringField(
            ResultsFields.ERROR,
            step.errorMessage() == null ? null : cut.apply(redactor.apply(step.errorMessage())));
      }
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /**
   * The steps of a results line's {@code steps}, read from the parser standing on the field's value
   * (the tools a step offered are not written, so they read back empty).
   */
  public static List<CallStep> read(JsonParser parser, JsonToken token) throws IOException {
    if (token != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return List.of();
    }
    List<CallStep> result = new ArrayList<>(4);
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token != JsonToken.START_OBJECT) {
        parser.skipChildren();
        continue;
      }
      result.add(step(parser));
    }
    return result;
  }

  private static CallStep step(JsonParser parser) throws IOException {
    String provider = "";
    String model = null;
    long tokensIn = 0;
    long tokensOut = 0;
    boolean estimated = false;
    double latencyMs = 0;
    Double firstTokenMs = null;
    boolean stream = false;
    boolean recorded = false;
    int status = 0;
    String finishReason = null;
    List<ToolCall> toolCalls = List.of();
    ErrorClass error = null;
    String errorMessage = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case ResultsFields.STEP_PROVIDER -> {
          String text = text(parser, value);
          provider = text == null ? "" : text;
        }
        case ResultsFields.MODEL -> model = text(parser, value);
        case ResultsFields.TOKENS_IN -> tokensIn = parser.getValueAsLong();
        case ResultsFields.TOKENS_OUT -> tokensOut = parser.getValueAsLong();
        case ResultsFields.TOKENS_ESTIMATED -> estimated = parser.getValueAsBoolean();
        case ResultsFields.LATENCY_MS -> latencyMs = parser.getValueAsDouble();
        case ResultsFields.FIRST_TOKEN_MS ->
            firstTokenMs = value.isNumeric() ? parser.getValueAsDouble() : null;
        case ResultsFields.STEP_STREAM -> stream = parser.getValueAsBoolean();
        case ResultsFields.RECORDED -> recorded = parser.getValueAsBoolean();
        case ResultsFields.STEP_STATUS -> status = parser.getValueAsInt();
        case ResultsFields.FINISH_REASON -> finishReason = text(parser, value);
        case ResultsFields.TOOL_CALLS -> toolCalls = ToolCallTexts.read(parser, value);
        case ResultsFields.ERROR_CLASS -> {
          String id = text(parser, value);
          error = id == null ? null : known(id);
        }
        case ResultsFields.ERROR -> errorMessage = text(parser, value);
        default -> parser.skipChildren();
      }
    }
    return new CallStep(
        provider,
        model,
        new TokenUsage(tokensIn, tokensOut, estimated),
        Duration.ofNanos(Math.round(latencyMs * 1e6)),
        firstTokenMs == null ? null : Duration.ofNanos(Math.round(firstTokenMs * 1e6)),
        toolCalls,
        finishReason,
        stream,
        recorded,
        status,
        error,
        errorMessage,
        List.of());
  }

  /** An error class a later version may have added reads as the catch-all {@code exception}. */
  private static ErrorClass known(String id) {
    try {
      return ErrorClass.fromId(id);
    } catch (IllegalArgumentException e) {
      return ErrorClass.EXCEPTION;
    }
  }

  /** The string value the parser stands on; {@code null} for anything else (skipped). */
  private static @Nullable String text(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    parser.skipChildren();
    return null;
  }
}

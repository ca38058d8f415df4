package dev.evalgate.engine.report.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.evalgate.api.ToolCall;
import dev.evalgate.engine.redact.Redactor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The tool calls of an answer as the reports write them: {@code [{"id", "name", "arguments"}]}, the
 * arguments as the model wrote them (valid JSON or not) and redacted like the answer. Written in
 * results.jsonl (field {@code tool_calls}, whole), on the page's rows (field {@code t}, arguments
 * cut like the page's other texts) and as the Allure attachment "tool calls"; {@link ResultsCursor}
 * reads them back with {@link #read}. The field names are {@link ResultsFields}'.
 */
public final class ToolCallTexts {
  private ToolCallTexts() {}

  /** The calls with redacted arguments. */
  public static List<ToolCall> redacted(List<ToolCall> calls, Redactor redactor) {
    if (calls.isEmpty()) {
      return List.of();
    }
    List<ToolCall> result = new ArrayList<>(calls.size());
    for (ToolCall call : calls) {
      result.add(ToolCall.of(call.id(), call.name(), redactor.apply(call.arguments())));
    }
    return result;
  }

  /**
   * Writes {@code calls} as the array field {@code field}, each arguments text through {@code cut};
   * nothing when there are none.
   */
  public static void write(
      JsonGenerator json, String field, List<ToolCall> calls, UnaryOperator<String> cut)
      throws IOException {
    if (calls.isEmpty()) {
      return;
    }
    json.writeArrayFieldStart(field);
    for (ToolCall call : calls) {
      json.writeStartObject();
      if (call.id() != null) {
        json.writeStringField(ResultsFields.TOOL_CALL_ID, call.id());
      }
      json.writeStringField(ResultsFields.TOOL_CALL_NAME, call.name());
      json.writeStringField(ResultsFields.TOOL_CALL_ARGUMENTS, cut.apply(call.arguments()));
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /**
   * The calls of a results line's {@code tool_calls}, read from the parser standing on the field's
   * value.
   */
  public static List<ToolCall> read(JsonParser parser, JsonToken token) throws IOException {
    if (token != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return List.of();
    }
    List<ToolCall> result = new ArrayList<>(2);
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token != JsonToken.START_OBJECT) {
        parser.skipChildren();
        continue;
      }
      String id = null;
      String name = "";
      String arguments = "";
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case ResultsFields.TOOL_CALL_ID ->
              id = value == JsonToken.VALUE_STRING ? parser.getText() : null;
          case ResultsFields.TOOL_CALL_NAME ->
              name = value == JsonToken.VALUE_STRING ? parser.getText() : "";
          case ResultsFields.TOOL_CALL_ARGUMENTS ->
              arguments = value == JsonToken.VALUE_STRING ? parser.getText() : "";
          default -> parser.skipChildren();
        }
      }
      result.add(ToolCall.of(id, name, arguments));
    }
    return result;
  }

  /**
   * One line per call, {@code → name(arguments)}, as the prompt text shows a conversation's earlier
   * calls.
   */
  public static String lines(List<ToolCall> calls) {
    StringBuilder text = new StringBuilder();
    for (ToolCall call : calls) {
      text.append("\n→ ").append(call.name()).append('(').append(call.arguments()).append(')');
    }
    return text.toString();
  }
}

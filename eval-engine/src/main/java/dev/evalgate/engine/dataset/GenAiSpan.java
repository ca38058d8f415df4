package dev.evalgate.engine.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One OTLP span as a dataset row, when it is a GenAI call (it has a {@code gen_ai.*} attribute):
 * the case fields {@code id} (the span id), {@code time}, {@code messages}, {@code answer}, {@code
 * model} ({@code gen_ai.request.model}), {@code provider}, {@code input_tokens}, {@code
 * output_tokens}, {@code latency_ms}, {@code error}, {@code trace_id}, {@code span_id} and the
 * team's {@code experiment_id}, {@code variant}, {@code prompt_version} (the span's attribute, else
 * its resource's).
 */
final class GenAiSpan {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Attributes the team adds to its GenAI spans and that become case fields of the same name. */
  static final List<String> TEAM_ATTRIBUTES = List.of("experiment_id", "variant", "prompt_version");

  private GenAiSpan() {}

  /**
   * The span's record; {@code null} when the span is not a GenAI call (an HTTP or database span of
   * the same trace).
   */
  static @Nullable TraceRecord read(ObjectNode span, Map<String, JsonNode> resource, long line) {
    String name = span.path("name").asText("");
    String spanId = span.path("spanId").asText("");
    String where =
        "span" + (name.isEmpty() ? "" : " '" + name + "'") + (spanId.isEmpty() ? "" : " " + spanId);
    try {
      Map<String, JsonNode> attributes =
          OtlpAttributes.decode(span.get("attributes"), "attributes");
      if (attributes.keySet().stream().noneMatch(k -> k.startsWith("gen_ai."))) {
        return null;
      }
      if (spanId.isEmpty()) {
        throw new IllegalArgumentException("expected a spanId (hex text), the case's id");
      }
      long start = nanos(span.get("startTimeUnixNano"), "startTimeUnixNano", true);
      long end = nanos(span.get("endTimeUnixNano"), "endTimeUnixNano", false);
      List<GenAiContent.Event> events = events(span.get("events"));
      ArrayNode messages = GenAiContent.messages(attributes, events);
      if (messages.isEmpty()) {
        throw new IllegalArgumentException(
            "a GenAI call without its prompt; expected gen_ai.input.messages, gen_ai.prompt or"
                + " gen_ai.*.message events (turn on the instrumentation's content capture)");
      }
      Instant time = Instant.ofEpochSecond(0, start);
      ObjectNode row = NODES.objectNode();
      row.put("id", spanId);
      row.put("time", time.toString());
      row.set("messages", messages);
      String answer = GenAiContent.answer(attributes, events);
      if (answer != null) {
        row.put("answer", answer);
      }
      copy(row, "model", attributes, "gen_ai.request.model", "gen_ai.response.model");
      copy(row, "provider", attributes, "gen_ai.provider.name", "gen_ai.system");
      copy(
          row,
          "input_tokens",
          attributes,
          "gen_ai.usage.input_tokens",
          "gen_ai.usage.prompt_tokens");
      copy(
          row,
          "output_tokens",
          attributes,
          "gen_ai.usage.output_tokens",
          "gen_ai.usage.completion_tokens");
      for (String team : TEAM_ATTRIBUTES) {
        JsonNode value = attributes.containsKey(team) ? attributes.get(team) : resource.get(team);
        if (value != null && !value.isNull()) {
          row.set(team, value);
        }
      }
      if (end > 0 && end >= start) {
        row.put("latency_ms", (end - start) / 1_000_000.0);
      }
      String error = error(span.get("status"), attributes);
      if (error != null) {
        row.put("error", error);
      }
      row.put("trace_id", span.path("traceId").asText(""));
      row.put("span_id", spanId);
      return new TraceRecord(
          line,
          row,
          time,
          key -> {
            JsonNode value = row.get(key);
            if (value == null || key.equals("messages")) {
              value = attributes.containsKey(key) ? attributes.get(key) : resource.get(key);
            }
            return value;
          },
          null);
    } catch (IllegalArgumentException e) {
      return TraceRecord.problem(line, where + ": " + e.getMessage());
    }
  }

  private static void copy(
      ObjectNode row, String field, Map<String, JsonNode> attributes, String... names) {
    for (String name : names) {
      JsonNode value = attributes.get(name);
      if (value != null && !value.isNull()) {
        row.set(field, value);
        return;
      }
    }
  }

  private static @Nullable String error(
      @Nullable JsonNode status, Map<String, JsonNode> attributes) {
    if (status == null
        || (status.path("code").asInt(0) != 2
            && !status.path("code").asText("").equals("STATUS_CODE_ERROR"))) {
      return null;
    }
    String message = status.path("message").asText("");
    if (!message.isEmpty()) {
      return message;
    }
    JsonNode type = attributes.get("error.type");
    return type == null ? "error" : type.asText();
  }

  private static List<GenAiContent.Event> events(@Nullable JsonNode list) {
    List<GenAiContent.Event> events = new ArrayList<>();
    if (list == null || list.isNull()) {
      return events;
    }
    if (!list.isArray()) {
      throw new IllegalArgumentException(
          "events must be an array of {\"name\": ..., \"attributes\": [...]}, but was "
              + OtlpAttributes.kind(list));
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode event = list.get(i);
      events.add(
          new GenAiContent.Event(
              event.path("name").asText(""),
              OtlpAttributes.decode(event.get("attributes"), "events[" + i + "].attributes")));
    }
    return events;
  }

  /** Nanoseconds since the epoch, written as text or a number; 0 when absent and optional. */
  private static long nanos(@Nullable JsonNode value, String field, boolean required) {
    if (value == null || value.isNull() || value.asText().isEmpty()) {
      if (required) {
        throw new IllegalArgumentException(
            "expected " + field + " (nanoseconds since 1970, as text or a number)");
      }
      return 0;
    }
    try {
      long nanos = value.isNumber() ? value.longValue() : Long.parseLong(value.asText());
      if (nanos < 0) {
        throw new NumberFormatException();
      }
      return nanos;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          field
              + " must be nanoseconds since 1970 (a non-negative integer), but was '"
              + value.asText()
              + "'");
    }
  }
}

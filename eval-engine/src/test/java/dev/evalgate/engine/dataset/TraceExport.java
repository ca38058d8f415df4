package dev.evalgate.engine.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes OTLP/JSON trace exports for tests, one span per line so that a test knows the line of
 * every span: what an instrumented application's exporter would have written, never hand-typed.
 */
final class TraceExport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Object> resource = new LinkedHashMap<>();
  private final List<String> spanLines = new ArrayList<>();
  private final Map<String, Long> lines = new LinkedHashMap<>();

  /** A resource attribute, shared by every span of the export. */
  TraceExport resource(String key, Object value) {
    resource.put(key, value);
    return this;
  }

  /** A span as written, keyed by its id (or its position) for {@link #lineOf}. */
  TraceExport span(String key, ObjectNode span) {
    lines.put(key, (long) (FIRST_SPAN_LINE + spanLines.size()));
    spanLines.add(span.toString());
    return this;
  }

  /** Raw text where a span goes: for malformed input. */
  TraceExport raw(String key, String text) {
    lines.put(key, (long) (FIRST_SPAN_LINE + spanLines.size()));
    spanLines.add(text);
    return this;
  }

  long lineOf(String key) {
    return lines.get(key);
  }

  private static final int FIRST_SPAN_LINE = 4;

  String text() {
    StringBuilder out = new StringBuilder();
    out.append("{\"resourceSpans\": [\n");
    out.append(" {\"resource\": {\"attributes\": ").append(attributes(resource)).append("},\n");
    out.append(
        "  \"scopeSpans\": [{\"scope\": {\"name\": \"openai-instrumentation\"}, \"spans\": [\n");
    for (int i = 0; i < spanLines.size(); i++) {
      out.append(spanLines.get(i)).append(i + 1 < spanLines.size() ? ",\n" : "\n");
    }
    out.append("  ]}]}\n]}\n");
    return out.toString();
  }

  Path write(Path file) {
    try {
      Files.writeString(file, text(), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A chat span: its timing and status; attributes and events are added by the caller. */
  static ObjectNode span(String spanId, Instant start, long durationMillis) {
    ObjectNode span = JSON.createObjectNode();
    span.put("traceId", "5b8efff798038103d269b633813fc60c");
    span.put("spanId", spanId);
    span.put("name", "chat");
    span.put("kind", 3);
    long startNanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
    span.put("startTimeUnixNano", Long.toString(startNanos));
    span.put("endTimeUnixNano", Long.toString(startNanos + durationMillis * 1_000_000L));
    span.set("attributes", JSON.createArrayNode());
    span.set("events", JSON.createArrayNode());
    span.putObject("status");
    return span;
  }

  /** A chat span with the current GenAI conventions: messages as JSON attributes. */
  static ObjectNode chat(
      String spanId,
      Instant start,
      long durationMillis,
      Map<String, Object> attributes,
      String system,
      String prompt,
      String answer) {
    ObjectNode span = span(spanId, start, durationMillis);
    attributes.forEach((k, v) -> attribute(span, k, v));
    attribute(
        span,
        "gen_ai.system_instructions",
        "[{\"type\":\"text\",\"content\":" + quote(system) + "}]");
    attribute(
        span,
        "gen_ai.input.messages",
        "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":" + quote(prompt) + "}]}]");
    attribute(
        span,
        "gen_ai.output.messages",
        "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":"
            + quote(answer)
            + "}],\"finish_reason\":\"stop\"}]");
    return span;
  }

  static ObjectNode attribute(ObjectNode span, String key, Object value) {
    ((ArrayNode) span.get("attributes")).add(keyValue(key, value));
    return span;
  }

  static ObjectNode event(ObjectNode span, String name, Map<String, Object> attributes) {
    ObjectNode event = ((ArrayNode) span.get("events")).addObject();
    event.put("timeUnixNano", span.get("startTimeUnixNano").asText());
    event.put("name", name);
    event.set("attributes", attributes(attributes));
    return span;
  }

  static ArrayNode attributes(Map<String, Object> values) {
    ArrayNode list = JSON.createArrayNode();
    values.forEach((k, v) -> list.add(keyValue(k, v)));
    return list;
  }

  private static ObjectNode keyValue(String key, Object value) {
    ObjectNode entry = JSON.createObjectNode();
    entry.put("key", key);
    ObjectNode any = entry.putObject("value");
    if (value instanceof Integer || value instanceof Long) {
      any.put("intValue", value.toString()); // OTLP/JSON writes 64-bit integers as text
    } else if (value instanceof Double d) {
      any.put("doubleValue", d);
    } else if (value instanceof Boolean b) {
      any.put("boolValue", b);
    } else {
      any.put("stringValue", value.toString());
    }
    return entry;
  }

  private static String quote(String text) {
    return JSON.getNodeFactory().textNode(text).toString();
  }
}

package dev.evalgate.engine.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A gateway's log of calls, one JSON object per line, as dataset rows: each case field is read from
 * the event field the suite maps it to ({@code fields: { prompt: request.input }}, a dotted path),
 * else from the event field of the same name. {@code prompt} is text (one user message) or {@code
 * [{"role", "content"}]} messages; {@code time} is ISO-8601 text or epoch milliseconds.
 */
final class EventLogSource implements TraceRecord.Source {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Case fields read as they are (text or numbers). */
  private static final List<String> PLAIN =
      List.of(
          "answer",
          "model",
          "provider",
          "variant",
          "experiment_id",
          "prompt_version",
          "input_tokens",
          "output_tokens",
          "latency_ms",
          "error");

  private final JsonlRowSource lines;
  private final Map<String, String> fields;

  EventLogSource(JsonlRowSource lines, Map<String, String> fields) {
    this.lines = lines;
    this.fields = fields;
  }

  @Override
  public @Nullable TraceRecord next() throws IOException {
    RowSource.Row line = lines.next();
    if (line == null) {
      return null;
    }
    if (line.fields() == null) {
      return TraceRecord.problem(line.line(), String.valueOf(line.problem()));
    }
    try {
      return read(line.fields(), line.line());
    } catch (IllegalArgumentException e) {
      return TraceRecord.problem(
          line.line(), Objects.requireNonNullElse(e.getMessage(), e.toString()));
    }
  }

  private TraceRecord read(ObjectNode event, long line) {
    ObjectNode row = NODES.objectNode();
    JsonNode id = field(event, "id");
    row.put("id", id != null ? id.asText() : "h-" + RowMapper.contentHash(event));
    Instant time = time(field(event, "time"));
    if (time != null) {
      row.put("time", time.toString());
    }
    JsonNode prompt = field(event, "prompt");
    if (prompt == null) {
      throw new IllegalArgumentException(
          "no prompt at '"
              + path("prompt")
              + "'; expected the prompt's text or its messages there"
              + (fields.containsKey("prompt") ? "" : " (map it with dataset.fields.prompt)"));
    }
    ArrayNode messages = NODES.arrayNode();
    JsonNode system = field(event, "system");
    if (system != null) {
      messages.addObject().put("role", "system").put("content", system.asText());
    }
    if (prompt.isArray()) {
      messages.addAll((ArrayNode) prompt);
    } else if (prompt.isTextual()) {
      messages.addObject().put("role", "user").put("content", prompt.textValue());
    } else {
      throw new IllegalArgumentException(
          "the prompt at '"
              + path("prompt")
              + "' must be text or [{\"role\": ..., \"content\": ...}] messages, but was "
              + OtlpAttributes.kind(prompt));
    }
    row.set("messages", messages);
    for (String name : PLAIN) {
      JsonNode value = field(event, name);
      if (value != null) {
        if (!value.isValueNode()) {
          throw new IllegalArgumentException(
              "'"
                  + path(name)
                  + "' must be text or a number, but was "
                  + OtlpAttributes.kind(value));
        }
        row.set(name, value);
      }
    }
    return new TraceRecord(
        line,
        row,
        time,
        key -> {
          JsonNode value = key.equals("messages") ? null : row.get(key);
          return value != null ? value : at(event, fields.getOrDefault(key, key));
        },
        null);
  }

  private String path(String field) {
    return fields.getOrDefault(field, field);
  }

  private @Nullable JsonNode field(ObjectNode event, String name) {
    JsonNode value = at(event, path(name));
    return value == null || value.isNull() ? null : value;
  }

  /** The value at a dotted path ({@code request.input}); a field whose name holds the dots wins. */
  static @Nullable JsonNode at(JsonNode node, String path) {
    JsonNode exact = node.get(path);
    if (exact != null) {
      return exact;
    }
    JsonNode current = node;
    for (String part : path.split("\\.")) {
      current = current.get(part);
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  private @Nullable Instant time(@Nullable JsonNode value) {
    if (value == null) {
      return null;
    }
    if (value.isNumber()) {
      return Instant.ofEpochMilli(value.longValue());
    }
    try {
      return OffsetDateTime.parse(value.asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'"
              + path("time")
              + "' must be an ISO-8601 time with an offset (2026-11-30T14:05:00Z) or epoch"
              + " milliseconds, but was '"
              + value.asText()
              + "'");
    }
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}

package dev.evalgate.engine.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.ExpectedToolCall;
import dev.evalgate.api.Role;
import dev.evalgate.api.ToolCall;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns one parsed row into a case. Known fields ({@code messages}, {@code context}, {@code
 * references}, {@code incorrect_references}, {@code expect}, {@code expected_tool_calls}, {@code
 * labels}) get their meaning; every field, known or not, is also a template variable. The fields
 * the suite slices by give the case its slice values.
 */
final class RowMapper {
  private static final ObjectMapper CANONICAL =
      new ObjectMapper()
          .configure(
              com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final String idField;
  private final @Nullable List<String> checks;
  private final List<String> slices;
  private final @Nullable String cluster;
  private final java.util.Set<String> slicesFound = new java.util.HashSet<>();
  private long idsFound;
  private long clustersFound;

  /**
   * @param checks the suite's check names, which a row's labels may name; {@code null} when the
   *     labels' names are not checked here
   */
  RowMapper(String idField, @Nullable List<String> checks) {
    this(idField, checks, List.of(), null);
  }

  /**
   * @param slices the fields the suite slices by ({@code slices}), whose values each case keeps
   * @param cluster the field whose value groups cases into clusters ({@code dataset.cluster}), or
   *     {@code null}
   */
  RowMapper(
      String idField,
      @Nullable List<String> checks,
      List<String> slices,
      @Nullable String cluster) {
    this.idField = idField;
    this.checks = checks;
    this.slices = List.copyOf(slices);
    this.cluster = cluster;
  }

  /** The slice fields that no row mapped so far has a value for, in suite order. */
  List<String> slicesNotFound() {
    return slices.stream().filter(f -> !slicesFound.contains(f)).toList();
  }

  /** The field whose value groups cases into clusters, or {@code null}. */
  @Nullable String cluster() {
    return cluster;
  }

  /** Rows mapped so far that have a value for the cluster field. */
  long clustersFound() {
    return clustersFound;
  }

  /** Rows mapped so far whose id came from the id field rather than a hash. */
  long idsFound() {
    return idsFound;
  }

  /**
   * Maps the row, or throws {@link IllegalArgumentException} saying what was expected.
   *
   * @param emptyCells the fields that are CSV cells left empty: variables with no value ({@link
   *     EmptyCell})
   */
  EvalCase map(ObjectNode row, long line, java.util.Set<String> emptyCells) {
    String id = id(row);
    Map<String, Object> variables = new LinkedHashMap<>();
    row.fields()
        .forEachRemaining(
            e ->
                variables.put(
                    e.getKey(),
                    emptyCells.contains(e.getKey()) ? EmptyCell.VALUE : value(e.getValue())));
    return EvalCase.builder(id)
        .variables(variables)
        .messages(messages(row.get("messages")))
        .context(context(row.get("context")))
        .references(strings(row, "references", "reference"))
        .incorrectReferences(strings(row, "incorrect_references", "incorrect_reference"))
        .expect(expect(row.get("expect")))
        .expectedToolCalls(expectedToolCalls(row.get("expected_tool_calls")))
        .line(line)
        .labels(labels(row.get("labels")))
        .slices(slices(row))
        .cluster(cluster(row))
        .build();
  }

  /** The row's cluster: its cluster field's value as text, {@code null} without one. */
  private @Nullable String cluster(ObjectNode row) {
    if (cluster == null) {
      return null;
    }
    JsonNode node = row.get(cluster);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isValueNode()) {
      throw new IllegalArgumentException(
          "field '"
              + cluster
              + "' names the case's cluster (dataset.cluster), so it must be text or a number, but"
              + " was "
              + abbreviate(node));
    }
    String text = node.asText().strip();
    if (text.isEmpty()) {
      return null;
    }
    clustersFound++;
    return text;
  }

  /**
   * The row's value of each slice field as text; a field the row lacks, or holds null or blank
   * text, is left out (the case is in that field's "(none)" slice).
   */
  private Map<String, String> slices(ObjectNode row) {
    if (slices.isEmpty()) {
      return Map.of();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String field : slices) {
      JsonNode node = row.get(field);
      if (node == null || node.isNull()) {
        continue;
      }
      if (!node.isValueNode()) {
        throw new IllegalArgumentException(
            "field '"
                + field
                + "' names the case's slice (slices: "
                + String.join(", ", slices)
                + "), so it must be text, a number or true/false, but was "
                + abbreviate(node));
      }
      String text = node.asText().strip();
      if (!text.isEmpty()) {
        values.put(field, text);
        slicesFound.add(field);
      }
    }
    return values;
  }

  /**
   * {@code labels}: an object from a check's name to {@code "pass"} or {@code "fail"}, in any case
   * and with spaces around it ignored (a CSV cell holds it as JSON text).
   */
  private Map<String, CheckResult.Outcome> labels(@Nullable JsonNode node) {
    if (node == null || node.isNull() || node.isTextual() && node.textValue().isBlank()) {
      return Map.of();
    }
    JsonNode object = node;
    if (node.isTextual()) {
      try {
        object = CANONICAL.readTree(node.textValue());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        object = null;
      }
    }
    if (object == null || !object.isObject()) {
      throw new IllegalArgumentException(
          "field 'labels' must be an object from a check's name to \"pass\" or \"fail\", but was "
              + abbreviate(node));
    }
    Map<String, CheckResult.Outcome> labels = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> label : object.properties()) {
      String check = label.getKey();
      if (checks != null && !checks.contains(check)) {
        throw new IllegalArgumentException(
            "field 'labels' names check '"
                + check
                + "', which the suite does not have; expected one of: "
                + String.join(", ", checks));
      }
      JsonNode value = label.getValue();
      // as a person types it in a sheet: "PASS", " Pass " (a check's verdict, not a free text)
      String text = value.isTextual() ? value.textValue().strip().toLowerCase(Locale.ROOT) : "";
      if (!text.equals("pass") && !text.equals("fail")) {
        throw new IllegalArgumentException(
            "labels."
                + check
                + " must be \"pass\" or \"fail\" (what the check should conclude), but was "
                + abbreviate(value));
      }
      labels.put(
          check, text.equals("pass") ? CheckResult.Outcome.PASSED : CheckResult.Outcome.FAILED);
    }
    return labels;
  }

  private String id(ObjectNode row) {
    JsonNode id = row.get(idField);
    if (id == null || id.isNull()) {
      return "h-" + contentHash(row);
    }
    idsFound++;
    if (!id.isValueNode() || id.asText().isBlank()) {
      throw new IllegalArgumentException(
          "field '"
              + idField
              + "' must be a non-empty string or number, but was "
              + abbreviate(id));
    }
    return id.asText();
  }

  static String contentHash(ObjectNode row) {
    try {
      Object canonical = CANONICAL.treeToValue(row, Object.class);
      byte[] bytes = CANONICAL.writeValueAsBytes(canonical);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot hash a dataset row", e);
    }
  }

  private static Object value(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isNull()) {
      // kept as null, not the text "null", so that a template using it says so (Template)
      return node;
    }
    if (node.isValueNode()) {
      return node.asText();
    }
    return node;
  }

  private static List<ChatMessage> messages(@Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(
          "field 'messages' must be an array of {\"role\": ..., \"content\": ...} objects, but was "
              + abbreviate(node));
    }
    List<ChatMessage> messages = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      try {
        messages.add(message(node.get(i), "messages[" + i + "]"));
      } catch (IllegalArgumentException e) {
        String message = Objects.requireNonNullElse(e.getMessage(), e.toString());
        throw new IllegalArgumentException(
            message.startsWith("messages[") ? message : "messages[" + i + "]: " + message, e);
      }
    }
    return messages;
  }

  /**
   * One turn: {@code role} and {@code content}; an assistant turn may instead (or also) hold {@code
   * tool_calls}, and a {@code tool} turn needs the {@code tool_call_id} it answers (its content may
   * be JSON, which is sent as JSON text).
   */
  private static ChatMessage message(JsonNode message, String where) {
    JsonNode role = message.get("role");
    JsonNode content = message.get("content");
    JsonNode calls = message.get("tool_calls");
    boolean callsOnly = calls != null && !calls.isNull() && (content == null || content.isNull());
    boolean toolResult =
        role != null && role.isTextual() && role.textValue().strip().equalsIgnoreCase("tool");
    if (!message.isObject()
        || role == null
        || !role.isTextual()
        || !(callsOnly
            || content != null && (content.isTextual() || toolResult && !content.isNull()))) {
      throw new IllegalArgumentException(
          where
              + " must be an object with string fields 'role' (system, user, assistant or tool)"
              + " and 'content', but was "
              + abbreviate(message));
    }
    Role parsed = Role.fromWireName(role.textValue());
    String text = callsOnly ? "" : content.isTextual() ? content.textValue() : content.toString();
    List<ToolCall> toolCalls =
        callsOnly || calls != null && !calls.isNull() ? toolCalls(calls, where) : List.of();
    if (!toolCalls.isEmpty() && parsed != Role.ASSISTANT) {
      throw new IllegalArgumentException(
          where
              + ": only an assistant message holds 'tool_calls', not a "
              + parsed.wireName()
              + " message");
    }
    JsonNode callId = message.get("tool_call_id");
    if (parsed == Role.TOOL) {
      if (callId == null || !callId.isValueNode() || callId.isNull() || callId.asText().isBlank()) {
        throw new IllegalArgumentException(
            where
                + ": a tool message needs 'tool_call_id', the id of the tool call it answers,"
                + " but has "
                + (callId == null ? "none" : abbreviate(callId)));
      }
      return ChatMessage.toolResult(callId.asText(), text);
    }
    if (callId != null && !callId.isNull()) {
      throw new IllegalArgumentException(
          where
              + ": only a tool message has 'tool_call_id', not a "
              + parsed.wireName()
              + " message");
    }
    return new ChatMessage(parsed, text, toolCalls, null);
  }

  /**
   * Tool calls written {@code {"id": ..., "name": ..., "arguments": {...}}} or in OpenAI's shape
   * {@code {"id": ..., "type": "function", "function": {"name": ..., "arguments": "{...}"}}}; the
   * arguments an object, or JSON text of one.
   */
  private static List<ToolCall> toolCalls(JsonNode node, String where) {
    if (!node.isArray()) {
      throw new IllegalArgumentException(
          where
              + ": 'tool_calls' must be an array of {\"id\": ..., \"name\": ..., \"arguments\":"
              + " {...}} objects, but was "
              + abbreviate(node));
    }
    List<ToolCall> calls = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode call = node.get(i);
      JsonNode body =
          call.isObject() && call.get("function") != null && call.get("function").isObject()
              ? call.get("function")
              : call;
      JsonNode name = body.get("name");
      JsonNode id = call.get("id");
      if (!call.isObject() || name == null || !name.isTextual() || name.textValue().isBlank()) {
        throw new IllegalArgumentException(
            where
                + ".tool_calls["
                + i
                + "] must be an object with a string field 'name' and"
                + " object 'arguments', but was "
                + abbreviate(call));
      }
      String arguments = arguments(body.get("arguments"), where + ".tool_calls[" + i + "]");
      calls.add(
          ToolCall.of(id == null || id.isNull() ? null : id.asText(), name.textValue(), arguments));
    }
    return calls;
  }

  /** Arguments given as a JSON object, or as JSON text of one; none are {@code {}}. */
  private static String arguments(@Nullable JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return "{}";
    }
    JsonNode object = node;
    if (node.isTextual()) {
      try {
        object = CANONICAL.readTree(node.textValue());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        object = null;
      }
    }
    if (object == null || !object.isObject()) {
      throw new IllegalArgumentException(
          where
              + ".arguments must be a JSON object (or JSON text of one), but was "
              + abbreviate(node));
    }
    return object.toString();
  }

  /**
   * {@code expected_tool_calls}: a list of {@code {"name": ..., "arguments": {...}}} (arguments
   * optional), or of names.
   */
  private static @Nullable List<ExpectedToolCall> expectedToolCalls(@Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(
          "field 'expected_tool_calls' must be an array of {\"name\": ..., \"arguments\": {...}}"
              + " objects or tool names ([] for no call), but was "
              + abbreviate(node));
    }
    List<ExpectedToolCall> calls = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode call = node.get(i);
      String where = "expected_tool_calls[" + i + "]";
      if (call.isTextual() && !call.textValue().isBlank()) {
        calls.add(ExpectedToolCall.of(call.textValue()));
        continue;
      }
      JsonNode name = call.get("name");
      if (!call.isObject() || name == null || !name.isTextual() || name.textValue().isBlank()) {
        throw new IllegalArgumentException(
            where
                + " must be a tool's name or an object with a string field 'name' and"
                + " optional object 'arguments', but was "
                + abbreviate(call));
      }
      JsonNode arguments = call.get("arguments");
      calls.add(
          new ExpectedToolCall(
              name.textValue(),
              arguments == null || arguments.isNull() ? null : arguments(arguments, where)));
    }
    return calls;
  }

  private static @Nullable String context(@Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isArray()) {
      List<String> parts = new ArrayList<>();
      for (JsonNode part : node) {
        parts.add(part.isTextual() ? part.textValue() : part.toString());
      }
      return String.join("\n\n", parts);
    }
    return node.toString();
  }

  private static List<String> strings(ObjectNode row, String plural, String singular) {
    JsonNode node = row.has(plural) ? row.get(plural) : row.get(singular);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (node.isValueNode()) {
      return List.of(node.asText());
    }
    if (node.isArray()) {
      List<String> values = new ArrayList<>();
      for (JsonNode value : node) {
        if (!value.isValueNode()) {
          throw new IllegalArgumentException(
              "field '"
                  + plural
                  + "' must be a string or an array of strings, but contains "
                  + abbreviate(value));
        }
        values.add(value.asText());
      }
      return values;
    }
    throw new IllegalArgumentException(
        "field '"
            + plural
            + "' must be a string or an array of strings, but was "
            + abbreviate(node));
  }

  private static @Nullable String expect(@Nullable JsonNode node) {
    if (node == null || node.isNull() || (node.isTextual() && node.textValue().isBlank())) {
      return null;
    }
    String value = node.asText();
    if (!node.isTextual() || !(value.equals("refuse") || value.equals("comply"))) {
      throw new IllegalArgumentException(
          "field 'expect' must be \"refuse\" or \"comply\", but was " + abbreviate(node));
    }
    return value;
  }

  static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

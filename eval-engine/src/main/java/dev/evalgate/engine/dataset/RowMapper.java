package dev.evalgate.engine.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns one parsed row into a case. Known fields ({@code messages}, {@code context},
 * {@code references}, {@code incorrect_references}, {@code expect}) get their meaning; every field,
 * known or not, is also a template variable.
 */
final class RowMapper {
  private static final ObjectMapper CANONICAL = new ObjectMapper()
      .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final String idField;
  private long idsFound;

  RowMapper(String idField) {
    this.idField = idField;
  }

  /** Rows mapped so far whose id came from the id field rather than a hash. */
  long idsFound() {
    return idsFound;
  }

  /** Maps the row, or throws {@link IllegalArgumentException} saying what was expected. */
  EvalCase map(ObjectNode row, long line) {
    String id = id(row);
    Map<String, Object> variables = new LinkedHashMap<>();
    row.fields().forEachRemaining(e -> variables.put(e.getKey(), value(e.getValue())));
    return new EvalCase(
        id,
        variables,
        messages(row.get("messages")),
        context(row.get("context")),
        strings(row, "references", "reference"),
        strings(row, "incorrect_references", "incorrect_reference"),
        expect(row.get("expect")),
        line);
  }

  private String id(ObjectNode row) {
    JsonNode id = row.get(idField);
    if (id == null || id.isNull()) {
      return "h-" + contentHash(row);
    }
    idsFound++;
    if (!id.isValueNode() || id.asText().isBlank()) {
      throw new IllegalArgumentException(
          "field '" + idField + "' must be a non-empty string or number, but was " + abbreviate(id));
    }
    return id.asText();
  }

  private static String contentHash(ObjectNode row) {
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
          "field 'messages' must be an array of {\"role\": ..., \"content\": ...} objects, but was " + abbreviate(node));
    }
    List<ChatMessage> messages = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode message = node.get(i);
      JsonNode role = message.get("role");
      JsonNode content = message.get("content");
      if (!message.isObject() || role == null || !role.isTextual() || content == null || !content.isTextual()) {
        throw new IllegalArgumentException("messages[" + i
            + "] must be an object with string fields 'role' (system, user or assistant) and 'content', but was "
            + abbreviate(message));
      }
      try {
        messages.add(new ChatMessage(Role.fromWireName(role.textValue()), content.textValue()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("messages[" + i + "]: " + e.getMessage(), e);
      }
    }
    return messages;
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
              "field '" + plural + "' must be a string or an array of strings, but contains " + abbreviate(value));
        }
        values.add(value.asText());
      }
      return values;
    }
    throw new IllegalArgumentException(
        "field '" + plural + "' must be a string or an array of strings, but was " + abbreviate(node));
  }

  private static @Nullable String expect(@Nullable JsonNode node) {
    if (node == null || node.isNull() || (node.isTextual() && node.textValue().isBlank())) {
      return null;
    }
    String value = node.asText();
    if (!node.isTextual() || !(value.equals("refuse") || value.equals("comply"))) {
      throw new IllegalArgumentException("field 'expect' must be \"refuse\" or \"comply\", but was " + abbreviate(node));
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

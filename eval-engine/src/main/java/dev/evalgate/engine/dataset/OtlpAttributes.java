package dev.evalgate.engine.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * OTLP/JSON attribute lists ({@code [{"key": "k", "value": {"stringValue": "v"}}]}) as plain JSON
 * values: {@code intValue} (a string or a number in OTLP/JSON) becomes a number, {@code arrayValue}
 * an array, {@code kvlistValue} an object.
 */
final class OtlpAttributes {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private OtlpAttributes() {}

  /**
   * The attributes by key, in order; an absent list is empty.
   *
   * @throws IllegalArgumentException naming the attribute and what was expected
   */
  static Map<String, JsonNode> decode(@Nullable JsonNode list, String where) {
    Map<String, JsonNode> attributes = new LinkedHashMap<>();
    if (list == null || list.isNull()) {
      return attributes;
    }
    if (!list.isArray()) {
      throw new IllegalArgumentException(
          where + " must be an array of {\"key\": ..., \"value\": {...}}, but was " + kind(list));
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      JsonNode key = entry.get("key");
      if (!entry.isObject() || key == null || !key.isTextual()) {
        throw new IllegalArgumentException(
            where + "[" + i + "]: expected {\"key\": \"name\", \"value\": {...}}");
      }
      attributes.put(key.textValue(), value(entry.get("value"), where + "[" + i + "]"));
    }
    return attributes;
  }

  /** One OTLP {@code AnyValue}; an absent or empty one is JSON null. */
  static JsonNode value(@Nullable JsonNode any, String where) {
    if (any == null || any.isNull() || any.isEmpty()) {
      return NODES.nullNode();
    }
    if (!any.isObject()) {
      throw new IllegalArgumentException(
          where
              + ": expected a value object such as {\"stringValue\": \"...\"}, but was "
              + kind(any));
    }
    if (any.has("stringValue")) {
      return NODES.textNode(any.get("stringValue").asText());
    }
    if (any.has("boolValue")) {
      return NODES.booleanNode(any.get("boolValue").asBoolean());
    }
    if (any.has("intValue")) {
      JsonNode number = any.get("intValue");
      try {
        return NODES.numberNode(
            number.isNumber() ? number.longValue() : Long.parseLong(number.asText()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            where + ": intValue must be an integer, but was '" + number.asText() + "'");
      }
    }
    if (any.has("doubleValue")) {
      JsonNode number = any.get("doubleValue");
      try {
        return NODES.numberNode(
            number.isNumber() ? number.doubleValue() : Double.parseDouble(number.asText()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            where + ": doubleValue must be a number, but was '" + number.asText() + "'");
      }
    }
    if (any.has("bytesValue")) {
      return NODES.textNode(any.get("bytesValue").asText());
    }
    if (any.has("arrayValue")) {
      ArrayNode array = NODES.arrayNode();
      JsonNode values = any.get("arrayValue").get("values");
      if (values != null && values.isArray()) {
        for (int i = 0; i < values.size(); i++) {
          array.add(value(values.get(i), where + ".arrayValue[" + i + "]"));
        }
      }
      return array;
    }
    if (any.has("kvlistValue")) {
      ObjectNode object = NODES.objectNode();
      decode(any.get("kvlistValue").get("values"), where + ".kvlistValue").forEach(object::set);
      return object;
    }
    throw new IllegalArgumentException(
        where
            + ": expected one of stringValue, boolValue, intValue, doubleValue, bytesValue,"
            + " arrayValue, kvlistValue");
  }

  static String kind(JsonNode node) {
    if (node.isArray()) {
      return "an array";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    return node.isNull() ? "null" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}

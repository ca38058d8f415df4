package dev.evalgate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Typed reading of one check entry's options, with messages that say what was expected. */
final class Options {
  private final String kind;
  private final JsonNode node;

  Options(String kind, JsonNode node, Set<String> allowed) {
    this.kind = kind;
    this.node = node;
    if (node.isObject()) {
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!allowed.contains(name) && !name.equals("name")) {
          Set<String> all = new TreeSet<>(allowed);
          all.add("name");
          throw new CheckSpecException(
              "unknown option '"
                  + name
                  + "' of check '"
                  + kind
                  + "'; expected one of: "
                  + String.join(", ", all));
        }
      }
    }
  }

  String kind() {
    return kind;
  }

  boolean isObject() {
    return node.isObject();
  }

  JsonNode node() {
    return node;
  }

  String name() {
    String name = text("name");
    return name == null ? kind : name;
  }

  boolean has(String key) {
    return node.isObject() && node.has(key) && !node.get(key).isNull();
  }

  @Nullable String text(String key) {
    if (!has(key)) {
      return null;
    }
    JsonNode value = node.get(key);
    if (!value.isValueNode()) {
      throw type(key, "text", value);
    }
    return value.asText();
  }

  String requiredText(String key) {
    String value = text(key);
    if (value == null) {
      throw new CheckSpecException("check '" + kind + "' needs option '" + key + "'");
    }
    return value;
  }

  @Nullable Integer integer(String key) {
    if (!has(key)) {
      return null;
    }
    JsonNode value = node.get(key);
    if (value.canConvertToInt() && value.isIntegralNumber()) {
      return value.intValue();
    }
    if (value.isTextual() && value.textValue().matches("\\d+")) {
      return Integer.parseInt(value.textValue());
    }
    throw type(key, "a whole number", value);
  }

  @Nullable Double decimal(String key) {
    if (!has(key)) {
      return null;
    }
    JsonNode value = node.get(key);
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isTextual()) {
      try {
        return Double.parseDouble(value.textValue().trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw type(key, "a number", value);
  }

  boolean bool(String key, boolean defaultValue) {
    if (!has(key)) {
      return defaultValue;
    }
    JsonNode value = node.get(key);
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    throw type(key, "true or false", value);
  }

  /** A text or a list of texts, from the key, or from the whole value when it is not an object. */
  List<String> texts(String key) {
    JsonNode value = node.isObject() ? node.get(key) : node;
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (value.isValueNode()) {
      return List.of(value.asText());
    }
    if (value.isArray()) {
      List<String> texts = new ArrayList<>();
      for (JsonNode item : value) {
        if (!item.isValueNode()) {
          throw type(key, "text or a list of texts", value);
        }
        texts.add(item.asText());
      }
      return texts;
    }
    throw type(key, "text or a list of texts", value);
  }

  CheckSpecException type(String key, String expected, JsonNode value) {
    return new CheckSpecException(
        "option '"
            + key
            + "' of check '"
            + kind
            + "' must be "
            + expected
            + ", but was "
            + (value.isTextual()
                ? "\"" + value.textValue() + "\""
                : value.isObject() ? "an object" : value.isArray() ? "a list" : value.toString()));
  }
}

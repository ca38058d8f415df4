package dev.evalgate.engine.suite;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A parsed suite-file value that remembers its line, so every problem can name where it is.
 * Jackson's own tree forgets locations, hence this small one.
 */
final class LocatedValue {
  enum Kind {
    OBJECT,
    ARRAY,
    SCALAR,
    NULL
  }

  private final Kind kind;
  private final int line;
  private final Map<String, LocatedValue> fields;
  private final List<LocatedValue> items;
  private final @Nullable JsonNode scalar;

  private LocatedValue(
      Kind kind,
      int line,
      Map<String, LocatedValue> fields,
      List<LocatedValue> items,
      @Nullable JsonNode scalar) {
    this.kind = kind;
    this.line = line;
    this.fields = fields;
    this.items = items;
    this.scalar = scalar;
  }

  /** Reads the value at the parser's current token. */
  static LocatedValue read(JsonParser parser, String file) throws IOException {
    JsonToken token = parser.currentToken();
    int line = parser.currentTokenLocation().getLineNr();
    if (token == JsonToken.START_OBJECT) {
      Map<String, LocatedValue> fields = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        int keyLine = parser.currentTokenLocation().getLineNr();
        parser.nextToken();
        LocatedValue value = read(parser, file);
        if (fields.putIfAbsent(name, value.kind == Kind.NULL ? value.atLine(keyLine) : value)
            != null) {
          throw new SuiteFileException(
              file, keyLine, "key '" + name + "' appears twice; expected each key once");
        }
      }
      return new LocatedValue(Kind.OBJECT, line, fields, List.of(), null);
    }
    if (token == JsonToken.START_ARRAY) {
      List<LocatedValue> items = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        items.add(read(parser, file));
      }
      return new LocatedValue(Kind.ARRAY, line, Map.of(), items, null);
    }
    if (token == JsonToken.VALUE_NULL || token == null) {
      return new LocatedValue(Kind.NULL, line, Map.of(), List.of(), null);
    }
    JsonNode value = parser.readValueAsTree();
    return new LocatedValue(Kind.SCALAR, line, Map.of(), List.of(), value);
  }

  private LocatedValue atLine(int newLine) {
    return new LocatedValue(kind, newLine, fields, items, scalar);
  }

  Kind kind() {
    return kind;
  }

  int line() {
    return line;
  }

  boolean isObject() {
    return kind == Kind.OBJECT;
  }

  boolean isArray() {
    return kind == Kind.ARRAY;
  }

  boolean isScalar() {
    return kind == Kind.SCALAR;
  }

  boolean isNull() {
    return kind == Kind.NULL;
  }

  Map<String, LocatedValue> fields() {
    return fields;
  }

  List<LocatedValue> items() {
    return items;
  }

  @Nullable LocatedValue get(String name) {
    return fields.get(name);
  }

  /** The scalar's text ({@code 3}, {@code true}, {@code abc}). */
  String text() {
    return scalar == null ? "" : scalar.asText();
  }

  boolean isTextual() {
    return scalar != null && scalar.isTextual();
  }

  boolean isNumber() {
    return scalar != null && scalar.isNumber();
  }

  boolean isBoolean() {
    return scalar != null && scalar.isBoolean();
  }

  /** How the value reads in an error message. */
  String describe() {
    return switch (kind) {
      case OBJECT -> "an object";
      case ARRAY -> "a list";
      case NULL -> "nothing";
      case SCALAR ->
          scalar != null && scalar.isTextual()
              ? "\"" + scalar.textValue() + "\""
              : String.valueOf(scalar);
    };
  }

  /** The value as a Jackson tree (for check options). */
  JsonNode toJson() {
    return switch (kind) {
      case OBJECT -> {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        fields.forEach((k, v) -> object.set(k, v.toJson()));
        yield object;
      }
      case ARRAY -> {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        items.forEach(i -> array.add(i.toJson()));
        yield array;
      }
      case NULL -> JsonNodeFactory.instance.nullNode();
      case SCALAR -> Objects.requireNonNull(scalar, "a scalar node has a value");
    };
  }
}

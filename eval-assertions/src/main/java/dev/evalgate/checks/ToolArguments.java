package dev.evalgate.checks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evalgate.api.ToolCall;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the arguments of a tool call, which the model wrote as JSON text that may not be JSON at
 * all, and compares argument values. Shared by the tool checks and the assertions.
 */
public final class ToolArguments {
  /** How much of malformed arguments a reason quotes. */
  static final int QUOTED = 80;

  private ToolArguments() {}

  /** The arguments as a JSON object, or why they are not one. */
  public record Parsed(@Nullable JsonNode json, @Nullable String problem) {
    public boolean valid() {
      return json != null;
    }

    /** The arguments parsed; only after {@link #valid()} said they are. */
    public JsonNode validJson() {
      if (json == null) {
        throw new IllegalStateException("the arguments are not valid: " + problem);
      }
      return json;
    }
  }

  /**
   * Parses a call's arguments: a JSON object, and nothing after it (duplicate keys are an error, as
   * the model's meaning would be unclear).
   */
  public static Parsed parse(String arguments) {
    if (arguments.isBlank()) {
      return new Parsed(null, "arguments are empty; expected a JSON object");
    }
    JsonNode json;
    try {
      json = JsonExtractor.MAPPER.readTree(arguments);
    } catch (JsonProcessingException e) {
      return new Parsed(
          null, "arguments are not valid JSON (" + parserMessage(e) + "): " + quote(arguments));
    }
    if (json == null || !json.isObject()) {
      return new Parsed(
          null, "arguments are " + kind(json) + ", expected a JSON object: " + quote(arguments));
    }
    return new Parsed(json, null);
  }

  /** The parser's complaint without the source excerpt it appends. */
  static String parserMessage(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline);
    }
    int marker = message.indexOf(" (start marker at");
    return (marker >= 0 ? message.substring(0, marker) : message).strip();
  }

  private static String kind(@Nullable JsonNode json) {
    if (json == null || json.isMissingNode()) {
      return "empty";
    }
    if (json.isArray()) {
      return "a list";
    }
    if (json.isTextual()) {
      return "a string";
    }
    return json.isNull()
        ? "null"
        : "a " + json.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The text, on one line and cut at {@value #QUOTED} characters. */
  static String quote(String text) {
    String line = text.replace('\n', ' ').replace('\r', ' ');
    return line.length() > QUOTED ? line.substring(0, QUOTED - 3) + "..." : line;
  }

  /**
   * Whether {@code actual} holds what {@code expected} asks: each member of an expected object is
   * in the actual object and matches there (members it leaves out may hold anything); lists match
   * element by element; numbers by value ({@code 2} matches {@code 2.0}); anything else by
   * equality.
   */
  public static boolean matches(JsonNode expected, JsonNode actual) {
    if (expected.isObject()) {
      if (!actual.isObject()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode value = actual.get(field.getKey());
        if (value == null || !matches(field.getValue(), value)) {
          return false;
        }
      }
      return true;
    }
    if (expected.isArray()) {
      if (!actual.isArray() || actual.size() != expected.size()) {
        return false;
      }
      for (int i = 0; i < expected.size(); i++) {
        if (!matches(expected.get(i), actual.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (expected.isNumber() && actual.isNumber()) {
      return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
    }
    return expected.equals(actual);
  }

  /**
   * The names of {@code calls}, in order, for reasons: {@code lookup_order, request_refund}, or
   * {@code none}.
   */
  static String names(List<ToolCall> calls) {
    return calls.isEmpty()
        ? "none"
        : String.join(", ", calls.stream().map(ToolCall::name).toList());
  }
}

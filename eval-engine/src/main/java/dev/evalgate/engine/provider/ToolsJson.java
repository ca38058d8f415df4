package dev.evalgate.engine.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evalgate.api.ToolCall;
import dev.evalgate.api.ToolSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Tools and tool calls as the request bodies carry them: schemas and arguments as JSON objects. */
final class ToolsJson {
  /** Distinct schemas kept parsed (a suite offers a handful of tools). */
  static final int MAX_CACHED = 1024;

  private static final Map<String, JsonNode> SCHEMAS = new ConcurrentHashMap<>();

  private ToolsJson() {}

  /**
   * The tool's argument schema as a JSON object, parsed once per schema text.
   *
   * @throws IllegalArgumentException when it is not one (suite files are checked when read; a Java
   *     suite may hold anything)
   */
  static JsonNode schema(ToolSpec tool) {
    JsonNode cached = SCHEMAS.get(tool.parameters());
    if (cached != null) {
      return cached;
    }
    JsonNode schema = object(tool.parameters(), "the parameters of tool '" + tool.name() + "'");
    if (SCHEMAS.size() < MAX_CACHED) {
      SCHEMAS.putIfAbsent(tool.parameters(), schema);
    }
    return schema;
  }

  /**
   * A conversation's tool call's arguments as a JSON object, as Anthropic's {@code tool_use} blocks
   * need them.
   *
   * @throws IllegalArgumentException when they are not one
   */
  static JsonNode arguments(ToolCall call) {
    return object(
        call.arguments(), "the arguments of tool call '" + call.name() + "' in the conversation");
  }

  private static JsonNode object(String text, String what) {
    try {
      JsonNode node = Protocol.JSON.readTree(text);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (JsonProcessingException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        what
            + " are not a JSON object: "
            + (text.length() > 80 ? text.substring(0, 77) + "..." : text));
  }
}

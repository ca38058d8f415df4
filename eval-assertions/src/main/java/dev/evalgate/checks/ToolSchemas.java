package dev.evalgate.checks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import dev.evalgate.api.ToolSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The compiled argument schemas of tools, compiled once per schema text: a suite offers a handful
 * of tools, and every answer's calls are validated against them.
 */
public final class ToolSchemas {
  /**
   * Distinct schemas kept compiled; past this (schemas made per case), each is compiled when used.
   */
  static final int MAX_CACHED = 1024;

  private static final Map<String, Compiled> CACHE = new ConcurrentHashMap<>();

  private ToolSchemas() {}

  /** A tool's compiled schema, or why it has none. */
  record Compiled(@Nullable Schema schema, String problem) {
    boolean usable() {
      return schema != null;
    }
  }

  /**
   * Checks that a tool's {@code parameters} is a JSON Schema of an object, as suite loading does.
   *
   * @throws CheckSpecException saying what is wrong with it
   */
  public static void requireValid(ToolSpec tool) {
    Compiled compiled = compiled(tool);
    if (!compiled.usable()) {
      throw new CheckSpecException(compiled.problem());
    }
  }

  /**
   * The violations of {@code arguments} (a parsed object) against the tool's schema: empty when
   * valid.
   */
  static List<Error> validate(Compiled compiled, JsonNode arguments) {
    Schema schema = compiled.schema();
    return schema == null ? List.of() : schema.validate(arguments);
  }

  static Compiled compiled(ToolSpec tool) {
    Compiled cached = CACHE.get(tool.parameters());
    if (cached != null) {
      return cached;
    }
    Compiled compiled = compile(tool);
    if (CACHE.size() < MAX_CACHED) {
      CACHE.putIfAbsent(tool.parameters(), compiled);
    }
    return compiled;
  }

  private static Compiled compile(ToolSpec tool) {
    String location = "the parameters of tool '" + tool.name() + "'";
    JsonNode node;
    try {
      node = JsonExtractor.MAPPER.readTree(tool.parameters());
    } catch (JsonProcessingException e) {
      return new Compiled(
          null, location + " are not valid JSON (" + ToolArguments.parserMessage(e) + ")");
    }
    if (node == null || !node.isObject()) {
      return new Compiled(
          null,
          location
              + " must be a JSON Schema object, but were "
              + ToolArguments.quote(tool.parameters()));
    }
    try {
      return new Compiled(SchemaCheck.compile(node, "tool '" + tool.name() + "'"), "");
    } catch (CheckSpecException e) {
      return new Compiled(null, e.getMessage());
    }
  }
}

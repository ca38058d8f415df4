package dev.evalgate.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A tool (a function) a variant offers the model: its name, what it does, and the JSON Schema of
 * its arguments. Sent in each provider's own shape (OpenAI {@code tools[].function}, Anthropic
 * {@code tools[]} with {@code input_schema}); the {@code tool-schema} check validates the model's
 * arguments against {@code parameters}.
 *
 * <pre>{@code
 * ToolSpec lookup = ToolSpec.of("lookup_order", "Looks an order up by its id",
 *     "{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"}},\"required\":[\"order_id\"]}");
 * }</pre>
 *
 * @param name the tool's name, as the model calls it
 * @param description what the tool does, for the model; {@code null} for none
 * @param parameters the JSON Schema of the arguments object, as JSON text
 */
public record ToolSpec(String name, @Nullable String description, String parameters) {
  /** The schema of a tool that takes no arguments. */
  public static final String NO_PARAMETERS = "{\"type\":\"object\",\"properties\":{}}";

  public ToolSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(parameters, "parameters");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a tool needs a name");
    }
  }

  public static ToolSpec of(String name, @Nullable String description, String parameters) {
    return new ToolSpec(name, description, parameters);
  }
}

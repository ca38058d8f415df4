package dev.evalgate.api;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A prompt version: system and user message templates with {@code {{variable}}} placeholders, and
 * the tools offered with them.
 *
 * <pre>{@code
 * PromptTemplate support = PromptTemplate.of("support-v3", "You are Acme's support assistant.", "{{question}}")
 *     .withTools(List.of(lookupOrder, requestRefund), ToolChoice.AUTO);
 * }</pre>
 *
 * @param version the version label reported with every result (e.g. {@code support-v3})
 * @param system the system message template, or {@code null} for none
 * @param user the user message template; {@code null} means the case's own messages are sent
 * @param tools the tools the model may call, in the order they are offered; empty for none
 * @param toolChoice whether and which tool the model must call; {@code null} leaves the provider's
 *     default ({@code auto} when tools are offered)
 */
public record PromptTemplate(
    @Nullable String version,
    @Nullable String system,
    @Nullable String user,
    List<ToolSpec> tools,
    @Nullable ToolChoice toolChoice) {
  /** No template: each case supplies its own messages. */
  public static final PromptTemplate CASE_MESSAGES = new PromptTemplate(null, null, null);

  public PromptTemplate {
    tools = List.copyOf(tools);
    Set<String> names = new HashSet<>();
    for (ToolSpec tool : tools) {
      if (!names.add(tool.name())) {
        throw new IllegalArgumentException("tool '" + tool.name() + "' is offered twice");
      }
    }
    if (toolChoice != null
        && toolChoice.mode() == ToolChoice.Mode.TOOL
        && !names.contains(toolChoice.tool())) {
      throw new IllegalArgumentException(
          "tool-choice names '"
              + toolChoice.tool()
              + "', which is not offered"
              + (names.isEmpty()
                  ? " (no tool is)"
                  : "; expected one of: "
                      + String.join(", ", tools.stream().map(ToolSpec::name).toList())));
    }
  }

  /** A prompt version without tools. */
  public PromptTemplate(@Nullable String version, @Nullable String system, @Nullable String user) {
    this(version, system, user, List.of(), null);
  }

  public static PromptTemplate of(String version, @Nullable String system, String user) {
    return new PromptTemplate(version, system, user);
  }

  /** The same prompt offering {@code value} (the provider's default choice). */
  public PromptTemplate withTools(List<ToolSpec> value) {
    return new PromptTemplate(version, system, user, value, null);
  }

  /** The same prompt offering {@code value}, with {@code choice}. */
  public PromptTemplate withTools(List<ToolSpec> value, @Nullable ToolChoice choice) {
    return new PromptTemplate(version, system, user, value, choice);
  }

  /** The offered tool named {@code name}, or {@code null}. */
  public @Nullable ToolSpec tool(String name) {
    Objects.requireNonNull(name, "name");
    for (ToolSpec tool : tools) {
      if (tool.name().equals(name)) {
        return tool;
      }
    }
    return null;
  }
}

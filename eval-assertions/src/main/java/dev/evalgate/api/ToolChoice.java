package dev.evalgate.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Whether and which tool the model must call: {@code auto} (the model decides; the providers'
 * default), {@code none}, {@code required} (some tool; Anthropic's {@code any}) or one named tool.
 *
 * @param mode the kind of choice
 * @param tool the tool's name when {@code mode} is {@link Mode#TOOL}, else {@code null}
 */
public record ToolChoice(Mode mode, @Nullable String tool) {
  /** The kinds of choice. */
  public enum Mode {
    AUTO,
    NONE,
    REQUIRED,
    TOOL
  }

  public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
  public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
  public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

  public ToolChoice {
    Objects.requireNonNull(mode, "mode");
    if ((mode == Mode.TOOL) != (tool != null)) {
      throw new IllegalArgumentException(
          "a tool choice names a tool exactly when its mode is TOOL");
    }
  }

  /** The model must call the tool named {@code name}. */
  public static ToolChoice tool(String name) {
    return new ToolChoice(Mode.TOOL, Objects.requireNonNull(name, "name"));
  }

  /**
   * Reads {@code auto}, {@code none}, {@code required} or a tool's name, as suite files write it.
   *
   * @throws IllegalArgumentException for a blank value
   */
  public static ToolChoice parse(String value) {
    String v = value.trim();
    if (v.isEmpty()) {
      throw new IllegalArgumentException(
          "tool-choice must be auto, none, required or a tool's name, but was empty");
    }
    return switch (v) {
      case "auto" -> AUTO;
      case "none" -> NONE;
      case "required" -> REQUIRED;
      default -> tool(v);
    };
  }

  /** As suite files write it: {@code auto}, {@code none}, {@code required} or the tool's name. */
  @Override
  public String toString() {
    String name = tool;
    return mode == Mode.TOOL && name != null
        ? name
        : mode.name().toLowerCase(java.util.Locale.ROOT);
  }
}

package dev.evalgate.api;

import java.util.Locale;

/** The author of one chat message. */
public enum Role {
  SYSTEM,
  USER,
  ASSISTANT,
  /** The result of a tool call, returned to the model by the application. */
  TOOL;

  /**
   * The lowercase name used on the wire and in dataset files ({@code system}, {@code user}, {@code
   * assistant}, {@code tool}).
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name, case-insensitively.
   *
   * @throws IllegalArgumentException naming the accepted values when {@code name} is not one of
   *     them
   */
  public static Role fromWireName(String name) {
    for (Role role : values()) {
      if (role.wireName().equalsIgnoreCase(name.trim())) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "unknown role '" + name + "', expected one of system, user, assistant, tool");
  }
}

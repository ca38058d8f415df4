package dev.evalgate.api;

import org.jspecify.annotations.Nullable;

/**
 * A prompt version: system and user message templates with {@code {{variable}}} placeholders.
 *
 * @param version the version label reported with every result (e.g. {@code support-v3})
 * @param system the system message template, or {@code null} for none
 * @param user the user message template; {@code null} means the case's own messages are sent
 */
public record PromptTemplate(@Nullable String version, @Nullable String system, @Nullable String user) {
  /** No template: each case supplies its own messages. */
  public static final PromptTemplate CASE_MESSAGES = new PromptTemplate(null, null, null);

  public static PromptTemplate of(String version, @Nullable String system, String user) {
    return new PromptTemplate(version, system, user);
  }
}

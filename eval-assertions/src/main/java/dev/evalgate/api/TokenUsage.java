package dev.evalgate.api;

/**
 * Tokens a call consumed.
 *
 * @param promptTokens input tokens
 * @param completionTokens output tokens
 * @param estimated true when counted locally (jtokkit) because the API reported no usage
 */
public record TokenUsage(long promptTokens, long completionTokens, boolean estimated) {
  public static final TokenUsage NONE = new TokenUsage(0, 0, true);

  public TokenUsage {
    if (promptTokens < 0 || completionTokens < 0) {
      throw new IllegalArgumentException("token counts must not be negative");
    }
  }

  public long totalTokens() {
    return promptTokens + completionTokens;
  }
}

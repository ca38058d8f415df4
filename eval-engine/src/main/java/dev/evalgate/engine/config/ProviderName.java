package dev.evalgate.engine.config;

/** The HTTP protocols a variant may be switched to ({@code evalgate.variant.NAME.provider}). */
public enum ProviderName implements ValueType.Choice {
  /** OpenAI's chat completions and compatible servers. */
  OPENAI,
  /** Anthropic's messages API. */
  ANTHROPIC
}

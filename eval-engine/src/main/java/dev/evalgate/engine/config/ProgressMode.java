package dev.evalgate.engine.config;

/** How progress is reported ({@value Constants#PROGRESS}). */
public enum ProgressMode implements ValueType.Choice {
  /** A live line on a terminal, periodic log lines otherwise. */
  AUTO,
  /** Always. */
  ON,
  /** Never. */
  OFF
}

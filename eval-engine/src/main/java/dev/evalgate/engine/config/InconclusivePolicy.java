package dev.evalgate.engine.config;

/** What an INCONCLUSIVE verdict does to its gate test ({@value Constants#GATE_INCONCLUSIVE}). */
public enum InconclusivePolicy implements ValueType.Choice {
  /** The test fails. */
  FAIL,
  /** The test passes with a report entry. */
  WARN,
  /** The test passes. */
  PASS
}

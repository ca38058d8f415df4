package dev.evalgate.engine.gate;

/** The gate's decision for one challenger. */
public enum Decision {
  /** Every criterion holds: the challenger may replace the control. */
  PROMOTE,
  /** At least one criterion is violated. */
  REJECT,
  /** No criterion is violated, but at least one cannot be decided. */
  INCONCLUSIVE
}

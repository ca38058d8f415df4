package dev.evalgate.engine.gate;

/** How a criterion came out. */
public enum Status {
  /** The evidence shows the claim holds. */
  HOLDS,
  /** The evidence shows the claim does not hold. */
  VIOLATED,
  /** The evidence cannot decide: too few cases, or an interval that straddles the limit. */
  INCONCLUSIVE
}

package dev.evalgate.engine.stats;

/** What the evidence says about one criterion. */
public enum Finding {
  /** The interval lies on the claimed side of the limit. */
  HOLDS,
  /** The interval lies wholly on the other side of the limit. */
  VIOLATED,
  /** The limit is inside the interval: more cases would decide. */
  INCONCLUSIVE
}

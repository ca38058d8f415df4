package dev.evalgate.engine.stats;

/** Which side of its limit a criterion claims the true value is on. */
public enum Side {
  /**
   * The true value is at or above the limit: non-inferior when higher is better, at-least,
   * superior.
   */
  AT_LEAST,
  /**
   * The true value is at or below the limit: non-inferior when lower is better, at-most,
   * ratio-at-most.
   */
  AT_MOST
}

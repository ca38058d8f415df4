package dev.evalgate.engine.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** The gate's decision for one challenger. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Decision {
  /** Every criterion holds: the challenger may replace the control. */
  PROMOTE,
  /** At least one criterion is violated. */
  REJECT,
  /** No criterion is violated, but at least one cannot be decided. */
  INCONCLUSIVE
}

package dev.evalgate.engine.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How a claim came out, a criterion or a whole verdict: what the evidence says of it. (Not Allure's
 * {@code Status}, which says how a test ran.)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ClaimStatus {
  /** The evidence shows the claim holds. */
  HOLDS,
  /** The evidence shows the claim does not hold. */
  VIOLATED,
  /** The evidence cannot decide: too few cases, or an interval that straddles the limit. */
  INCONCLUSIVE
}

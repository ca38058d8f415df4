package dev.evalgate.engine.gate;

import dev.evalgate.engine.stats.Claim;
import dev.evalgate.engine.stats.Estimate;

/**
 * A criterion settled without statistics (min-cases, no-new-failures, an unknown value, a fact of
 * the run such as its total cost) as an estimate that holds, or is violated, at every level, or is
 * never decided: so such a criterion reads like any other where a claim is expected. It never
 * enters the verdict's {@link dev.evalgate.engine.stats.Family}: when it is open or violated its
 * challenger is blocked from promotion there instead.
 */
record Settled(ClaimStatus status) implements Estimate {

  /** The claim "at least 0" on this estimate. */
  static Claim claim(ClaimStatus status) {
    return Claim.atLeast(new Settled(status), 0);
  }

  @Override
  public double value() {
    return switch (status) {
      case HOLDS -> 1;
      case VIOLATED -> -1;
      case INCONCLUSIVE -> 0;
    };
  }

  @Override
  public long n() {
    return 0;
  }

  @Override
  public double lower(double alpha) {
    return status == ClaimStatus.INCONCLUSIVE ? Double.NEGATIVE_INFINITY : value();
  }

  @Override
  public double upper(double alpha) {
    return status == ClaimStatus.INCONCLUSIVE ? Double.POSITIVE_INFINITY : value();
  }

  @Override
  public double lowerP(double limit, boolean inclusive) {
    return status == ClaimStatus.INCONCLUSIVE
        ? 1
        : value() > limit || inclusive && value() == limit ? 0 : 1;
  }

  @Override
  public double upperP(double limit, boolean inclusive) {
    return status == ClaimStatus.INCONCLUSIVE
        ? 1
        : value() < limit || inclusive && value() == limit ? 0 : 1;
  }
}

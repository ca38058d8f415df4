package dev.evalgate.engine.stats;

/**
 * The difference of two proportions measured on different cases (a traffic split: each request
 * answered by one variant), challenger minus control, with Newcombe's hybrid score interval for
 * independent proportions (method 10, Newcombe 1998) and the p-values that invert it.
 *
 * @param challengerSuccesses successes of the challenger
 * @param challengerN the challenger's observations
 * @param controlSuccesses successes of the control
 * @param controlN the control's observations
 */
public record IndependentProportions(
    long challengerSuccesses, long challengerN, long controlSuccesses, long controlN)
    implements ByZ {
  public IndependentProportions {
    if (challengerSuccesses < 0
        || controlSuccesses < 0
        || challengerSuccesses > challengerN
        || controlSuccesses > controlN) {
      throw new IllegalArgumentException(
          "successes must lie between 0 and n: "
              + challengerSuccesses
              + " of "
              + challengerN
              + ", "
              + controlSuccesses
              + " of "
              + controlN);
    }
  }

  @Override
  public long n() {
    return challengerN + controlN;
  }

  @Override
  public double value() {
    if (challengerN == 0 || controlN == 0) {
      return 0;
    }
    return (double) challengerSuccesses / challengerN - (double) controlSuccesses / controlN;
  }

  @Override
  public Interval atZ(double z) {
    return Proportions.independentDifferenceAtZ(
        challengerSuccesses, challengerN, controlSuccesses, controlN, z);
  }
}

package dev.evalgate.engine.stats;

/** A test estimate with normal bounds, so a test can set its p-values exactly. */
record Normal(double value, double se) implements Estimate {
  /**
   * An estimate whose bound on the high side reaches {@code limit} at one-sided level {@code p}.
   */
  static Normal withP(double limit, double p) {
    return new Normal(limit + Proportions.zOneSided(p), 1);
  }

  @Override
  public long n() {
    return 100;
  }

  @Override
  public double lower(double alpha) {
    return value - Proportions.zOneSided(alpha) * se;
  }

  @Override
  public double upper(double alpha) {
    return value + Proportions.zOneSided(alpha) * se;
  }

  @Override
  public double lowerP(double limit, boolean inclusive) {
    return Proportions.upperTail((value - limit) / se);
  }

  @Override
  public double upperP(double limit, boolean inclusive) {
    return Proportions.upperTail((limit - value) / se);
  }
}

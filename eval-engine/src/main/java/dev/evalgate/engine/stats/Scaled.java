package dev.evalgate.engine.stats;

/** An estimate multiplied by a positive factor: the bounds scale, the p-values do not change. */
record Scaled(Estimate estimate, double factor) implements Estimate {
  Scaled {
    if (!(factor > 0)) {
      throw new IllegalArgumentException("scale factor must be positive, but was " + factor);
    }
  }

  @Override
  public double value() {
    return estimate.value() * factor;
  }

  @Override
  public long n() {
    return estimate.n();
  }

  @Override
  public double lower(double alpha) {
    return estimate.lower(alpha) * factor;
  }

  @Override
  public double upper(double alpha) {
    return estimate.upper(alpha) * factor;
  }

  @Override
  public double lowerP(double limit, boolean inclusive) {
    return estimate.lowerP(limit / factor, inclusive);
  }

  @Override
  public double upperP(double limit, boolean inclusive) {
    return estimate.upperP(limit / factor, inclusive);
  }
}

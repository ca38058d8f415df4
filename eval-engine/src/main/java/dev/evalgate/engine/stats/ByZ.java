package dev.evalgate.engine.stats;

/**
 * An estimate whose interval is a function of a standard-normal quantile {@code z} (Newcombe's
 * hybrid score intervals and their cluster-adjusted form): its one-sided bounds are that interval's
 * ends at {@code z}, and its p-values the inversion of those bounds ({@link Inversion}).
 */
interface ByZ extends Estimate {
  /**
   * The interval at the quantile {@code z}; at {@code z = 0} both ends are the point the inversion
   * starts from.
   */
  Interval atZ(double z);

  /**
   * Where the inversion of the bounds starts: the point estimate unless the interval says otherwise
   * at z = 0.
   */
  default double centre() {
    return value();
  }

  @Override
  default double lower(double alpha) {
    return atZ(Proportions.zOneSided(alpha)).low();
  }

  @Override
  default double upper(double alpha) {
    return atZ(Proportions.zOneSided(alpha)).high();
  }

  @Override
  default double lowerP(double limit, boolean inclusive) {
    return Inversion.lowerP(z -> atZ(z).low(), z -> atZ(z).high(), centre(), limit);
  }

  @Override
  default double upperP(double limit, boolean inclusive) {
    return Inversion.upperP(z -> atZ(z).low(), z -> atZ(z).high(), centre(), limit);
  }
}

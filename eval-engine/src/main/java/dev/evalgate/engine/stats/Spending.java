package dev.evalgate.engine.stats;

/**
 * Alpha spending functions (Lan and DeMets 1983): how much of a test's one-sided level {@code
 * alpha} may be used up by information fraction {@code t} (the share of the planned cases
 * answered), so that looks can come at any fractions and the level over all of them stays {@code
 * alpha}.
 */
public enum Spending {
  /**
   * O'Brien-Fleming-type, {@code 2 (1 - Phi(z_{alpha/2} / sqrt(t)))}: almost nothing early, nearly
   * the whole level at the last look, so a run that goes to the end decides almost as a fixed run
   * would and is at most a few per cent larger.
   */
  OBRIEN_FLEMING {
    @Override
    public double spent(double t, double alpha) {
      if (t <= 0) {
        return 0;
      }
      if (t >= 1) {
        return alpha;
      }
      return 2 * Proportions.upperTail(Proportions.zOneSided(alpha / 2) / Math.sqrt(t));
    }
  },
  /**
   * Pocock-type, {@code alpha ln(1 + (e - 1) t)}: spends evenly, stops earliest, costs most at the
   * end.
   */
  POCOCK {
    @Override
    public double spent(double t, double alpha) {
      if (t <= 0) {
        return 0;
      }
      if (t >= 1) {
        return alpha;
      }
      return alpha * Math.log(1 + (Math.E - 1) * t);
    }
  };

  /** The level used up by information fraction {@code t} of a one-sided test at {@code alpha}. */
  public abstract double spent(double t, double alpha);
}

package dev.evalgate.engine.stats;

/**
 * The paired 2x2 table of one binary outcome (a check passing) over the cases both variants
 * answered, as an estimate of the difference in pass rates, challenger minus control, with
 * Newcombe's hybrid score interval for paired proportions (method 10, Newcombe 1998) and the
 * one-sided p-values that invert it.
 *
 * <pre>{@code
 * PairedProportions table = new PairedProportions(170, 10, 14, 6);
 * table.value();        // -0.02
 * table.interval(0.95); // Newcombe's 95 % interval
 * table.discordance();  // 0.12, the share of cases the variants disagree on (sample sizes use it)
 * }</pre>
 *
 * @param bothPass cases both variants pass
 * @param challengerOnly cases only the challenger passes (improvements)
 * @param controlOnly cases only the control passes (regressions)
 * @param bothFail cases both fail
 */
public record PairedProportions(long bothPass, long challengerOnly, long controlOnly, long bothFail)
    implements ByZ {
  public PairedProportions {
    if (bothPass < 0 || challengerOnly < 0 || controlOnly < 0 || bothFail < 0) {
      throw new IllegalArgumentException(
          "paired counts must not be negative: "
              + bothPass
              + ", "
              + challengerOnly
              + ", "
              + controlOnly
              + ", "
              + bothFail);
    }
  }

  @Override
  public long n() {
    return bothPass + challengerOnly + controlOnly + bothFail;
  }

  /** Challenger's pass rate minus control's; 0 with no pairs. */
  @Override
  public double value() {
    long n = n();
    return n == 0 ? 0 : (double) (challengerOnly - controlOnly) / n;
  }

  /**
   * The share of pairs on which the variants disagree, {@code (challengerOnly + controlOnly) / n}.
   */
  public double discordance() {
    long n = n();
    return n == 0 ? 0 : (double) (challengerOnly + controlOnly) / n;
  }

  /** McNemar's exact two-sided p-value of "the pass rates are equal". */
  public double mcNemarExact() {
    return Proportions.mcNemarExact(controlOnly, challengerOnly);
  }

  @Override
  public Interval atZ(double z) {
    return Proportions.pairedDifferenceAtZ(bothPass, challengerOnly, controlOnly, bothFail, z);
  }
}

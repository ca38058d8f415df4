package dev.evalgate.engine.stats;

/**
 * What k repeats of each case say about flakiness: each case is stable-pass, stable-fail or flaky
 * (passed some repeats and failed others), the flaky rate is the share of flaky cases with its
 * exact interval, and the within-case variance (how much a case's outcome varies from one repeat to
 * the next) is what sample sizes with repeats need ({@link Power#repeatedVariance}).
 *
 * <p>A flaky rate depends on k: a case that passes 90 % of the time looks flaky in 3 repeats 27 %
 * of the time and in 10 repeats 65 %. {@link #flakyRate(int)} estimates it for any smaller number
 * of repeats, without bias, so rates measured with different k can be compared at a common k.
 *
 * <pre>{@code
 * Flakiness f = new Flakiness(5);
 * f.add(5); f.add(3); f.add(0);       // passes out of 5 repeats, one case each
 * f.flakyRate().value();              // 1/3
 * Flakiness.classify(3, 5);           // FLAKY
 * }</pre>
 */
public final class Flakiness {
  /** A case's behaviour over its repeats. */
  public enum Stability {
    STABLE_PASS,
    STABLE_FAIL,
    FLAKY
  }

  private final int repeats;
  private final long[] byPasses;
  private long cases;

  /**
   * @param repeats k, the repeats of every case (at least 2)
   */
  public Flakiness(int repeats) {
    if (repeats < 2) {
      throw new IllegalArgumentException(
          "flakiness needs at least 2 repeats of a case, but had " + repeats);
    }
    this.repeats = repeats;
    this.byPasses = new long[repeats + 1];
  }

  /** Whether a case that passed {@code passes} of {@code repeats} times is stable or flaky. */
  public static Stability classify(int passes, int repeats) {
    if (passes < 0 || passes > repeats) {
      throw new IllegalArgumentException(
          "passes must lie between 0 and " + repeats + ", but were " + passes);
    }
    return passes == repeats
        ? Stability.STABLE_PASS
        : passes == 0 ? Stability.STABLE_FAIL : Stability.FLAKY;
  }

  /** Adds a case that passed {@code passes} of the k repeats. */
  public void add(int passes) {
    classify(passes, repeats);
    byPasses[passes]++;
    cases++;
  }

  public long cases() {
    return cases;
  }

  /** Cases of a stability. */
  public long count(Stability stability) {
    return switch (stability) {
      case STABLE_PASS -> byPasses[repeats];
      case STABLE_FAIL -> byPasses[0];
      case FLAKY -> cases - byPasses[repeats] - byPasses[0];
    };
  }

  /** The share of flaky cases in these k repeats, with exact bounds. */
  public Proportion flakyRate() {
    return new Proportion(count(Stability.FLAKY), cases);
  }

  /**
   * The expected share of cases that would be flaky in {@code j <= k} repeats, estimated without
   * bias: a case passing x of k repeats passes all of j random ones of them with probability C(x,
   * j) / C(k, j), and fails all with C(k - x, j) / C(k, j).
   */
  public double flakyRate(int j) {
    if (j < 2 || j > repeats) {
      throw new IllegalArgumentException(
          "flakiness can be estimated for 2 to " + repeats + " repeats, not " + j);
    }
    if (cases == 0) {
      return 0;
    }
    double flaky = 0;
    for (int x = 0; x <= repeats; x++) {
      double allPass = choose(x, j) / choose(repeats, j);
      double allFail = choose(repeats - x, j) / choose(repeats, j);
      flaky += byPasses[x] * (1 - allPass - allFail);
    }
    return flaky / cases;
  }

  /**
   * The mean over cases of p (1 - p), p a case's pass probability, estimated without bias by x (k -
   * x) / (k (k - 1)): the variance of one repeat's outcome around its case's pass rate.
   */
  public double withinCaseVariance() {
    if (cases == 0) {
      return 0;
    }
    double sum = 0;
    for (int x = 0; x <= repeats; x++) {
      sum += byPasses[x] * (double) x * (repeats - x) / ((double) repeats * (repeats - 1));
    }
    return sum / cases;
  }

  private static double choose(int n, int k) {
    if (k > n) {
      return 0;
    }
    return org.apache.commons.math3.util.CombinatoricsUtils.binomialCoefficientDouble(n, k);
  }
}

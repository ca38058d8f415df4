package dev.evalgate.engine.stats;

import java.util.Arrays;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.jspecify.annotations.Nullable;

/**
 * Group-sequential boundaries and their operating characteristics, by the recursive numerical
 * integration of Armitage, McPherson and Rowe (1969) as Jennison and Turnbull describe it (Group
 * Sequential Methods with Applications to Clinical Trials, 2000, chapter 19).
 *
 * <p>The z-statistics at information fractions {@code t_1 < ... < t_K} (shares of the planned
 * cases) are jointly normal with {@code Z_k ~ N(theta sqrt(t_k), 1)} and independent increments of
 * the score {@code Z_k sqrt(t_k)}; {@code theta} is the drift, the expected z at the end. A look
 * stops at {@code Z_k >= upper_k} or {@code Z_k <= lower_k}. The densities of the score on the
 * continuation region are carried from look to look on a grid with Simpson's rule, which is
 * accurate to about 1e-7 here, enough for boundaries to the 3 decimals the published tables give.
 */
public final class GroupSequential {
  /** Grid points per look (odd, for Simpson's rule). */
  private static final int POINTS = 601;

  /** Where the grid stops on an open side: this many standard deviations from the mean. */
  private static final double REACH = 9;

  private GroupSequential() {}

  /**
   * One-sided upper boundaries (z-scale) spending {@code alpha} at the given fractions, with no
   * lower boundary (a lower boundary of the same design, such as a violation boundary, is not
   * binding: ignoring it makes the upper one conservative).
   */
  public static double[] boundaries(Spending spending, double alpha, double... fractions) {
    requireFractions(fractions);
    int k = fractions.length;
    double[] upper = new double[k];
    double[] lower = new double[k];
    Arrays.fill(lower, Double.NEGATIVE_INFINITY);
    Grid previous = null;
    double spentBefore = 0;
    for (int look = 0; look < k; look++) {
      double increment = spending.spent(fractions[look], alpha) - spentBefore;
      spentBefore += increment;
      Grid before = previous;
      double t = fractions[look];
      double tBefore = look == 0 ? 0 : fractions[look - 1];
      if (increment <= 0) {
        upper[look] = Double.POSITIVE_INFINITY;
      } else {
        upper[look] =
            new BrentSolver(1e-10)
                .solve(500, b -> crossAbove(before, tBefore, t, 0, b) - increment, -10, 40);
      }
      previous = Grid.next(before, tBefore, t, 0, lower[look], upper[look]);
    }
    return upper;
  }

  /**
   * Symmetric two-sided boundaries {@code +-c_k} at a two-sided level {@code alpha}, each side
   * spending {@code alpha / 2} (exits on either side count), as in DeMets and Lan's (1994) tables.
   */
  public static double[] symmetricBoundaries(Spending spending, double alpha, double... fractions) {
    requireFractions(fractions);
    int k = fractions.length;
    double[] bounds = new double[k];
    Grid previous = null;
    double spentBefore = 0;
    for (int look = 0; look < k; look++) {
      double increment = 2 * spending.spent(fractions[look], alpha / 2) - spentBefore;
      spentBefore += increment;
      Grid before = previous;
      double t = fractions[look];
      double tBefore = look == 0 ? 0 : fractions[look - 1];
      bounds[look] =
          new BrentSolver(1e-10)
              .solve(
                  500,
                  c ->
                      crossAbove(before, tBefore, t, 0, c)
                          + crossBelow(before, tBefore, t, 0, -c)
                          - increment,
                  0,
                  40);
      previous = Grid.next(before, tBefore, t, 0, -bounds[look], bounds[look]);
    }
    return bounds;
  }

  /**
   * Pocock's constant {@code C_P(K, alpha)}: the two-sided boundary {@code +-C} at each of K
   * equally spaced looks with total two-sided level {@code alpha} (Jennison and Turnbull, Table
   * 2.1).
   */
  public static double pocock(int looks, double alpha) {
    return constant(looks, alpha, false);
  }

  /**
   * O'Brien and Fleming's constant {@code C_B(K, alpha)}: boundaries {@code +-C sqrt(K/k)} at K
   * equally spaced looks with total two-sided level {@code alpha} (Jennison and Turnbull, Table
   * 2.3).
   */
  public static double obrienFleming(int looks, double alpha) {
    return constant(looks, alpha, true);
  }

  private static double constant(int looks, double alpha, boolean obrienFleming) {
    double[] fractions = equallySpaced(looks);
    return new BrentSolver(1e-10)
        .solve(
            500,
            c -> {
              double[] upper = new double[looks];
              for (int k = 0; k < looks; k++) {
                upper[k] = obrienFleming ? c * Math.sqrt((double) looks / (k + 1)) : c;
              }
              double[] lower = Arrays.stream(upper).map(u -> -u).toArray();
              Crossing crossing = crossing(upper, lower, fractions, 0);
              return crossing.totalUpper() + crossing.totalLower() - alpha;
            },
            0.5,
            10);
  }

  /** Fractions 1/K, 2/K, ..., 1. */
  public static double[] equallySpaced(int looks) {
    if (looks < 1) {
      throw new IllegalArgumentException("a design needs at least 1 look, but had " + looks);
    }
    double[] fractions = new double[looks];
    for (int k = 0; k < looks; k++) {
      fractions[k] = (double) (k + 1) / looks;
    }
    return fractions;
  }

  /**
   * The probabilities of stopping at each look through each boundary when the drift is {@code
   * drift}.
   *
   * @param upper upper boundaries (z), {@code +infinity} for none
   * @param lower lower boundaries (z), {@code -infinity} for none
   * @param fractions information fractions
   * @param drift the expected z-statistic at fraction 1
   */
  public static Crossing crossing(
      double[] upper, double[] lower, double[] fractions, double drift) {
    requireFractions(fractions);
    int k = fractions.length;
    double[] up = new double[k];
    double[] down = new double[k];
    Grid previous = null;
    for (int look = 0; look < k; look++) {
      double t = fractions[look];
      double tBefore = look == 0 ? 0 : fractions[look - 1];
      up[look] = crossAbove(previous, tBefore, t, drift, upper[look]);
      down[look] = crossBelow(previous, tBefore, t, drift, lower[look]);
      previous = Grid.next(previous, tBefore, t, drift, lower[look], upper[look]);
    }
    return new Crossing(up, down, fractions.clone());
  }

  /**
   * The factor by which a group-sequential run's largest size must exceed a fixed run's for the
   * same power: {@code R} such that the one-sided design with these boundaries crosses the upper
   * one with probability {@code power} at the drift {@code sqrt(R) (z_alpha + z_beta)} that gives
   * the fixed run that power (Jennison and Turnbull's R, Tables 2.2 and 2.4).
   */
  public static double inflation(double[] upper, double[] fractions, double alpha, double power) {
    double fixedDrift = Proportions.zOneSided(alpha) + Proportions.zOneSided(1 - power);
    double[] lower = new double[upper.length];
    Arrays.fill(lower, Double.NEGATIVE_INFINITY);
    return new BrentSolver(1e-10)
        .solve(
            500,
            r -> crossing(upper, lower, fractions, Math.sqrt(r) * fixedDrift).totalUpper() - power,
            0.5,
            4);
  }

  private static void requireFractions(double[] fractions) {
    double before = 0;
    for (double t : fractions) {
      if (!(t > before && t <= 1)) {
        throw new IllegalArgumentException(
            "information fractions must increase within (0, 1], but were "
                + Arrays.toString(fractions));
      }
      before = t;
    }
  }

  /** P(continue to the previous look, then Z(t) >= b). */
  private static double crossAbove(
      @Nullable Grid previous, double tBefore, double t, double drift, double b) {
    if (b == Double.POSITIVE_INFINITY) {
      return 0;
    }
    double score = b * Math.sqrt(t);
    if (previous == null) {
      return Proportions.upperTail((score - drift * t) / Math.sqrt(t));
    }
    double sd = Math.sqrt(t - tBefore);
    double mean = drift * (t - tBefore);
    return previous.integrate(u -> Proportions.upperTail((score - u - mean) / sd));
  }

  /** P(continue to the previous look, then Z(t) <= a). */
  private static double crossBelow(
      @Nullable Grid previous, double tBefore, double t, double drift, double a) {
    if (a == Double.NEGATIVE_INFINITY) {
      return 0;
    }
    double score = a * Math.sqrt(t);
    if (previous == null) {
      return Proportions.upperTail(-(score - drift * t) / Math.sqrt(t));
    }
    double sd = Math.sqrt(t - tBefore);
    double mean = drift * (t - tBefore);
    return previous.integrate(u -> Proportions.upperTail(-(score - u - mean) / sd));
  }

  /**
   * Stopping probabilities of a design.
   *
   * @param upper per look, the probability of stopping through the upper boundary there
   * @param lower per look, through the lower boundary
   * @param fractions the looks' information fractions
   */
  public record Crossing(double[] upper, double[] lower, double[] fractions) {
    public double totalUpper() {
      return Arrays.stream(upper).sum();
    }

    public double totalLower() {
      return Arrays.stream(lower).sum();
    }

    /**
     * The expected information fraction at stopping (a run that never stops early ends at the last
     * look).
     */
    public double expectedFraction() {
      double expected = 0;
      double stopped = 0;
      for (int k = 0; k < fractions.length - 1; k++) {
        double p = upper[k] + lower[k];
        expected += p * fractions[k];
        stopped += p;
      }
      return expected + (1 - stopped) * fractions[fractions.length - 1];
    }
  }

  /** The sub-density of the score S = Z sqrt(t) on a look's continuation region, on a grid. */
  private record Grid(double[] points, double[] density, double step) {
    /**
     * The density at fraction {@code t} restricted to {@code (lower, upper)} (z-scale), from the
     * previous look's.
     */
    static Grid next(
        @Nullable Grid previous,
        double tBefore,
        double t,
        double drift,
        double lower,
        double upper) {
      double root = Math.sqrt(t);
      double centre = drift * t;
      double from = Math.max(lower * root, centre - REACH * root);
      double to = Math.min(upper * root, centre + REACH * root);
      if (previous != null) {
        // the score's spread here is at most its spread at the previous look plus the increment's
        from =
            Math.max(
                lower * root, Math.min(from, previous.points[0] - REACH * Math.sqrt(t - tBefore)));
        to =
            Math.min(
                upper * root,
                Math.max(
                    to,
                    previous.points[previous.points.length - 1] + REACH * Math.sqrt(t - tBefore)));
      }
      double[] points = new double[POINTS];
      double[] density = new double[POINTS];
      if (!(to > from)) {
        return new Grid(points, density, 0);
      }
      double step = (to - from) / (POINTS - 1);
      double sd = Math.sqrt(t - tBefore);
      double mean = drift * (t - tBefore);
      for (int i = 0; i < POINTS; i++) {
        double s = from + i * step;
        points[i] = s;
        if (previous == null) {
          density[i] = normalDensity((s - centre) / root) / root;
        } else {
          density[i] = previous.integrate(u -> normalDensity((s - u - mean) / sd) / sd);
        }
      }
      return new Grid(points, density, step);
    }

    /** Simpson's rule for the integral of density(u) f(u). */
    double integrate(java.util.function.DoubleUnaryOperator f) {
      if (step == 0) {
        return 0;
      }
      double sum = 0;
      int last = points.length - 1;
      for (int i = 0; i <= last; i++) {
        double weight = i == 0 || i == last ? 1 : i % 2 == 1 ? 4 : 2;
        sum += weight * density[i] * f.applyAsDouble(points[i]);
      }
      return sum * step / 3;
    }

    private static double normalDensity(double z) {
      return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    }
  }
}

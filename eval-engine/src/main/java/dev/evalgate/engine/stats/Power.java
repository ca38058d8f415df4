package dev.evalgate.engine.stats;

import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * Power, sample sizes and minimum detectable effects of the gate's one-sided tests, by the normal
 * approximation: a criterion whose truth is {@code distance} from its limit, judged on n
 * observations with per-observation variance {@code variance}, is decided at one-sided level alpha
 * with power {@code Phi(distance sqrt(n / variance) - z_alpha)}. The variance of each kind:
 *
 * <ul>
 *   <li>paired pass rates (non-inferior, superior): {@code psi - delta^2}, psi the discordance (the
 *       share of cases the variants disagree on), delta the true difference ({@link
 *       #pairedVariance});
 *   <li>pass rates on different cases: {@code p1 (1 - p1) + p2 (1 - p2)} per pair of cases;
 *   <li>a mean or a mean difference (latency, cost): the variance of the values or differences;
 *   <li>a ratio of means: {@code cv_x^2 + cv_y^2 - 2 rho cv_x cv_y} on the log scale ({@link
 *       #ratioVariance});
 *   <li>with k repeats of each case: {@code between + within / k} ({@link #repeatedVariance});
 *   <li>with clusters: times the design effect.
 * </ul>
 *
 * A single rate (at-most, at-least) and a percentile (its share of observations below the limit)
 * use the score form, with the variance at the limit under the null ({@link #proportionCases}). The
 * simulation in {@code benchmarks} compares these predictions with simulated power.
 *
 * <pre>{@code
 * double psi = table.discordance();                                    // 0.035 in a pilot
 * Power.cases(Power.pairedVariance(psi, 0), 0.02, 0.025, 0.8);         // about 690 paired cases for a 2 pp margin
 * Power.minimumDetectable(Power.pairedVariance(psi, 0), 200, 0.025, 0.8); // the margin 200 cases can show
 * }</pre>
 */
public final class Power {
  private Power() {}

  /**
   * Observations needed to decide, with probability {@code power}, a criterion whose truth is
   * {@code distance} from its limit.
   */
  public static double cases(double variance, double distance, double alpha, double power) {
    requireDistance(distance);
    double z = Proportions.zOneSided(alpha) + Proportions.zOneSided(1 - power);
    return z * z * variance / (distance * distance);
  }

  /**
   * The smallest distance from the limit that n observations decide with probability {@code power}.
   */
  public static double minimumDetectable(double variance, long n, double alpha, double power) {
    double z = Proportions.zOneSided(alpha) + Proportions.zOneSided(1 - power);
    return z * Math.sqrt(variance / n);
  }

  /**
   * The probability of deciding a criterion whose truth is {@code distance} from its limit on the
   * claimed side.
   */
  public static double power(double variance, double distance, long n, double alpha) {
    if (variance <= 0) {
      return distance > 0 ? 1 : 0;
    }
    return Proportions.NORMAL.cumulativeProbability(
        distance * Math.sqrt(n / variance) - Proportions.zOneSided(alpha));
  }

  /**
   * The per-pair variance of a paired difference in pass rates: discordance minus the squared true
   * difference.
   */
  public static double pairedVariance(double discordance, double difference) {
    return Math.max(0, discordance - difference * difference);
  }

  /**
   * The log-scale variance per pair of a ratio of means, from the coefficients of variation and
   * their correlation.
   */
  public static double ratioVariance(double cvNumerator, double cvDenominator, double correlation) {
    return cvNumerator * cvNumerator
        + cvDenominator * cvDenominator
        - 2 * correlation * cvNumerator * cvDenominator;
  }

  /**
   * The variance per case of a case's mean over k repeats: between-case variance plus within-case
   * variance over k.
   */
  public static double repeatedVariance(double between, double within, int repeats) {
    if (repeats < 1) {
      throw new IllegalArgumentException("repeats must be at least 1, but were " + repeats);
    }
    return between + within / repeats;
  }

  /**
   * Observations needed to show that a rate whose truth is {@code rate} is on its side of {@code
   * limit} (the score test: {@code ((z_a sqrt(L(1-L)) + z_b sqrt(p(1-p))) / (L - p))^2}), and never
   * fewer than the exact bounds need to show it at all ({@link #fewestToShow}). For a percentile,
   * {@code limit} is its level (0.95) and {@code rate} the true share of observations below the
   * limit.
   */
  public static double proportionCases(double rate, double limit, double alpha, double power) {
    requireDistance(Math.abs(limit - rate));
    double numerator =
        Proportions.zOneSided(alpha) * Math.sqrt(limit * (1 - limit))
            + Proportions.zOneSided(1 - power) * Math.sqrt(rate * (1 - rate));
    return Math.max(
        fewestToShow(limit, alpha, rate < limit),
        numerator * numerator / ((limit - rate) * (limit - rate)));
  }

  /**
   * The fewest observations whose exact bound can show a rate below {@code limit} (all of them
   * failures: {@code 1 - alpha^(1/n) <= limit}) or above it (all successes: {@code alpha^(1/n) >=
   * limit}).
   */
  public static double fewestToShow(double limit, double alpha, boolean below) {
    double room = below ? limit : 1 - limit;
    if (room <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    return room >= 1 ? 1 : Math.ceil(Math.log(alpha) / Math.log(1 - room));
  }

  /**
   * The power of the score test of a rate: the normal approximation behind {@link
   * #proportionCases}.
   */
  public static double proportionPower(double rate, double limit, long n, double alpha) {
    double distance = Math.abs(limit - rate);
    double spread = Math.sqrt(rate * (1 - rate));
    if (spread == 0) {
      return distance > 0 ? 1 : 0;
    }
    double z =
        (distance * Math.sqrt(n) - Proportions.zOneSided(alpha) * Math.sqrt(limit * (1 - limit)))
            / spread;
    return Proportions.NORMAL.cumulativeProbability(z);
  }

  /**
   * The smallest distance from {@code limit} at which n observations show a rate on the claimed
   * side with probability {@code power}; {@code below} for at-most claims (the true rate under the
   * limit).
   */
  public static double proportionMinimumDetectable(
      double limit, long n, double alpha, double power, boolean below) {
    double room = below ? limit : 1 - limit;
    if (n < fewestToShow(limit, alpha, below)
        || proportionPower(below ? 0 : 1, limit, n, alpha) < power) {
      return Double.POSITIVE_INFINITY;
    }
    return new BrentSolver(1e-12)
        .solve(
            500,
            d -> proportionPower(below ? limit - d : limit + d, limit, n, alpha) - power,
            1e-12,
            room);
  }

  private static void requireDistance(double distance) {
    if (!(distance > 0)) {
      throw new IllegalArgumentException(
          "the truth must differ from the limit to be decided, but the distance was " + distance);
    }
  }
}

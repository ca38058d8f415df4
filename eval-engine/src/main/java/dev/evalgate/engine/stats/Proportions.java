package dev.evalgate.engine.stats;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Intervals and tests for proportions, including paired ones (two variants answering the same
 * cases) and independent ones (two variants answering different cases). commons-math3 supplies the
 * distributions; the formulas it lacks are here.
 *
 * <p>Each interval is also available at a normal quantile {@code z} instead of a confidence level,
 * with counts as real numbers: the decision procedures invert an interval into a one-sided p-value
 * by solving for {@code z} ({@link Inversion}), and the cluster adjustment divides the counts by a
 * design effect ({@link ClusteredPairs}).
 */
public final class Proportions {
  static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  private Proportions() {}

  /** The two-sided normal quantile for a confidence level, e.g. 1.959964 for 0.95. */
  public static double z(double confidence) {
    return NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
  }

  /** The one-sided normal quantile: the z with {@code alpha} above it, e.g. 1.959964 for 0.025. */
  public static double zOneSided(double alpha) {
    return -NORMAL.inverseCumulativeProbability(alpha);
  }

  /** The probability above {@code z} under the standard normal, accurate far into the tail. */
  public static double upperTail(double z) {
    return NORMAL.cumulativeProbability(-z);
  }

  /** Wilson score interval for {@code successes} out of {@code n}; [0, 1] when n is 0. */
  public static Interval wilson(long successes, long n, double confidence) {
    return wilsonAtZ(successes, n, z(confidence));
  }

  /** Wilson's interval at a normal quantile, for real-valued counts (n &gt; 0). */
  static Interval wilsonAtZ(double successes, double n, double z) {
    if (n <= 0) {
      return new Interval(0, 1);
    }
    double p = successes / n;
    double z2 = z * z;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / denominator;
    double half = z * Math.sqrt(Math.max(0, p * (1 - p)) / n + z2 / (4.0 * n * n)) / denominator;
    return new Interval(
        Math.max(0, Math.min(p, centre - half)), Math.min(1, Math.max(p, centre + half)));
  }

  /**
   * Newcombe's hybrid score interval (method 10, 1998) for the difference of two paired
   * proportions, challenger minus control.
   *
   * @param bothPass cases both variants pass
   * @param challengerOnly cases only the challenger passes
   * @param controlOnly cases only the control passes
   * @param bothFail cases both fail
   */
  public static Interval pairedDifference(
      long bothPass, long challengerOnly, long controlOnly, long bothFail, double confidence) {
    return pairedDifferenceAtZ(bothPass, challengerOnly, controlOnly, bothFail, z(confidence));
  }

  /** Newcombe's paired interval at a normal quantile, for real-valued counts. */
  public static Interval pairedDifferenceAtZ(
      double bothPass, double challengerOnly, double controlOnly, double bothFail, double z) {
    double n = bothPass + challengerOnly + controlOnly + bothFail;
    if (n <= 0) {
      return new Interval(-1, 1);
    }
    double p1 = (bothPass + challengerOnly) / n;
    double p2 = (bothPass + controlOnly) / n;
    Interval w1 = wilsonAtZ(bothPass + challengerOnly, n, z);
    Interval w2 = wilsonAtZ(bothPass + controlOnly, n, z);
    double r = bothPass + challengerOnly;
    double s = controlOnly + bothFail;
    double t = bothPass + controlOnly;
    double u = challengerOnly + bothFail;
    double product = r * s * t * u;
    // phi, the correlation of the two outcomes, as Newcombe corrects it: 0 when a margin is empty,
    // and a
    // positive cross-product less N/2 (floored at 0), which widens the interval and keeps the
    // method's coverage
    double cross = bothPass * bothFail - challengerOnly * controlOnly;
    if (cross > 0) {
      cross = Math.max(0, cross - n / 2);
    }
    double phi = product == 0 ? 0 : cross / Math.sqrt(product);
    double d = p1 - p2;
    double dl1 = p1 - w1.low();
    double du1 = w1.high() - p1;
    double dl2 = p2 - w2.low();
    double du2 = w2.high() - p2;
    double delta = Math.sqrt(Math.max(0, dl1 * dl1 - 2 * phi * dl1 * du2 + du2 * du2));
    double epsilon = Math.sqrt(Math.max(0, du1 * du1 - 2 * phi * du1 * dl2 + dl2 * dl2));
    return new Interval(Math.max(-1, d - delta), Math.min(1, d + epsilon));
  }

  /**
   * Newcombe's hybrid score interval (method 10, 1998) for the difference of two independent
   * proportions, {@code successes1 / n1 - successes2 / n2}; [-1, 1] when either n is 0.
   */
  public static Interval independentDifference(
      long successes1, long n1, long successes2, long n2, double confidence) {
    return independentDifferenceAtZ(successes1, n1, successes2, n2, z(confidence));
  }

  /** Newcombe's independent-samples interval at a normal quantile. */
  static Interval independentDifferenceAtZ(
      double successes1, double n1, double successes2, double n2, double z) {
    if (n1 <= 0 || n2 <= 0) {
      return new Interval(-1, 1);
    }
    double p1 = successes1 / n1;
    double p2 = successes2 / n2;
    Interval w1 = wilsonAtZ(successes1, n1, z);
    Interval w2 = wilsonAtZ(successes2, n2, z);
    double d = p1 - p2;
    double low = d - Math.hypot(p1 - w1.low(), w2.high() - p2);
    double high = d + Math.hypot(w1.high() - p1, p2 - w2.low());
    return new Interval(Math.max(-1, low), Math.min(1, high));
  }

  /** McNemar's exact two-sided p-value from the discordant counts. */
  public static double mcNemarExact(long controlOnly, long challengerOnly) {
    long discordant = controlOnly + challengerOnly;
    if (discordant == 0) {
      return 1.0;
    }
    BinomialDistribution binomial = new BinomialDistribution(null, (int) discordant, 0.5);
    long smaller = Math.min(controlOnly, challengerOnly);
    return Math.min(1.0, 2 * binomial.cumulativeProbability((int) smaller));
  }

  /** McNemar's mid-p value: the exact p-value less the probability of the observed table. */
  public static double mcNemarMidP(long controlOnly, long challengerOnly) {
    long discordant = controlOnly + challengerOnly;
    if (discordant == 0) {
      return 1.0;
    }
    BinomialDistribution binomial = new BinomialDistribution(null, (int) discordant, 0.5);
    long smaller = Math.min(controlOnly, challengerOnly);
    double exact = 2 * binomial.cumulativeProbability((int) smaller);
    return Math.min(1.0, exact - binomial.probability((int) smaller));
  }
}

package dev.evalgate.engine.stats;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Intervals and tests for proportions, including paired ones (two variants answering the same
 * cases). commons-math3 supplies the distributions; the formulas it lacks are here.
 */
public final class Proportions {
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  private Proportions() {}

  /** The two-sided normal quantile for a confidence level, e.g. 1.959964 for 0.95. */
  public static double z(double confidence) {
    return NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
  }

  /** Wilson score interval for {@code successes} out of {@code n}; [0, 1] when n is 0. */
  public static Interval wilson(long successes, long n, double confidence) {
    if (n == 0) {
      return new Interval(0, 1);
    }
    double z = z(confidence);
    double p = (double) successes / n;
    double z2 = z * z;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / denominator;
    double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
    return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
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
  public static Interval pairedDifference(long bothPass, long challengerOnly, long controlOnly, long bothFail,
      double confidence) {
    long n = bothPass + challengerOnly + controlOnly + bothFail;
    if (n == 0) {
      return new Interval(-1, 1);
    }
    double p1 = (double) (bothPass + challengerOnly) / n;
    double p2 = (double) (bothPass + controlOnly) / n;
    Interval w1 = wilson(bothPass + challengerOnly, n, confidence);
    Interval w2 = wilson(bothPass + controlOnly, n, confidence);
    double r = bothPass + challengerOnly;
    double s = controlOnly + bothFail;
    double t = bothPass + controlOnly;
    double u = challengerOnly + bothFail;
    double product = r * s * t * u;
    double phi = product == 0 ? 0 : ((double) bothPass * bothFail - (double) challengerOnly * controlOnly) / Math.sqrt(product);
    double d = p1 - p2;
    double dl1 = p1 - w1.low();
    double du1 = w1.high() - p1;
    double dl2 = p2 - w2.low();
    double du2 = w2.high() - p2;
    double delta = Math.sqrt(Math.max(0, dl1 * dl1 - 2 * phi * dl1 * du2 + du2 * du2));
    double epsilon = Math.sqrt(Math.max(0, du1 * du1 - 2 * phi * du1 * dl2 + dl2 * dl2));
    return new Interval(Math.max(-1, d - delta), Math.min(1, d + epsilon));
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

package dev.evalgate.benchmarks.stats;

import dev.evalgate.engine.stats.PairedProportions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated data: paired pass/fail outcomes with a given correlation, skewed latencies and
 * costs.
 */
final class Draws {
  private Draws() {}

  /**
   * The cell probabilities (both pass, challenger only, control only, both fail) of paired outcomes
   * with pass rates {@code control} and {@code challenger} and correlation (phi) {@code rho}.
   */
  static double[] cells(double control, double challenger, double rho) {
    double both =
        control * challenger
            + rho * Math.sqrt(control * (1 - control) * challenger * (1 - challenger));
    double[] cells = {both, challenger - both, control - both, 1 - control - challenger + both};
    for (double c : cells) {
      if (c < -1e-12) {
        throw new IllegalArgumentException(
            "no joint distribution with pass rates "
                + control
                + ", "
                + challenger
                + " and correlation "
                + rho);
      }
    }
    for (int i = 0; i < 4; i++) {
      cells[i] = Math.max(0, cells[i]);
    }
    return cells;
  }

  /** The discordance (the share of pairs that disagree) of these cells. */
  static double discordance(double[] cells) {
    return cells[1] + cells[2];
  }

  /** n paired cases drawn from the cells. */
  static PairedProportions table(SplittableRandom random, int n, double[] cells) {
    long[] counts = new long[4];
    double first = cells[0];
    double second = first + cells[1];
    double third = second + cells[2];
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble();
      counts[u < first ? 0 : u < second ? 1 : u < third ? 2 : 3]++;
    }
    return new PairedProportions(counts[0], counts[1], counts[2], counts[3]);
  }

  /**
   * n paired cases in clusters of {@code size} (the last one smaller when size does not divide n),
   * one table per cluster: each case is, with probability {@code share}, the pair its cluster drew
   * once, else a pair of its own; both come from the cells, so the pass rates and their difference
   * are the cells' and the cases of a cluster are correlated by {@code share}.
   */
  static List<PairedProportions> clusters(
      SplittableRandom random, int n, int size, double share, double[] cells) {
    List<PairedProportions> clusters = new ArrayList<>();
    for (int start = 0; start < n; start += size) {
      int own = pair(random, cells);
      long[] counts = new long[4];
      for (int i = start; i < Math.min(n, start + size); i++) {
        counts[random.nextDouble() < share ? own : pair(random, cells)]++;
      }
      clusters.add(new PairedProportions(counts[0], counts[1], counts[2], counts[3]));
    }
    return clusters;
  }

  /** One paired case: 0 both pass, 1 challenger only, 2 control only, 3 both fail. */
  static int pair(SplittableRandom random, double[] cells) {
    double u = random.nextDouble();
    return u < cells[0]
        ? 0
        : u < cells[0] + cells[1] ? 1 : u < cells[0] + cells[1] + cells[2] ? 2 : 3;
  }

  /** Successes in n trials at rate p. */
  static long binomial(SplittableRandom random, int n, double p) {
    long successes = 0;
    for (int i = 0; i < n; i++) {
      if (random.nextDouble() < p) {
        successes++;
      }
    }
    return successes;
  }

  /** A log-normal value with median {@code median} and log-scale spread {@code sigma}. */
  static double logNormal(SplittableRandom random, double median, double sigma) {
    return median * Math.exp(sigma * random.nextGaussian());
  }

  /** The mean of that log-normal. */
  static double logNormalMean(double median, double sigma) {
    return median * Math.exp(sigma * sigma / 2);
  }

  static double logistic(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  static double logit(double p) {
    return Math.log(p / (1 - p));
  }
}

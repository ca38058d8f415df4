package dev.evalgate.engine.stats;

import java.util.List;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Beta;

/**
 * One proportion whose cases come in clusters (turns of one conversation, questions on one
 * document), which pass or fail together: {@link Proportion}'s exact bounds and p-values taken on
 * the effective counts, the successes and the cases divided by the design effect (the adjustment of
 * Rao and Scott, 1992, as {@link ClusteredPairs} makes it for a paired difference). The beta and
 * binomial tails are read through the regularised incomplete beta function, which takes the
 * effective counts as they are, whole or not.
 *
 * <p>With few clusters the design effect is itself uncertain: the effective counts are shrunk
 * further by Korn and Graubard's degrees-of-freedom factor (below). Near a rate of 0 or 1 it is
 * also too often too small: the clusters that went the other way are few, and a sample that happens
 * to have none of them looks like independent cases. The bounds therefore take the design effect at
 * least as large as it would be with half a cluster more that went the other way ({@link
 * #boundingDesignEffect()}); the simulation in benchmarks ({@code --only coverage-clustered-rates})
 * chose it: without it, 10 clusters of 20 at an 88 % rate put the interval wholly above the truth
 * 15 % of the time.
 *
 * <p>The design effect is the ratio-estimator variance over clusters, {@code K/(K-1) * sum_k (x_k -
 * n_k p)^2 / N^2}, over the variance the same cases would have if independent, {@code p(1-p)/N};
 * below 1 it is taken as 1, so the adjustment never narrows the bounds.
 *
 * <p>An infinite design effect (fewer than 2 clusters: nothing is known of how clusters vary)
 * bounds nothing: the interval is [0, 1] and no limit is shown.
 *
 * @param counted the proportion as counted
 * @param designEffect at least 1, or infinite
 * @param clusters the clusters the cases came in; with fewer than 2 nothing is bounded
 */
public record ClusteredProportion(Proportion counted, double designEffect, int clusters)
    implements Estimate {
  /**
   * The inverse beta's absolute accuracy: effective successes below 1 put a bound near 0, where the
   * default (1e-9) would not meet its own p-value.
   */
  private static final double ACCURACY = 1e-15;

  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  public ClusteredProportion {
    requireDesign(designEffect, clusters);
  }

  /** Checks a clustered estimate's design effect (at least 1, or infinite) and clusters (1+). */
  static void requireDesign(double designEffect, int clusters) {
    if (!(designEffect >= 1)) {
      throw new IllegalArgumentException("a design effect is at least 1, but was " + designEffect);
    }
    if (clusters < 1) {
      throw new IllegalArgumentException("at least one cluster, but were " + clusters);
    }
  }

  /**
   * The design effect of a proportion over its clusters, each given as {@code {cases, successes}};
   * infinite with fewer than 2 clusters of cases (nothing is known of how clusters vary), 1 when
   * every case is alike (no variance to inflate).
   */
  public static double designEffect(List<long[]> clusters) {
    long n = 0;
    long x = 0;
    int k = 0;
    for (long[] cluster : clusters) {
      if (cluster[0] > 0) {
        k++;
        n += cluster[0];
        x += cluster[1];
      }
    }
    if (k < 2) {
      return Double.POSITIVE_INFINITY;
    }
    double p = (double) x / n;
    double independent = p * (1 - p) / n;
    if (independent == 0) {
      return 1;
    }
    double deviations = 0;
    for (long[] cluster : clusters) {
      double d = cluster[1] - cluster[0] * p;
      deviations += d * d;
    }
    double overClusters = (double) k / (k - 1) * deviations / ((double) n * n);
    return Math.max(1, overClusters / independent);
  }

  /**
   * The design effect the bounds are taken on: the measured one, or, when larger, the one the same
   * clusters would show with half a cluster more of their mean size whose pass rate is one minus
   * the observed rate (a cluster that went the other way, counted half, as Jeffreys' prior counts
   * half a case of each outcome). It matters near a rate of 0 or 1 with few clusters, where the
   * clusters that went the other way are few or none and the measured design effect is too often
   * far below the truth; at a rate of one half it adds nothing, and its weight falls as the
   * clusters grow in number.
   *
   * <p>The measured design effect gives the squared deviations {@code S = deff p(1-p) N (K-1)/K};
   * with the half cluster (m = N/K cases, m(1-p) passes) the rate is {@code p' = (Np + m(1-p)/2) /
   * (N + m/2)}, the deviations from it {@code S + (p - p')^2 N^2/K + (m(1-p) - m p')^2 / 2}
   * (clusters taken as of equal size), and the design effect {@code (K'/(K'-1)) dev / N'^2} over
   * {@code p'(1-p') / N'}, with {@code K' = K + 1/2}, {@code N' = N + m/2}. Infinite stays
   * infinite.
   */
  public double boundingDesignEffect() {
    return boundingDesignEffect(counted, designEffect, clusters);
  }

  /**
   * {@link #boundingDesignEffect()} of a share {@code counted} with its measured design effect over
   * {@code clusters} clusters, for any bound taken on effective counts (a percentile's share at or
   * below it as much as a rate).
   */
  public static double boundingDesignEffect(Proportion counted, double designEffect, int clusters) {
    if (Double.isInfinite(designEffect) || clusters < 2 || counted.n() == 0) {
      return designEffect;
    }
    double cases = counted.n();
    double p = counted.value();
    double q = 1 - p;
    double deviations = designEffect * p * q * cases * (clusters - 1) / clusters;
    // the half cluster's pass rate one minus the observed
    HalfCluster steadied = HalfCluster.added(cases, clusters, p, deviations, q);
    double independent = steadied.mean() * (1 - steadied.mean()) / steadied.units();
    return Math.max(designEffect, steadied.overClusters() / independent);
  }

  private double successes() {
    return counted.successes() * shrink();
  }

  private double cases() {
    return counted.n() * shrink();
  }

  /**
   * What each case counts for: one over the bounding design effect, times Korn and Graubard's
   * (1998) degrees of freedom factor {@code (z / t(K-1))^2} at the 95 % level, because with few
   * clusters the design effect is itself a noisy estimate (the simulation in benchmarks shows
   * bounds too close without it: 80 % coverage over 10 clusters of 20 at an 88 % rate).
   */
  private double shrink() {
    return degreesOfFreedomFactor(clusters) / boundingDesignEffect();
  }

  /**
   * Korn and Graubard's factor {@code (z / t(K-1))^2} at the 95 % level for {@code clusters}
   * clusters, at most 1; 0 with fewer than 2 (nothing is known of how they vary).
   */
  public static double degreesOfFreedomFactor(int clusters) {
    if (clusters < 2) {
      return 0;
    }
    double z = NORMAL.inverseCumulativeProbability(0.975);
    double t = new TDistribution(null, clusters - 1).inverseCumulativeProbability(0.975);
    return Math.min(1, z / t * (z / t));
  }

  @Override
  public double value() {
    return counted.value();
  }

  @Override
  public long n() {
    return counted.n();
  }

  private boolean unknown() {
    return Double.isInfinite(designEffect) || clusters < 2;
  }

  @Override
  public double lower(double alpha) {
    if (counted.successes() == 0 || unknown()) {
      return 0;
    }
    return new BetaDistribution(null, successes(), cases() - successes() + 1, ACCURACY)
        .inverseCumulativeProbability(alpha);
  }

  @Override
  public double upper(double alpha) {
    if (counted.successes() == counted.n() || unknown()) {
      return 1;
    }
    return new BetaDistribution(null, successes() + 1, cases() - successes(), ACCURACY)
        .inverseCumulativeProbability(1 - alpha);
  }

  /** P(X &gt;= x) at a true rate equal to the limit, on the effective counts. */
  @Override
  public double lowerP(double limit, boolean inclusive) {
    long x = counted.successes();
    if (limit < 0 || limit == 0 && (inclusive || x > 0)) {
      return 0;
    }
    if (limit == 0 || limit >= 1 || x == 0 || unknown()) {
      return 1;
    }
    return Beta.regularizedBeta(limit, successes(), cases() - successes() + 1);
  }

  /** P(X &lt;= x) at a true rate equal to the limit, on the effective counts. */
  @Override
  public double upperP(double limit, boolean inclusive) {
    long x = counted.successes();
    long n = counted.n();
    if (limit > 1 || limit == 1 && (inclusive || x < n)) {
      return 0;
    }
    if (limit == 1 || limit <= 0 || x == n || unknown()) {
      return 1;
    }
    return 1 - Beta.regularizedBeta(limit, successes() + 1, cases() - successes());
  }
}

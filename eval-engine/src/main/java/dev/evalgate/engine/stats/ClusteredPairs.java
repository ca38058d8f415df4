package dev.evalgate.engine.stats;

import java.util.List;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Paired pass/fail outcomes whose cases come in clusters (turns of one conversation, questions on
 * one document, rows from one template), which move together: a cluster-adjusted estimate of the
 * difference in pass rates (challenger minus control) and the clustered McNemar tests.
 *
 * <p>The variance of the difference is the ratio-estimator variance over clusters (Obuchowski
 * 1998): {@code K/(K-1) * sum_k (D_k - n_k d)^2 / N^2}, with {@code D_k} a cluster's improvements
 * minus regressions, {@code n_k} its pairs, {@code d} the difference, K clusters and N pairs. The
 * design effect is that variance over the variance the same pairs would have if independent, {@code
 * ((b + c)/N - d^2)/N}. The interval is Newcombe's paired interval on the counts divided by the
 * design effect (the adjustment of Rao and Scott, 1992): it keeps Newcombe's behaviour at small
 * counts and near 0 and 1, and is as wide as the clusters make the difference vary. A design effect
 * below 1 (clusters that vary less than independent cases would) is taken as 1, so the adjustment
 * never narrows the interval. With fewer than 2 clusters nothing is known about their variation:
 * the interval is [-1, 1].
 *
 * <pre>{@code
 * ClusteredPairs pairs = ClusteredPairs.of(List.of(conversation1, conversation2, ...)); // a PairedProportions per cluster
 * pairs.designEffect();   // e.g. 2.4: clustering makes the difference vary 2.4 times as much
 * pairs.interval(0.95);
 * pairs.durkalski().p();  // the clustered McNemar test of equal pass rates
 * }</pre>
 */
public final class ClusteredPairs implements ByZ {
  private final PairedProportions total;
  private final int clusters;
  private final double designEffect;
  private final ChiSquareTest durkalski;
  private final ChiSquareTest obuchowski;

  private ClusteredPairs(List<PairedProportions> byCluster) {
    long a = 0;
    long b = 0;
    long c = 0;
    long d = 0;
    int k = 0;
    for (PairedProportions cluster : byCluster) {
      if (cluster.n() == 0) {
        continue;
      }
      k++;
      a += cluster.bothPass();
      b += cluster.challengerOnly();
      c += cluster.controlOnly();
      d += cluster.bothFail();
    }
    this.total = new PairedProportions(a, b, c, d);
    this.clusters = k;
    double n = total.n();
    double difference = total.value();
    double deviations = 0;
    double sumD = 0;
    double sumD2 = 0;
    double sumW = 0;
    double sumW2 = 0;
    for (PairedProportions cluster : byCluster) {
      if (cluster.n() == 0) {
        continue;
      }
      double dk = cluster.challengerOnly() - cluster.controlOnly();
      double deviation = dk - cluster.n() * difference;
      deviations += deviation * deviation;
      sumD += dk;
      sumD2 += dk * dk;
      double w = dk / cluster.n();
      sumW += w;
      sumW2 += w * w;
    }
    double clustered =
        k < 2 ? Double.POSITIVE_INFINITY : (double) k / (k - 1) * deviations / (n * n);
    double independent = n == 0 ? 0 : (total.discordance() - difference * difference) / n;
    this.designEffect =
        k < 2
            ? Double.POSITIVE_INFINITY
            : independent > 0
                ? clustered / independent
                : clustered > 0 ? Double.POSITIVE_INFINITY : 1;
    // Durkalski et al. (2003): each cluster weighs the same, through its share of discordant
    // improvements
    this.durkalski = ChiSquareTest.of(sumW2 == 0 ? 0 : sumW * sumW / sumW2);
    // Obuchowski (1998) with the variance under equal pass rates (Yang, Sun and Hardin 2010)
    this.obuchowski =
        ChiSquareTest.of(k < 2 || sumD2 == 0 ? 0 : (double) (k - 1) / k * sumD * sumD / sumD2);
  }

  private ClusteredPairs(
      PairedProportions total,
      int clusters,
      double designEffect,
      ChiSquareTest durkalski,
      ChiSquareTest obuchowski) {
    this.total = total;
    this.clusters = clusters;
    this.designEffect = designEffect;
    this.durkalski = durkalski;
    this.obuchowski = obuchowski;
  }

  /**
   * The clustered pairs as a report keeps them: the pooled table, the clusters, the design effect
   * (infinite with fewer than 2 clusters) and the two statistics; the interval and tests are the
   * ones {@link #of} gave.
   */
  public static ClusteredPairs summarised(
      PairedProportions total,
      int clusters,
      double designEffect,
      double durkalski,
      double obuchowski) {
    return new ClusteredPairs(
        total, clusters, designEffect, ChiSquareTest.of(durkalski), ChiSquareTest.of(obuchowski));
  }

  /** The clustered pairs, one 2x2 table per cluster (empty tables are ignored). */
  public static ClusteredPairs of(List<PairedProportions> byCluster) {
    return new ClusteredPairs(byCluster);
  }

  /** The pairs of every cluster together (what the unadjusted analysis sees). */
  public PairedProportions total() {
    return total;
  }

  /** Clusters with at least one pair. */
  public int clusters() {
    return clusters;
  }

  /**
   * The variance of the difference over clusters divided by its variance were the pairs
   * independent; infinite with fewer than 2 clusters. Not floored: {@link #adjustment()} is.
   */
  public double designEffect() {
    return designEffect;
  }

  /**
   * The design effect the interval is taken on: the measured one, or, when larger, the one the same
   * clusters would show with half a cluster more of their mean size whose pairs all went against
   * the observed difference (each a regression when the challenger looks better or equal, each an
   * improvement when it looks worse), counted half as {@link
   * ClusteredProportion#boundingDesignEffect} counts its cluster that went the other way. Near pass
   * rates of 1 (or 0) over few clusters most clusters hold no discordant pair, and a sample whose
   * few discordant clusters look alike measures a design effect far below the truth; with many
   * clusters or many discordant pairs the half cluster weighs little.
   *
   * <p>The measured design effect gives the squared deviations {@code S = deff (b + c - N d^2)
   * (K-1)/K}; with the half cluster (m = N/K pairs, difference {@code -m} or {@code +m}) the
   * difference is {@code d' = (N d -+ m/2) / N'}, the deviations from it {@code S + (d - d')^2
   * N^2/K + (-+m - m d')^2 / 2} (clusters taken as of equal size), and the design effect {@code
   * (K'/(K'-1)) dev / N'^2} over {@code ((b + c + m/2)/N' - d'^2) / N'}, with {@code K' = K + 1/2},
   * {@code N' = N + m/2}. Infinite stays infinite.
   */
  public double boundingDesignEffect() {
    if (Double.isInfinite(designEffect) || clusters < 2 || total.n() == 0) {
      return designEffect;
    }
    double pairs = total.n();
    double difference = total.value();
    double discordant = total.discordance() * pairs;
    double deviations =
        designEffect * (discordant - pairs * difference * difference) * (clusters - 1) / clusters;
    // every pair of the half cluster discordant, against the observed difference
    HalfCluster steadied =
        HalfCluster.added(pairs, clusters, difference, deviations, difference >= 0 ? -1 : 1);
    double independent =
        ((discordant + steadied.units() - pairs) / steadied.units()
                - steadied.mean() * steadied.mean())
            / steadied.units();
    return Math.max(designEffect, steadied.overClusters() / independent);
  }

  /** The divisor of the counts: the bounding design effect, at least 1. */
  public double adjustment() {
    return Math.max(1, boundingDesignEffect());
  }

  /**
   * Durkalski's clustered McNemar test of equal pass rates (reduces to McNemar's without continuity
   * correction when every cluster is one pair).
   */
  public ChiSquareTest durkalski() {
    return durkalski;
  }

  /** Obuchowski's test of equal pass rates for clustered pairs. */
  public ChiSquareTest obuchowski() {
    return obuchowski;
  }

  @Override
  public double value() {
    return total.value();
  }

  @Override
  public long n() {
    return total.n();
  }

  /** The cluster-adjusted interval's own centre (its ends at z = 0), where the inversion starts. */
  @Override
  public double centre() {
    return atZ(0).low();
  }

  @Override
  public Interval atZ(double z) {
    if (Double.isInfinite(designEffect)) {
      return z == 0 ? new Interval(value(), value()) : new Interval(-1, 1);
    }
    double f = adjustment();
    return Proportions.pairedDifferenceAtZ(
        total.bothPass() / f,
        total.challengerOnly() / f,
        total.controlOnly() / f,
        total.bothFail() / f,
        z);
  }

  /**
   * A chi-square statistic with one degree of freedom and its p-value.
   *
   * @param statistic the statistic
   * @param p the probability of a statistic at least this large when the pass rates are equal
   */
  public record ChiSquareTest(double statistic, double p) {
    static ChiSquareTest of(double statistic) {
      return new ChiSquareTest(
          statistic, 1 - new ChiSquaredDistribution(null, 1).cumulativeProbability(statistic));
    }
  }
}

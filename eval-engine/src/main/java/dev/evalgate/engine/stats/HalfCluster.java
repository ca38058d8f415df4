package dev.evalgate.engine.stats;

/**
 * Clusters of equal size with half a cluster of their mean size more, whose units average {@code
 * other}: what a bounding design effect ({@link ClusteredProportion#boundingDesignEffect()}, {@link
 * ClusteredPairs#boundingDesignEffect()}) is taken on. Counted half, as Jeffreys' prior counts half
 * a case of each outcome.
 *
 * @param units the units (cases or pairs) with the half cluster
 * @param mean their mean with it
 * @param overClusters the ratio-estimator variance of that mean over the clusters with it, {@code
 *     (K'/(K'-1)) dev / N'^2}
 */
record HalfCluster(double units, double mean, double overClusters) {
  static final double WEIGHT = 0.5;

  /**
   * @param units the units counted (N)
   * @param clusters the clusters they came in (K)
   * @param mean their mean
   * @param deviations the squared deviations of the clusters' totals from it, {@code sum_k (x_k -
   *     n_k mean)^2}
   * @param other the mean of the half cluster's units
   */
  static HalfCluster added(
      double units, int clusters, double mean, double deviations, double other) {
    double size = units / clusters;
    double steadiedUnits = units + WEIGHT * size;
    double steadiedMean = (units * mean + WEIGHT * size * other) / steadiedUnits;
    double shift = mean - steadiedMean;
    double away = size * other - size * steadiedMean;
    double steadiedDeviations =
        deviations + shift * shift * units * units / clusters + WEIGHT * away * away;
    double steadiedClusters = clusters + WEIGHT;
    return new HalfCluster(
        steadiedUnits,
        steadiedMean,
        steadiedClusters
            / (steadiedClusters - 1)
            * steadiedDeviations
            / (steadiedUnits * steadiedUnits));
  }
}

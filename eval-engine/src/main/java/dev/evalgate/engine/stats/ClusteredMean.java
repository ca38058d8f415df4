package dev.evalgate.engine.stats;

/**
 * A mean (latency, tokens, cost per call) whose observations come in clusters (turns of one
 * conversation, the repeats of one case), which vary together: {@link Mean}'s skew-aware t bounds
 * taken on the effective number of observations, the observations divided by the design effect and
 * shrunk by Korn and Graubard's degrees-of-freedom factor, as {@link ClusteredProportion} does for
 * a rate.
 *
 * <p>The design effect is the ratio-estimator variance of the mean over clusters, {@code K/(K-1) *
 * sum_k (Y_k - n_k * mean)^2 / N^2} ({@code Y_k} a cluster's total over its {@code n_k}
 * observations), over the variance the same observations would give if independent, {@code sd^2 /
 * N}; below 1 it is taken as 1, so the adjustment never narrows the bounds.
 *
 * @param counted the mean as counted, every observation independent
 * @param designEffect at least 1, or infinite (unknown: fewer than 2 clusters)
 * @param clusters the clusters the observations came in
 */
public record ClusteredMean(Mean counted, double designEffect, int clusters) implements Estimate {
  public ClusteredMean {
    ClusteredProportion.requireDesign(designEffect, clusters);
  }

  /**
   * {@code counted} as a report keeps it: over its clusters when it has them ({@code clusters} not
   * null; a {@code null} design effect is unknown, fewer than 2 clusters), else as counted.
   */
  public static Estimate of(
      Mean counted,
      @org.jspecify.annotations.Nullable Integer clusters,
      @org.jspecify.annotations.Nullable Double designEffect) {
    return clusters == null
        ? counted
        : new ClusteredMean(
            counted,
            designEffect == null ? Double.POSITIVE_INFINITY : designEffect,
            Math.max(1, clusters));
  }

  /**
   * The mean an estimate's bounds are taken on: a {@link Mean} as it is, a clustered one on its
   * effective observations; {@code null} for any other estimate.
   */
  public static @org.jspecify.annotations.Nullable Mean effectiveMean(
      @org.jspecify.annotations.Nullable Estimate estimate) {
    return estimate instanceof Mean mean
        ? mean
        : estimate instanceof ClusteredMean clustered ? clustered.effective() : null;
  }

  /**
   * The design effect of a mean of standard deviation {@code sd} over clusters of {@code sizes[k]}
   * observations totalling {@code totals[k]}; infinite with fewer than 2 clusters, 1 when the
   * observations do not vary (nothing to inflate).
   */
  public static double designEffect(long[] sizes, double[] totals, double sd) {
    if (sizes.length != totals.length) {
      throw new IllegalArgumentException(
          sizes.length + " cluster sizes but " + totals.length + " cluster totals");
    }
    long n = 0;
    double total = 0;
    int k = 0;
    for (int i = 0; i < sizes.length; i++) {
      if (sizes[i] > 0) {
        k++;
        n += sizes[i];
        total += totals[i];
      }
    }
    if (k < 2) {
      return Double.POSITIVE_INFINITY;
    }
    double independent = sd * sd / n;
    if (!(independent > 0)) {
      return 1;
    }
    return Math.max(1, varianceOverClusters(sizes, totals, total / n, n) / independent);
  }

  /**
   * The ratio-estimator variance of a mean over clusters, {@code K/(K-1) * sum_k (Y_k - n_k *
   * mean)^2 / N^2}, K the clusters with observations ({@code sizes[k] > 0}), N their observations.
   */
  public static double varianceOverClusters(long[] sizes, double[] totals, double mean, double n) {
    int k = 0;
    double deviations = 0;
    for (int i = 0; i < sizes.length; i++) {
      if (sizes[i] > 0) {
        k++;
      }
      double d = totals[i] - sizes[i] * mean;
      deviations += d * d;
    }
    return (double) k / (k - 1) * deviations / (n * n);
  }

  /**
   * The mean on its effective observations: as many as the design effect and the clusters leave
   * (fewer than 2: nothing is bounded).
   */
  public Mean effective() {
    double factor =
        Double.isInfinite(designEffect)
            ? 0
            : ClusteredProportion.degreesOfFreedomFactor(clusters) / designEffect;
    long n = (long) Math.floor(counted.n() * factor);
    return new Mean(n, counted.mean(), counted.sd(), counted.skewness());
  }

  @Override
  public double value() {
    return counted.value();
  }

  @Override
  public long n() {
    return counted.n();
  }

  @Override
  public double lower(double alpha) {
    return effective().lower(alpha);
  }

  @Override
  public double upper(double alpha) {
    return effective().upper(alpha);
  }

  @Override
  public double lowerP(double limit, boolean inclusive) {
    return effective().lowerP(limit, inclusive);
  }

  @Override
  public double upperP(double limit, boolean inclusive) {
    return effective().upperP(limit, inclusive);
  }
}

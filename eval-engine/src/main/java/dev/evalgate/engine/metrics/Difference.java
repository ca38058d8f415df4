package dev.evalgate.engine.metrics;

import dev.evalgate.engine.stats.Mean;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The mean paired difference (challenger minus control) of a measured quantity with a seeded
 * bootstrap 95 % interval.
 *
 * @param n pairs
 * @param mean mean difference
 * @param low interval lower bound
 * @param high interval upper bound
 * @param sd standard deviation of the paired differences, which the gate's t bounds at any level
 *     need; {@code null} in reports written before it was kept
 * @param skewness sample skewness of the paired differences, for the gate's skew-aware bounds;
 *     {@code null} when not kept
 * @param designEffect with {@code dataset.cluster}: the mean's variance over clusters (the ratio
 *     estimator) over its variance were the pairs independent; {@code low} and {@code high} are
 *     then a cluster bootstrap's, and the gate's bounds widen by its square root. {@code null} (and
 *     left out of report.json) without clusters or with fewer than 2
 */
public record Difference(
    long n,
    double mean,
    double low,
    double high,
    @Nullable Double sd,
    @Nullable Double skewness,
    @com.fasterxml.jackson.annotation.JsonInclude(
            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        @Nullable Double designEffect) {
  /** A difference without its spread (a report of an older format). */
  public Difference(long n, double mean, double low, double high) {
    this(n, mean, low, high, null, null, null);
  }

  /** A difference of independent pairs. */
  public Difference(
      long n,
      double mean,
      double low,
      double high,
      @Nullable Double sd,
      @Nullable Double skewness) {
    this(n, mean, low, high, sd, skewness, null);
  }

  /** The mean difference with skew-aware Student's t bounds, when the spread is known. */
  public Optional<Mean> meanEstimate() {
    return sd == null
        ? Optional.empty()
        : Optional.of(
            new Mean(
                n,
                mean,
                // clustered pairs vary as fewer independent ones would
                designEffect == null ? sd : sd * Math.sqrt(Math.max(1, designEffect)),
                skewness == null ? 0 : skewness));
  }
}

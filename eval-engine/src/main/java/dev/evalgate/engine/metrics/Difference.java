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
 */
public record Difference(
    long n, double mean, double low, double high, @Nullable Double sd, @Nullable Double skewness) {
  /** A difference without its spread (a report of an older format). */
  public Difference(long n, double mean, double low, double high) {
    this(n, mean, low, high, null, null);
  }

  /** The mean difference with skew-aware Student's t bounds, when the spread is known. */
  public Optional<Mean> meanEstimate() {
    return sd == null
        ? Optional.empty()
        : Optional.of(new Mean(n, mean, sd, skewness == null ? 0 : skewness));
  }
}

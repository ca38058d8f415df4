package dev.evalgate.engine.metrics;

import dev.evalgate.engine.stats.Mean;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a variant's calls cost in US dollars. Unknown is {@code null}, never 0: when any call's
 * price is unknown the totals are unknown too, and {@code unknownCalls} says how many.
 *
 * @param total total cost
 * @param perCall mean cost per successful call
 * @param per1kCalls cost per 1,000 calls
 * @param unknownCalls successful calls whose price was unknown
 * @param perCallSd standard deviation of the cost of a successful call, for the interval of the
 *     mean cost; {@code null} when a cost is unknown or in reports written before it was kept
 * @param calls successful calls behind {@code perCall}
 * @param perCallSkewness sample skewness of the cost of a successful call (costs have long right
 *     tails), for the skew-aware bounds of the mean cost; {@code null} when not kept
 */
public record Cost(
    @Nullable Double total,
    @Nullable Double perCall,
    @Nullable Double per1kCalls,
    long unknownCalls,
    @Nullable Double perCallSd,
    long calls,
    @Nullable Double perCallSkewness) {

  /** Costs without their spread (unknown costs, or a report of an older format). */
  public Cost(
      @Nullable Double total,
      @Nullable Double perCall,
      @Nullable Double per1kCalls,
      long unknownCalls) {
    this(total, perCall, per1kCalls, unknownCalls, null, 0, null);
  }

  /**
   * The mean cost per call with skew-aware Student's t bounds ({@link Mean}), when it and its
   * spread are known.
   */
  public Optional<Mean> perCallEstimate() {
    return perCall == null || perCallSd == null || calls == 0
        ? Optional.empty()
        : Optional.of(
            new Mean(calls, perCall, perCallSd, perCallSkewness == null ? 0 : perCallSkewness));
  }
}

package dev.evalgate.engine.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.evalgate.engine.stats.ClusteredMean;
import dev.evalgate.engine.stats.Estimate;
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
 * @param clusters with clusters of cases ({@code dataset.cluster}, or a repeated case's answers),
 *     the clusters holding the successful calls; {@code null} (left out of report.json) without
 * @param perCallDesignEffect with clusters, the mean cost per call's design effect over them;
 *     {@code null} without, or with fewer than 2 clusters
 */
public record Cost(
    @Nullable Double total,
    @Nullable Double perCall,
    @Nullable Double per1kCalls,
    long unknownCalls,
    @Nullable Double perCallSd,
    long calls,
    @Nullable Double perCallSkewness,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer clusters,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double perCallDesignEffect) {

  /** Costs without their spread (unknown costs, or a report of an older format). */
  public Cost(
      @Nullable Double total,
      @Nullable Double perCall,
      @Nullable Double per1kCalls,
      long unknownCalls) {
    this(total, perCall, per1kCalls, unknownCalls, null, 0, null);
  }

  /** Costs of calls that are not in clusters. */
  public Cost(
      @Nullable Double total,
      @Nullable Double perCall,
      @Nullable Double per1kCalls,
      long unknownCalls,
      @Nullable Double perCallSd,
      long calls,
      @Nullable Double perCallSkewness) {
    this(total, perCall, per1kCalls, unknownCalls, perCallSd, calls, perCallSkewness, null, null);
  }

  /**
   * The mean cost per call times {@code factor} (1,000: per 1K calls) with skew-aware Student's t
   * bounds ({@link Mean}), when it and its spread are known; over the clusters ({@link
   * ClusteredMean}) when the calls come in clusters.
   */
  public Optional<Estimate> perCallEstimate(double factor) {
    if (perCall == null || perCallSd == null || calls == 0) {
      return Optional.empty();
    }
    Mean plain =
        new Mean(calls, perCall, perCallSd, perCallSkewness == null ? 0 : perCallSkewness)
            .times(factor);
    return Optional.of(ClusteredMean.of(plain, clusters, perCallDesignEffect));
  }

  /** The same costs, the calls in clusters ({@link ClusterTallies.Spread}). */
  Cost clustered(ClusterTallies.Spread spread) {
    return new Cost(
        total,
        perCall,
        per1kCalls,
        unknownCalls,
        perCallSd,
        calls,
        perCallSkewness,
        spread.clusters(),
        Double.isInfinite(spread.designEffect()) ? null : spread.designEffect());
  }
}

package dev.evalgate.engine.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.evalgate.engine.stats.ClusteredMean;
import dev.evalgate.engine.stats.ClusteredPercentile;
import dev.evalgate.engine.stats.Estimate;
import dev.evalgate.engine.stats.Mean;
import dev.evalgate.engine.stats.OrderStatistics;
import dev.evalgate.engine.stats.Percentile;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * A summary of a measured quantity (milliseconds, characters, tokens).
 *
 * @param n observations
 * @param mean arithmetic mean
 * @param p50 median
 * @param p95 95th percentile
 * @param p99 99th percentile
 * @param max largest observation
 * @param sd standard deviation of the observations, for the interval of the mean; {@code null} in
 *     reports written before it was kept
 * @param histogram the observations as a compressed HdrHistogram in Base64 (latencies:
 *     microseconds), for the order-statistics interval of a percentile; {@code null} when not kept
 * @param clusters with clusters of cases ({@code dataset.cluster}, or a repeated case's answers),
 *     the clusters holding the observations; {@code null} (left out of report.json) without
 * @param designEffect with clusters, the mean's design effect over them ({@link
 *     ClusteredMean#designEffect}); {@code null} without, or with fewer than 2 clusters
 * @param percentileDesignEffects with clusters, for a distribution whose percentiles the gate reads
 *     (latency, time to first byte), the design effect of the share of observations at or below
 *     each percentile ({@link ClusteredPercentile}); {@code null} without, or with fewer than 2
 *     clusters
 */
public record Distribution(
    long n,
    double mean,
    double p50,
    double p95,
    double p99,
    double max,
    @Nullable Double sd,
    @Nullable String histogram,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer clusters,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double designEffect,
    @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable PercentileDesignEffects percentileDesignEffects) {
  public static final Distribution EMPTY = new Distribution(0, 0, 0, 0, 0, 0);

  /** A summary without the spread and the histogram (a report of an older format). */
  public Distribution(long n, double mean, double p50, double p95, double p99, double max) {
    this(n, mean, p50, p95, p99, max, null, null);
  }

  /** A summary of observations that are not in clusters. */
  public Distribution(
      long n,
      double mean,
      double p50,
      double p95,
      double p99,
      double max,
      @Nullable Double sd,
      @Nullable String histogram) {
    this(n, mean, p50, p95, p99, max, sd, histogram, null, null, null);
  }

  /**
   * The mean with Student's t bounds, when the spread is known; over the clusters (effective
   * observations, {@link ClusteredMean}) when the observations come in clusters.
   */
  public Optional<Estimate> meanEstimate() {
    if (sd == null) {
      return Optional.empty();
    }
    return Optional.of(ClusteredMean.of(new Mean(n, mean, sd), clusters, designEffect));
  }

  /** The same summary, its observations in clusters ({@link ClusterTallies.Spread}). */
  Distribution clustered(ClusterTallies.Spread spread) {
    return new Distribution(
        n,
        mean,
        p50,
        p95,
        p99,
        max,
        sd,
        histogram,
        spread.clusters(),
        Double.isInfinite(spread.designEffect()) ? null : spread.designEffect(),
        percentileDesignEffects);
  }

  /** The same summary with its percentiles' design effects over the clusters. */
  Distribution withPercentileDesignEffects(@Nullable PercentileDesignEffects effects) {
    return new Distribution(
        n, mean, p50, p95, p99, max, sd, histogram, clusters, designEffect, effects);
  }

  /**
   * The percentile at {@code level} (0.5, 0.95, 0.99) judged on the order statistics, each value
   * divided by {@code divisor} (1,000 for latencies kept in microseconds); over the clusters
   * ({@link ClusteredPercentile}) when the observations come in clusters: with fewer than 2, or in
   * a report written before percentiles carried their design effect, nothing is bounded.
   */
  public Optional<Estimate> percentileEstimate(double level, double divisor) {
    return orderStatistics(divisor)
        .map(
            o -> {
              Percentile plain = new Percentile(o, level);
              if (clusters == null) {
                return plain;
              }
              double effect =
                  percentileDesignEffects == null
                      ? Double.POSITIVE_INFINITY
                      : percentileDesignEffects.at(level);
              return new ClusteredPercentile(plain, effect, Math.max(1, clusters));
            });
  }

  /**
   * The observations' order statistics from the histogram, each value divided by {@code divisor}
   * (1,000 for latencies kept in microseconds), to the histogram's precision (3 significant
   * digits).
   */
  public Optional<OrderStatistics> orderStatistics(double divisor) {
    if (histogram == null) {
      return Optional.empty();
    }
    try {
      Histogram decoded =
          Histogram.decodeFromCompressedByteBuffer(
              ByteBuffer.wrap(Base64.getDecoder().decode(histogram)), 0);
      return Optional.of(new HistogramOrderStatistics(decoded, divisor));
    } catch (DataFormatException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The histogram compressed and in Base64, as {@link #histogram} keeps it. */
  static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
  }
}

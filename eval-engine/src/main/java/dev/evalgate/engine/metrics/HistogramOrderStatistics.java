package dev.evalgate.engine.metrics;

import dev.evalgate.engine.stats.OrderStatistics;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The order statistics of the values an HdrHistogram recorded, to its precision: the {@code r}-th
 * smallest value is the highest value equivalent to the bucket holding rank {@code r}, as the
 * histogram's own percentiles are.
 */
final class HistogramOrderStatistics implements OrderStatistics {
  private final Histogram histogram;
  private final double divisor;

  HistogramOrderStatistics(Histogram histogram, double divisor) {
    this.histogram = histogram;
    this.divisor = divisor;
  }

  @Override
  public long n() {
    return histogram.getTotalCount();
  }

  @Override
  public double value(long rank) {
    long seen = 0;
    for (HistogramIterationValue v : histogram.recordedValues()) {
      seen += v.getCountAtValueIteratedTo();
      if (seen >= rank) {
        return histogram.highestEquivalentValue(v.getValueIteratedTo()) / divisor;
      }
    }
    return histogram.getMaxValue() / divisor;
  }

  @Override
  public long count(double x, boolean inclusive) {
    long count = 0;
    for (HistogramIterationValue v : histogram.recordedValues()) {
      double value = histogram.highestEquivalentValue(v.getValueIteratedTo()) / divisor;
      if (value < x || inclusive && value == x) {
        count += v.getCountAtValueIteratedTo();
      } else {
        break;
      }
    }
    return count;
  }
}

package dev.evalgate.engine.metrics;

import dev.evalgate.engine.stats.Interval;
import dev.evalgate.engine.stats.Proportions;

/**
 * A proportion with its Wilson interval.
 *
 * @param count how many of {@code n} had the property
 * @param n the denominator
 * @param rate count / n (0 when n is 0)
 * @param low lower bound of the 95 % Wilson interval
 * @param high upper bound of the 95 % Wilson interval
 */
public record Rate(long count, long n, double rate, double low, double high) {
  public static Rate of(long count, long n) {
    Interval interval = Proportions.wilson(count, n, 0.95);
    return new Rate(count, n, n == 0 ? 0 : (double) count / n, interval.low(), interval.high());
  }
}

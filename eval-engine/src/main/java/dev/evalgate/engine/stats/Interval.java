package dev.evalgate.engine.stats;

/** A two-sided confidence interval. */
public record Interval(double low, double high) {
  public Interval {
    if (low > high) {
      throw new IllegalArgumentException("interval low " + low + " above high " + high);
    }
  }

  public boolean contains(double value) {
    return value >= low && value <= high;
  }
}

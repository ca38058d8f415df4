package dev.evalgate.benchmarks.stats;

import dev.evalgate.engine.stats.Interval;
import java.util.Locale;

/** Counts of simulated runs: intervals that missed the truth below or above, decisions taken. */
final class Tally {
  private long runs;
  private long missedLow;
  private long missedHigh;

  /** Records whether {@code interval} covers {@code truth}. */
  void cover(Interval interval, double truth) {
    runs++;
    if (interval.low() > truth) {
      missedLow++;
    } else if (interval.high() < truth) {
      missedHigh++;
    }
  }

  double coverage() {
    return 1 - (double) (missedLow + missedHigh) / runs;
  }

  /**
   * "95.1 (2.4 / 2.5)": coverage, then the share of runs whose interval lay above / below the
   * truth.
   */
  String coverageCell() {
    return String.format(
        Locale.ROOT,
        "%.1f (%.1f / %.1f)",
        100 * coverage(),
        100.0 * missedLow / runs,
        100.0 * missedHigh / runs);
  }

  static String percent(long count, long runs) {
    return String.format(Locale.ROOT, "%.1f", 100.0 * count / runs);
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f", 100 * share);
  }
}

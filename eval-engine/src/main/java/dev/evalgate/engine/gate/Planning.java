package dev.evalgate.engine.gate;

import dev.evalgate.engine.stats.Power;
import java.util.Locale;

/**
 * What a criterion's n can detect and how many cases would decide it, by {@link Power}'s normal
 * approximations at 80 % power and the one-sided level the criterion was judged at. The benchmarks'
 * simulation (benchmarks/README.md, "Statistics") compares these predictions with simulated power.
 */
final class Planning {
  static final double POWER = 0.8;

  private Planning() {}

  /**
   * The per-pair variance of a paired difference in pass rates at the observed discordance and
   * difference; a table with no discordant pair counts one, so a small clean run still plans.
   */
  static double pairedVariance(double discordance, double difference, long n) {
    return Power.pairedVariance(Math.max(discordance, 1.0 / Math.max(1, n)), difference);
  }

  /** Cases that decide, with 80 % power, a truth {@code distance} from its limit. */
  static long cases(double variance, double distance, double alpha) {
    return roundUp(Power.cases(variance, distance, alpha, POWER));
  }

  /**
   * Cases that show a rate whose truth is {@code rate} on its side of {@code limit}, with 80 %
   * power.
   */
  static long proportionCases(double rate, double limit, double alpha) {
    return roundUp(Power.proportionCases(rate, limit, alpha, POWER));
  }

  /** {@code cases} times {@code factor}, rounded up; as it is when the factor is 1. */
  static long scaled(long cases, double factor) {
    return factor == 1 || cases == Long.MAX_VALUE ? cases : (long) Math.ceil(cases * factor);
  }

  /**
   * "About" a count: up to 2 significant digits, rounded up (640, 1,300, 12,000), so that a plan
   * never promises more than the approximation can.
   */
  static long roundUp(double cases) {
    if (!(cases < 1e15)) {
      return Long.MAX_VALUE;
    }
    long whole = (long) Math.ceil(cases);
    if (whole < 100) {
      return Math.max(whole, 2);
    }
    long step = (long) Math.pow(10, Math.floor(Math.log10(whole)) - 1);
    return (whole + step - 1) / step * step;
  }

  /**
   * How an INCONCLUSIVE reason states a planned count at {@code n} observations: "about 920", or
   * "more than 50" when the normal approximation plans no more than the run already has (its exact
   * interval is wider than the approximation at small n or a small discordance, so n did not decide
   * it and more cases are needed, not fewer).
   */
  static String needs(long cases, long n) {
    return cases > n ? "about " + count(cases) : "more than " + count(n);
  }

  static String count(long cases) {
    return cases == Long.MAX_VALUE
        ? "more cases than any run has"
        : String.format(Locale.US, "%,d", cases);
  }
}

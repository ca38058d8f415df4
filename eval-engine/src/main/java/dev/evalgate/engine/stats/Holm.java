package dev.evalgate.engine.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down procedure (Holm 1979): of m hypotheses, the one with the smallest p-value is
 * rejected at alpha/m, the next at alpha/(m-1), and so on until one is not; the chance of rejecting
 * any true hypothesis is at most alpha, whatever the dependence between the tests.
 *
 * <pre>{@code
 * Holm.rejected(new double[] {0.01, 0.04, 0.03, 0.005}, 0.05); // [true, false, false, true]
 * Holm.adjusted(new double[] {0.01, 0.04, 0.03, 0.005});       // [0.03, 0.06, 0.06, 0.02]
 * }</pre>
 */
public final class Holm {
  private Holm() {}

  /** Which hypotheses Holm's procedure rejects at family-wise level {@code alpha}. */
  public static boolean[] rejected(double[] p, double alpha) {
    int m = p.length;
    boolean[] rejected = new boolean[m];
    Integer[] order = ascending(p);
    for (int step = 0; step < m; step++) {
      int i = order[step];
      if (p[i] > alpha / (m - step)) {
        break;
      }
      rejected[i] = true;
    }
    return rejected;
  }

  /**
   * Holm-adjusted p-values (Wright 1992): the smallest family-wise level at which each hypothesis
   * is rejected, {@code max over j <= i of min(1, (m - j + 1) p_(j))} in ascending order.
   */
  public static double[] adjusted(double[] p) {
    int m = p.length;
    double[] adjusted = new double[m];
    Integer[] order = ascending(p);
    double running = 0;
    for (int step = 0; step < m; step++) {
      int i = order[step];
      running = Math.max(running, Math.min(1, (m - step) * p[i]));
      adjusted[i] = running;
    }
    return adjusted;
  }

  private static Integer[] ascending(double[] p) {
    Integer[] order = IntStream.range(0, p.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
    return order;
  }
}

package dev.evalgate.engine.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
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

  /**
   * Holm's procedure on claims judged by their bounds (equivalent to comparing p-values, {@link
   * Estimate}): every open claim is tested for a violation at alpha over the number still open;
   * those violated leave, and the rest are tested again at the larger level, until a step finds
   * none.
   *
   * @param violated per claim, whether it was found violated
   * @param levels per claim, the one-sided level it was last tested at (its interval's level on
   *     that side)
   */
  public record Steps(boolean[] violated, double[] levels) {}

  /** Which of {@code claims} are found violated at family-wise one-sided level {@code alpha}. */
  public static Steps violations(List<Claim> claims, double alpha) {
    int m = claims.size();
    boolean[] violated = new boolean[m];
    double[] levels = new double[m];
    List<Integer> open = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      open.add(i);
    }
    while (!open.isEmpty()) {
      double level = alpha / open.size();
      List<Integer> still = new ArrayList<>();
      for (int i : open) {
        levels[i] = level;
        if (claims.get(i).violatedAt(level)) {
          violated[i] = true;
        } else {
          still.add(i);
        }
      }
      if (still.size() == open.size()) {
        break;
      }
      open = still;
    }
    return new Steps(violated, levels);
  }

  private static Integer[] ascending(double[] p) {
    Integer[] order = IntStream.range(0, p.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
    return order;
  }
}

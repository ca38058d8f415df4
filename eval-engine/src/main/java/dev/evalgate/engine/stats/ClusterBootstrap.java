package dev.evalgate.engine.stats;

import java.util.SplittableRandom;

/**
 * A seeded cluster bootstrap for a mean over cases that come in clusters (turns of one
 * conversation, questions on one document): whole clusters are resampled with replacement, and the
 * mean of each resample is its total over its case count, so cases that move together are resampled
 * together and the interval is as wide as their correlation makes the mean vary (Davison and
 * Hinkley, Bootstrap Methods and their Application, 1997, section 3.8). With one case per cluster
 * it is the ordinary bootstrap.
 *
 * <p>It holds one total and one count per cluster; the engine keeps those per cluster id.
 */
public final class ClusterBootstrap {
  private ClusterBootstrap() {}

  /**
   * The mean over every case with cluster bootstrap bounds.
   *
   * @param sizes cases in each cluster
   * @param totals the sum of the values (e.g. paired latency differences) over each cluster's cases
   * @param seed the resampling seed
   */
  public static Estimate mean(long[] sizes, double[] totals, long seed) {
    if (sizes.length != totals.length) {
      throw new IllegalArgumentException(
          sizes.length + " cluster sizes but " + totals.length + " cluster totals");
    }
    int clusters = sizes.length;
    long cases = 0;
    double total = 0;
    for (int i = 0; i < clusters; i++) {
      cases += sizes[i];
      total += totals[i];
    }
    if (cases == 0) {
      return new Mean(0, 0, 0);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] means = new double[PairedBootstrap.RESAMPLES];
    for (int b = 0; b < means.length; b++) {
      long resampledCases = 0;
      double resampledTotal = 0;
      for (int i = 0; i < clusters; i++) {
        int pick = random.nextInt(clusters);
        resampledCases += sizes[pick];
        resampledTotal += totals[pick];
      }
      means[b] = resampledCases == 0 ? 0 : resampledTotal / resampledCases;
    }
    return new BootstrapEstimate(total / cases, cases, means);
  }
}

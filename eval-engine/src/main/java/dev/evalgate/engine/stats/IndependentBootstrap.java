package dev.evalgate.engine.stats;

import java.util.SplittableRandom;

/**
 * A seeded percentile bootstrap for the difference of two means measured on different cases
 * (challenger minus control on a traffic split: latency, cost), each side resampled on its own, in
 * the bounded memory of {@link PairedBootstrap} (a reservoir per side, scaled the same way beyond
 * {@value PairedBootstrap#RESERVOIR} values).
 *
 * <pre>{@code
 * IndependentBootstrap latency = new IndependentBootstrap(42);
 * latency.addChallenger(812); latency.addControl(905); ...
 * latency.estimate().interval(0.95);
 * }</pre>
 */
public final class IndependentBootstrap {
  private final Reservoir challenger;
  private final Reservoir control;
  private final long seed;

  public IndependentBootstrap(long seed) {
    this(seed, PairedBootstrap.RESERVOIR);
  }

  IndependentBootstrap(long seed, int capacity) {
    this.challenger = new Reservoir(capacity, seed ^ 0x5DEECE66DL);
    this.control = new Reservoir(capacity, seed ^ 0x2545F4914F6CDD1DL);
    this.seed = seed;
  }

  public void addChallenger(double value) {
    challenger.add(value);
  }

  public void addControl(double value) {
    control.add(value);
  }

  /**
   * Challenger's mean minus control's, with bootstrap bounds; infinite bounds when a side is empty.
   */
  public Estimate estimate() {
    if (challenger.count() == 0 || control.count() == 0) {
      return new Mean(0, 0, 0);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] first = challenger.resampledMeans(random, PairedBootstrap.RESAMPLES);
    double[] second = control.resampledMeans(random, PairedBootstrap.RESAMPLES);
    double[] differences = new double[first.length];
    for (int b = 0; b < first.length; b++) {
      differences[b] = first[b] - second[b];
    }
    return new BootstrapEstimate(
        challenger.mean() - control.mean(), challenger.count() + control.count(), differences);
  }
}

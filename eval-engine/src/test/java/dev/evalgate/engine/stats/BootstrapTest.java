package dev.evalgate.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {
  @Test
  void theBootstrapEstimateReadsTheIntervalOfPairedBootstrap() {
    PairedBootstrap bootstrap = new PairedBootstrap(5);
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 300; i++) {
      bootstrap.add(20 + 50 * random.nextGaussian());
    }

    Estimate estimate = bootstrap.estimate();

    assertThat(estimate.interval(0.95)).isEqualTo(bootstrap.interval(0.95));
    assertThat(estimate.value()).isEqualTo(bootstrap.mean());
    assertThat(estimate.n()).isEqualTo(300);
  }

  @Test
  void independentSamplesAddTheirSpreads() {
    IndependentBootstrap bootstrap = new IndependentBootstrap(9);
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < 2000; i++) {
      bootstrap.addChallenger(800 + 100 * random.nextGaussian());
      bootstrap.addControl(900 + 100 * random.nextGaussian());
    }

    Estimate difference = bootstrap.estimate();
    Interval interval = difference.interval(0.95);

    // standard error sqrt(100^2/2000 * 2) = 3.16: half-width about 6.2
    assertThat(difference.value()).isCloseTo(-100, within(10.0));
    assertThat((interval.high() - interval.low()) / 2)
        .isCloseTo(1.96 * Math.sqrt(2 * 100.0 * 100 / 2000), within(0.7));
    assertThat(new IndependentBootstrap(9).estimate().interval(0.95).high()).isInfinite();
  }

  @Test
  void clustersThatMoveTogetherWidenTheInterval() {
    SplittableRandom random = new SplittableRandom(3);
    int clusters = 100;
    int size = 10;
    long[] sizes = new long[clusters];
    double[] totals = new double[clusters];
    long[] singleSizes = new long[clusters * size];
    double[] singleTotals = new double[clusters * size];
    for (int c = 0; c < clusters; c++) {
      double shared = 5 * random.nextGaussian();
      sizes[c] = size;
      for (int i = 0; i < size; i++) {
        double value = shared + random.nextGaussian();
        totals[c] += value;
        singleSizes[c * size + i] = 1;
        singleTotals[c * size + i] = value;
      }
    }

    Interval clustered = ClusterBootstrap.mean(sizes, totals, 7).interval(0.95);
    Interval naive = ClusterBootstrap.mean(singleSizes, singleTotals, 7).interval(0.95);

    // the shared part varies per cluster: about sqrt(10 * 25 + 1) / sqrt(25 + 1) = 3.1 times as
    // wide
    assertThat((clustered.high() - clustered.low()) / (naive.high() - naive.low()))
        .isBetween(2.5, 3.7);
    assertThat(ClusterBootstrap.mean(sizes, totals, 7).interval(0.95)).isEqualTo(clustered);
  }
}

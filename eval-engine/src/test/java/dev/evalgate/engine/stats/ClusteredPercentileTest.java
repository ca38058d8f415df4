package dev.evalgate.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClusteredPercentileTest {
  /** 10, 20, ..., 200 ms. */
  static final OrderStatistics TWENTY = OrderStatistics.of(values(20));

  static double[] values(int n) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = 10 * (i + 1);
    }
    return values;
  }

  @Test
  void withoutADesignEffectItIsThePercentile() {
    Percentile plain = new Percentile(OrderStatistics.of(values(400)), 0.95);
    // so many clusters that t is z: every observation counts once
    ClusteredPercentile clustered = new ClusteredPercentile(plain, 1, 100_000_000);

    for (double alpha : new double[] {0.005, 0.025, 0.1}) {
      assertThat(clustered.upper(alpha)).isEqualTo(plain.upper(alpha));
      assertThat(clustered.lower(alpha)).isEqualTo(plain.lower(alpha));
    }
    for (double limit : new double[] {3_700, 3_800, 3_900, 3_950}) {
      assertThat(clustered.upperP(limit, true)).isCloseTo(plain.upperP(limit, true), within(1e-9));
      assertThat(clustered.lowerP(limit, true)).isCloseTo(plain.lowerP(limit, true), within(1e-9));
    }
  }

  @Test
  void theDesignEffectDividesTheCountAsAHandComputationDoes() {
    // the median of 20 latencies in 10 clusters, design effect 2: each counts for
    // (z / t(9))^2 / 2 = 0.75067 / 2 = 0.37534, 7.507 effective observations
    ClusteredPercentile median = new ClusteredPercentile(new Percentile(TWENTY, 0.5), 2, 10);

    // 15 of 20 at or below 150 ms: P(Bin(7.507, 0.5) >= 5.630) = I_0.5(5.630, 2.877) (scipy's
    // betainc), where the independent P(Bin(20, 0.5) >= 15) is 0.0207
    assertThat(median.upperP(150, true)).isCloseTo(0.157936, within(1e-5));
    assertThat(new Percentile(TWENTY, 0.5).upperP(150, true)).isCloseTo(0.020695, within(1e-5));
    // the smallest rank r with P(Bin >= 0.37534 r) <= 2.5 % is 19; the largest j with
    // P(Bin <= 0.37534 j) <= 2.5 % is 1
    assertThat(median.upper(0.025)).isEqualTo(190);
    assertThat(median.lower(0.025)).isEqualTo(20);
    // 4 below 50 ms: P(Bin(7.507, 0.5) <= 1.501)
    assertThat(median.lowerP(50, true)).isCloseTo(0.099229, within(1e-5));
  }

  @Test
  void oneClusterOrAnUnknownDesignEffectBoundsNothing() {
    Percentile plain = new Percentile(TWENTY, 0.5);
    for (ClusteredPercentile unknown :
        new ClusteredPercentile[] {
          new ClusteredPercentile(plain, 2, 1),
          new ClusteredPercentile(plain, Double.POSITIVE_INFINITY, 10)
        }) {
      assertThat(unknown.interval(0.95))
          .isEqualTo(new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
      assertThat(unknown.upperP(1_000, true)).isEqualTo(1);
      assertThat(unknown.lowerP(1, true)).isEqualTo(1);
    }
  }
}

package dev.evalgate.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

class FlakinessTest {
  @Test
  void aCaseIsStableOnlyWhenEveryRepeatAgrees() {
    assertThat(Flakiness.classify(5, 5)).isEqualTo(Flakiness.Stability.STABLE_PASS);
    assertThat(Flakiness.classify(0, 5)).isEqualTo(Flakiness.Stability.STABLE_FAIL);
    assertThat(Flakiness.classify(1, 5)).isEqualTo(Flakiness.Stability.FLAKY);
    assertThat(Flakiness.classify(4, 5)).isEqualTo(Flakiness.Stability.FLAKY);
    assertThatThrownBy(() -> Flakiness.classify(6, 5))
        .hasMessage("passes must lie between 0 and 5, but were 6");
  }

  @Test
  void theFlakyRateIsTheShareOfFlakyCasesWithExactBounds() {
    Flakiness flakiness = new Flakiness(3);
    int[] passes = {3, 3, 3, 0, 2, 1, 3, 3, 0, 3};
    for (int p : passes) {
      flakiness.add(p);
    }

    assertThat(flakiness.count(Flakiness.Stability.FLAKY)).isEqualTo(2);
    assertThat(flakiness.count(Flakiness.Stability.STABLE_PASS)).isEqualTo(6);
    assertThat(flakiness.count(Flakiness.Stability.STABLE_FAIL)).isEqualTo(2);
    assertThat(flakiness.flakyRate()).isEqualTo(new Proportion(2, 10));
  }

  @Test
  void flakinessAtFewerRepeatsAndWithinCaseVarianceAreUnbiased() {
    // cases passing with probability 0.9 and 0.5, in exact binomial proportions over 5 repeats
    Flakiness flakiness = new Flakiness(5);
    for (double p : new double[] {0.9, 0.5}) {
      BinomialDistribution repeats = new BinomialDistribution(null, 5, p);
      for (int x = 0; x <= 5; x++) {
        long cases = Math.round(repeats.probability(x) * 1_000_000);
        for (long i = 0; i < cases; i++) {
          flakiness.add(x);
        }
      }
    }

    double flakyIn3 = ((1 - Math.pow(0.9, 3) - Math.pow(0.1, 3)) + (1 - 2 * Math.pow(0.5, 3))) / 2;
    assertThat(flakiness.flakyRate(3)).isCloseTo(flakyIn3, within(1e-5));
    assertThat(flakiness.withinCaseVariance()).isCloseTo((0.9 * 0.1 + 0.5 * 0.5) / 2, within(1e-5));
    assertThat(flakiness.flakyRate(5)).isCloseTo(flakiness.flakyRate().value(), within(1e-12));
  }
}

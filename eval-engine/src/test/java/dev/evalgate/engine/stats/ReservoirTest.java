package dev.evalgate.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReservoirTest {
  /**
   * The resampling loop draws its indexes itself; they must be the draws of {@code
   * SplittableRandom.nextInt(bound)}, or every bootstrap interval of an existing report would move.
   */
  @ParameterizedTest
  @ValueSource(
      ints = {1, 2, 3, 7, 64, 1_000, 19_999, 20_000, 1 << 30, (1 << 30) + 1, Integer.MAX_VALUE})
  void drawsTheIndexesNextIntDraws(int bound) {
    SplittableRandom expected = new SplittableRandom(42);
    SplittableRandom actual = new SplittableRandom(42);
    for (int i = 0; i < 10_000; i++) {
      assertThat(Reservoir.index(actual, bound)).isEqualTo(expected.nextInt(bound));
    }
  }

  @Test
  void oneValueAddedOverAndOverResamplesToThatValue() {
    Reservoir reservoir = new Reservoir(100, 1);
    for (int i = 0; i < 250; i++) {
      reservoir.add(0.1);
    }
    assertThat(reservoir.resampledMeans(new SplittableRandom(3), 50)).containsOnly(0.1);
  }

  @Test
  void aSingleDifferentValueIsResampled() {
    Reservoir reservoir = new Reservoir(100, 1);
    for (int i = 0; i < 99; i++) {
      reservoir.add(0);
    }
    reservoir.add(1);
    double[] means = reservoir.resampledMeans(new SplittableRandom(3), 200);
    assertThat(means).contains(0.0);
    assertThat(java.util.Arrays.stream(means).max().orElseThrow()).isGreaterThan(0);
  }
}

package dev.evalgate.engine.gate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlanningTest {
  @Test
  void aboutRoundsUpToTwoSignificantDigits() {
    assertThat(Planning.roundUp(1)).isEqualTo(2);
    assertThat(Planning.roundUp(63.2)).isEqualTo(64);
    assertThat(Planning.roundUp(640)).isEqualTo(640);
    assertThat(Planning.roundUp(641)).isEqualTo(650);
    assertThat(Planning.roundUp(1_201)).isEqualTo(1_300);
    assertThat(Planning.roundUp(12_345)).isEqualTo(13_000);
    assertThat(Planning.count(Planning.roundUp(Double.POSITIVE_INFINITY)))
        .isEqualTo("more cases than any run has");
  }

  @Test
  void pairedCasesFollowTheNormalApproximationOfTheDiscordance() {
    // psi 3.5 %, no true difference, 2 pp margin: (1.96 + 0.84)^2 x 0.035 / 0.02^2 = 687 -> about
    // 690
    assertThat(Planning.cases(Planning.pairedVariance(0.035, 0, 200), 0.02, 0.025)).isEqualTo(690);
  }

  @Test
  void aTableWithoutDiscordantPairsStillPlansAsIfOnePairDisagreed() {
    assertThat(Planning.pairedVariance(0, 0, 50)).isEqualTo(0.02);
  }
}

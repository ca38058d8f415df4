package dev.evalgate.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HolmTest {
  @Test
  void rejectsStepByStepUntilAPValueIsTooLarge() {
    // the standard example (Holm-Bonferroni method): four hypotheses at alpha = 0.05 with p = 0.01,
    // 0.04, 0.03, 0.005;
    // 0.005 <= 0.05/4 and 0.01 <= 0.05/3 are rejected, 0.03 > 0.05/2 stops the procedure
    double[] p = {0.01, 0.04, 0.03, 0.005};

    assertThat(Holm.rejected(p, 0.05)).containsExactly(true, false, false, true);
    // Bonferroni would reject only 0.005 (<= 0.0125)
    assertThat(Holm.adjusted(p))
        .containsExactly(new double[] {0.03, 0.06, 0.06, 0.02}, within(1e-12));
  }

  @Test
  void adjustedPValuesAreTheLevelsAtWhichEachIsRejected() {
    double[] p = {0.001, 0.2, 0.013, 0.04, 0.011};
    double[] adjusted = Holm.adjusted(p);

    for (double alpha : new double[] {0.005, 0.01, 0.025, 0.05, 0.1, 0.5}) {
      boolean[] rejected = Holm.rejected(p, alpha);
      for (int i = 0; i < p.length; i++) {
        assertThat(rejected[i]).as("hypothesis %d at %s", i, alpha).isEqualTo(adjusted[i] <= alpha);
      }
    }
  }

  @Test
  void oneHypothesisIsTestedAtAlpha() {
    assertThat(Holm.rejected(new double[] {0.024}, 0.025)).containsExactly(true);
    assertThat(Holm.rejected(new double[] {0.026}, 0.025)).containsExactly(false);
    assertThat(Holm.rejected(new double[0], 0.025)).isEmpty();
  }
}

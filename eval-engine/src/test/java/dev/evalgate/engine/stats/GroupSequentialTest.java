package dev.evalgate.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GroupSequentialTest {
  private static final double[] FIVE = GroupSequential.equallySpaced(5);

  @Test
  void pocockConstantsMatchJennisonAndTurnbullTable21() {
    // Jennison and Turnbull (2000), Group Sequential Methods, Table 2.1: C_P(K, alpha), two-sided
    double[] alpha05 = {1.960, 2.178, 2.289, 2.361, 2.413};
    double[] alpha01 = {2.576, 2.772, 2.873, 2.939, 2.986};
    for (int k = 1; k <= 5; k++) {
      assertThat(GroupSequential.pocock(k, 0.05))
          .as("C_P(%d, 0.05)", k)
          .isCloseTo(alpha05[k - 1], within(0.0005));
      assertThat(GroupSequential.pocock(k, 0.01))
          .as("C_P(%d, 0.01)", k)
          .isCloseTo(alpha01[k - 1], within(0.0005));
    }
  }

  @Test
  void obrienFlemingConstantsMatchJennisonAndTurnbullTable23() {
    // Jennison and Turnbull (2000), Table 2.3: C_B(K, alpha), boundaries C_B sqrt(K/k), two-sided
    double[] alpha05 = {1.960, 1.977, 2.004, 2.024, 2.040};
    double[] alpha01 = {2.576, 2.580, 2.595, 2.609, 2.621};
    for (int k = 1; k <= 5; k++) {
      assertThat(GroupSequential.obrienFleming(k, 0.05))
          .as("C_B(%d, 0.05)", k)
          .isCloseTo(alpha05[k - 1], within(0.0005));
      assertThat(GroupSequential.obrienFleming(k, 0.01))
          .as("C_B(%d, 0.01)", k)
          .isCloseTo(alpha01[k - 1], within(0.0005));
    }
  }

  @Test
  void spendingBoundariesMatchDeMetsAndLan1994() {
    // DeMets and Lan (1994), Interim analysis: the alpha spending function approach, Stat Med
    // 13:1341-1352,
    // Table I: five equally spaced looks, two-sided alpha 0.05
    assertThat(GroupSequential.symmetricBoundaries(Spending.OBRIEN_FLEMING, 0.05, FIVE))
        .containsExactly(new double[] {4.877, 3.357, 2.680, 2.290, 2.031}, within(0.0005));
    assertThat(GroupSequential.symmetricBoundaries(Spending.POCOCK, 0.05, FIVE))
        .containsExactly(new double[] {2.438, 2.427, 2.410, 2.397, 2.386}, within(0.0005));
    // one-sided at 0.025 the upper boundaries are the same to 3 decimals (crossing both sides is
    // negligible)
    assertThat(GroupSequential.boundaries(Spending.OBRIEN_FLEMING, 0.025, FIVE))
        .containsExactly(new double[] {4.877, 3.357, 2.680, 2.290, 2.031}, within(0.0005));
  }

  @Test
  void maximumSizesMatchJennisonAndTurnbullTables22And24() {
    // R_P(5, 0.05, beta) and R_B(5, 0.05, beta): the largest group-sequential size over the fixed
    // size
    double pocock = GroupSequential.pocock(5, 0.05);
    double[] flat = new double[5];
    Arrays.fill(flat, pocock);
    assertThat(GroupSequential.inflation(flat, FIVE, 0.025, 0.8)).isCloseTo(1.229, within(0.0005));
    assertThat(GroupSequential.inflation(flat, FIVE, 0.025, 0.9)).isCloseTo(1.207, within(0.0005));

    double obrienFleming = GroupSequential.obrienFleming(5, 0.05);
    double[] falling = new double[5];
    for (int k = 0; k < 5; k++) {
      falling[k] = obrienFleming * Math.sqrt(5.0 / (k + 1));
    }
    assertThat(GroupSequential.inflation(falling, FIVE, 0.025, 0.8))
        .isCloseTo(1.028, within(0.0005));
    assertThat(GroupSequential.inflation(falling, FIVE, 0.025, 0.9))
        .isCloseTo(1.026, within(0.0005));
  }

  @Test
  void theBoundariesSpendExactlyAlphaAtUnequalLooks() {
    double[] fractions = {0.13, 0.4, 0.55, 1};
    double[] upper = GroupSequential.boundaries(Spending.OBRIEN_FLEMING, 0.025, fractions);
    double[] lower = new double[4];
    Arrays.fill(lower, Double.NEGATIVE_INFINITY);

    GroupSequential.Crossing crossing = GroupSequential.crossing(upper, lower, fractions, 0);

    assertThat(crossing.totalUpper()).isCloseTo(0.025, within(1e-7));
    for (int k = 0; k < 4; k++) {
      double spent =
          Spending.OBRIEN_FLEMING.spent(fractions[k], 0.025)
              - (k == 0 ? 0 : Spending.OBRIEN_FLEMING.spent(fractions[k - 1], 0.025));
      assertThat(crossing.upper()[k]).isCloseTo(spent, within(1e-8));
    }
  }

  @Test
  void aDesignWithOneLookIsTheFixedTest() {
    assertThat(GroupSequential.boundaries(Spending.POCOCK, 0.025, 1)[0])
        .isCloseTo(1.959964, within(1e-6));
    double[] upper = {1.959964};
    double[] lower = {Double.NEGATIVE_INFINITY};
    assertThat(
            GroupSequential.crossing(upper, lower, new double[] {1}, 1.959964 + 0.841621)
                .totalUpper())
        .isCloseTo(0.8, within(1e-6));
  }

  @Test
  void spendingFunctionsSpendAlphaByTheEnd() {
    for (Spending spending : Spending.values()) {
      assertThat(spending.spent(0, 0.025)).isZero();
      assertThat(spending.spent(1, 0.025)).isEqualTo(0.025);
      assertThat(spending.spent(0.5, 0.025)).isBetween(0.0, 0.025);
    }
    // O'Brien-Fleming-type spends almost nothing early: 2 (1 - Phi(2.2414 / sqrt(0.2)))
    assertThat(Spending.OBRIEN_FLEMING.spent(0.2, 0.025)).isCloseTo(5.4e-7, within(0.05e-7));
  }
}

package dev.evalgate.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PowerTest {
  @Test
  void aTwoPointMarginNeedsAbout640PairedCasesAtThreePercentDiscordance() {
    // the example: variants disagreeing on 3.26 % of cases, 2 pp margin, one-sided 2.5 %,
    // 80 % power:
    // (1.96 + 0.8416)^2 * 0.0326 / 0.02^2 = 640
    assertThat(Power.cases(Power.pairedVariance(0.0326, 0), 0.02, 0.025, 0.8))
        .isCloseTo(640, within(1.0));
  }

  @Test
  void twoMeansHalfAStandardDeviationApartNeed63CasesEach() {
    // the z approximation behind Cohen's (1988) 64 per group for d = 0.5, two-sided 0.05, 80 %
    // power:
    // the difference of two independent means has variance 2 sigma^2 per pair of cases
    assertThat(Power.cases(2, 0.5, 0.025, 0.8)).isCloseTo(62.8, within(0.05));
  }

  @Test
  void sampleSizeMinimumDetectableEffectAndPowerAgree() {
    double variance = Power.pairedVariance(0.12, 0.01);
    double n = Power.cases(variance, 0.03, 0.025, 0.9);

    assertThat(Power.power(variance, 0.03, Math.round(n), 0.025)).isCloseTo(0.9, within(0.002));
    assertThat(Power.minimumDetectable(variance, Math.round(n), 0.025, 0.9))
        .isCloseTo(0.03, within(0.0002));
    assertThat(Power.power(variance, 0, 1000, 0.025)).isCloseTo(0.025, within(1e-12));
  }

  @Test
  void aRateNearItsLimitNeedsTheScoreTestsCases() {
    // showing an error rate of 0.5 % is below a 2 % limit: ((1.96 sqrt(.02 .98) + .8416 sqrt(.005
    // .995)) / .015)^2
    double expected =
        Math.pow(
            (1.959964 * Math.sqrt(0.02 * 0.98) + 0.841621 * Math.sqrt(0.005 * 0.995)) / 0.015, 2);
    double n = Power.proportionCases(0.005, 0.02, 0.025, 0.8);

    assertThat(n).isCloseTo(expected, within(0.01));
    assertThat(Power.proportionPower(0.005, 0.02, Math.round(n), 0.025))
        .isCloseTo(0.8, within(0.005));
    assertThat(Power.proportionMinimumDetectable(0.02, Math.round(n), 0.025, 0.8, true))
        .isCloseTo(0.015, within(0.0002));
  }

  @Test
  void aFewCasesCannotShowARateBelowATinyLimit() {
    assertThat(Power.proportionMinimumDetectable(0.001, 20, 0.025, 0.8, true)).isInfinite();
  }

  @Test
  void repeatsShrinkOnlyTheWithinCasePart() {
    assertThat(Power.repeatedVariance(0.02, 0.09, 3)).isCloseTo(0.05, within(1e-12));
    assertThat(Power.repeatedVariance(0.02, 0.09, 1)).isCloseTo(0.11, within(1e-12));
  }

  @Test
  void correlatedCostsMakeATighterRatio() {
    assertThat(Power.ratioVariance(0.5, 0.5, 0.8)).isCloseTo(0.1, within(1e-12));
    assertThat(Power.ratioVariance(0.5, 0.5, 0)).isCloseTo(0.5, within(1e-12));
  }
}

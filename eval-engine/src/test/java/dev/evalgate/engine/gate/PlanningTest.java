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

  @Test
  void aPlanNeverPromisesFewerCasesThanTheRunThatLeftItUndecided() {
    assertThat(Planning.needs(920, 60)).isEqualTo("about 920");
    assertThat(Planning.needs(25, 50)).isEqualTo("more than 50");
    assertThat(Planning.needs(50, 50)).isEqualTo("more than 50");
  }

  @Test
  void anUndecidedMarginAtSmallNWithOneDiscordantPairSaysMoreThanN() {
    // 50 cases, one regression: the normal approximation plans about 25 pairs, but the exact
    // (Newcombe) interval at n=50 is still too wide for a 10 pp margin
    dev.evalgate.api.SuiteSpec suite =
        GateEvaluatorTest.suite(
            dev.evalgate.api.GateSpec.minCases(10).nonInferior("pass-rate(schema)", "10pp"));

    CriterionResult result =
        GateEvaluator.evaluate(suite, GateEvaluatorTest.evaluate(suite, 50, 0, 1, 900, 0.001))
            .criteria()
            .get(0);

    assertThat(result.status()).isEqualTo(ClaimStatus.INCONCLUSIVE);
    assertThat(result.message())
        .endsWith(
            "; needs more than 50 paired cases for a 10.0 pp margin (observed discordance 2.0%,"
                + " difference -2.0 pp)");
  }
}

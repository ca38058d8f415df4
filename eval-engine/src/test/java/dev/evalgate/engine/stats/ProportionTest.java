package dev.evalgate.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

class ProportionTest {
  @Test
  void exactBoundsWithNoFailureOrNoSuccessHaveClosedForms() {
    // Clopper and Pearson (1934): with x = 0 the upper bound is 1 - alpha^(1/n); with x = n the
    // lower bound is alpha^(1/n)
    assertThat(new Proportion(0, 10).upper(0.025))
        .isCloseTo(1 - Math.pow(0.025, 0.1), within(1e-9));
    assertThat(new Proportion(0, 10).upper(0.025)).isCloseTo(0.3085, within(0.00005));
    assertThat(new Proportion(10, 10).lower(0.025)).isCloseTo(0.6915, within(0.00005));
    assertThat(new Proportion(0, 10).lower(0.025)).isZero();
    assertThat(new Proportion(10, 10).upper(0.025)).isEqualTo(1.0);
  }

  @Test
  void exactBoundsAreWhereTheBinomialTailIsAlpha() {
    Proportion rate = new Proportion(81, 263);
    double lower = rate.lower(0.025);
    double upper = rate.upper(0.025);

    // P(X >= 81 | lower) = 0.025 and P(X <= 81 | upper) = 0.025
    assertThat(1 - new BinomialDistribution(null, 263, lower).cumulativeProbability(80))
        .isCloseTo(0.025, within(1e-9));
    assertThat(new BinomialDistribution(null, 263, upper).cumulativeProbability(81))
        .isCloseTo(0.025, within(1e-9));
    // wider than Wilson's 0.2553-0.3662 (Newcombe 1998, single proportion, 81/263)
    assertThat(rate.wilson(0.95).low()).isCloseTo(0.2553, within(0.00005));
    assertThat(lower).isLessThan(0.2553);
    assertThat(upper).isGreaterThan(0.3662);
  }

  @Test
  void anErrorRateAtItsLimitIsNotFoundViolatedMoreOftenThanAlpha() {
    // at-most 1 % errors, 50 calls, a true rate of exactly 1 %: the exact lower bound exceeds 1 %
    // at most 2.5 % of the time
    double falseViolation = 0;
    BinomialDistribution calls = new BinomialDistribution(null, 50, 0.01);
    for (int x = 0; x <= 50; x++) {
      if (Claim.atMost(new Proportion(x, 50), 0.01).violatedAt(0.025)) {
        falseViolation += calls.probability(x);
      }
    }
    assertThat(falseViolation).isLessThanOrEqualTo(0.025);
  }

  @Test
  void limitsAtZeroAndOneAreDecidedOnlyWhereTheyCanBe() {
    Proportion none = new Proportion(0, 200);
    Proportion some = new Proportion(3, 200);

    // at-most 0 % can never be shown; any error shows it is violated
    assertThat(Claim.atMost(none, 0).judge(0.025, 0.025).finding()).isEqualTo(Finding.INCONCLUSIVE);
    assertThat(Claim.atMost(some, 0).judge(0.025, 0.025).finding()).isEqualTo(Finding.VIOLATED);
    // at-least 0 % always holds; at-least 100 % never can
    assertThat(Claim.atLeast(none, 0).judge(0.025, 0.025).finding()).isEqualTo(Finding.HOLDS);
    assertThat(Claim.atLeast(new Proportion(200, 200), 1).judge(0.025, 0.025).finding())
        .isEqualTo(Finding.INCONCLUSIVE);
  }
}

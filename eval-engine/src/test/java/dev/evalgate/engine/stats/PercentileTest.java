package dev.evalgate.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentileTest {
  private static final OrderStatistics ONE_TO_HUNDRED =
      OrderStatistics.of(IntStream.rangeClosed(1, 100).asDoubleStream().toArray());

  @Test
  void theMedianOfHundredIsBoundedByThe40thAnd61stObservations() {
    // the distribution-free 95 % interval for a median of n = 100 is X(40) to X(61)
    // (Conover, Practical Nonparametric Statistics, 3rd ed. 1999, section 3.2; Hahn and Meeker
    // 1991, Table A.15)
    Percentile median = new Percentile(ONE_TO_HUNDRED, 0.5);

    assertThat(median.lower(0.025)).isEqualTo(40);
    assertThat(median.upper(0.025)).isEqualTo(61);
    assertThat(median.value()).isEqualTo(50);
  }

  @Test
  void fiftyLatenciesCannotBoundP95FromAbove() {
    // even the largest of 50 is below the true p95 with probability 1 - 0.95^50 = 7.7 % > 2.5 %
    Percentile p95 =
        new Percentile(
            OrderStatistics.of(IntStream.rangeClosed(1, 50).asDoubleStream().toArray()), 0.95);

    assertThat(p95.upper(0.025)).isInfinite();
    // at the 8 % level the largest is enough
    assertThat(p95.upperP(50, true)).isCloseTo(Math.pow(0.95, 50), within(1e-12));
    assertThat(Claim.atMost(p95, 2_500).judge(0.025, 0.025).finding())
        .isEqualTo(Finding.INCONCLUSIVE);
  }

  @Test
  void aLimitEqualToTheBoundingObservationHolds() {
    // at-most is inclusive: p95 <= 2,500 ms holds when the upper bound is exactly 2,500 ms
    double[] values = new double[1000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i < 990 ? 1000 + i : 2500;
    }
    Percentile p95 = new Percentile(OrderStatistics.of(values), 0.95);

    assertThat(p95.upper(0.025)).isLessThanOrEqualTo(2500);
    assertThat(Claim.atMost(p95, 2500).judge(0.025, 0.025).finding()).isEqualTo(Finding.HOLDS);
    assertThat(Claim.atMost(p95, 1500).judge(0.025, 0.025).finding()).isEqualTo(Finding.VIOLATED);
  }

  @Test
  void countsBelowAndAtOrBelowAValue() {
    OrderStatistics sample = OrderStatistics.of(3, 1, 2, 2, 5);

    assertThat(sample.count(2, false)).isEqualTo(1);
    assertThat(sample.count(2, true)).isEqualTo(3);
    assertThat(sample.count(0, true)).isZero();
    assertThat(sample.count(9, false)).isEqualTo(5);
    assertThat(sample.value(5)).isEqualTo(5);
  }
}

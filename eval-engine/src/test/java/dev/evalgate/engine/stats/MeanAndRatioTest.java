package dev.evalgate.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MeanAndRatioTest {
  @Test
  void pairedDifferenceMatchesStudentsSleepData() {
    // Student (1908), The probable error of a mean, Biometrika 6:1-25: the Cushny and Peebles sleep
    // data,
    // extra hours of sleep with two drugs on the same 10 patients. Paired t = 4.062 on 9 df,
    // two-sided p = 0.00283, 95 % interval 0.700 to 2.460 for the mean difference 1.58
    double[] first = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
    double[] second = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};
    Moments moments = new Moments();
    for (int i = 0; i < first.length; i++) {
      moments.add(second[i], first[i]);
    }

    Mean difference = moments.differenceEstimate();

    assertThat(difference.value()).isCloseTo(1.58, within(1e-12));
    assertThat(difference.interval(0.95).low()).isCloseTo(0.7001, within(0.00005));
    assertThat(difference.interval(0.95).high()).isCloseTo(2.4599, within(0.00005));
    assertThat(2 * difference.lowerP(0, true)).isCloseTo(0.002833, within(0.0000005));
  }

  @Test
  void aRatioOfMeansHasTheDeltaMethodSpreadOnTheLogScale() {
    Moments moments = new Moments();
    double[][] pairs = {{2.1, 4.0}, {1.8, 3.9}, {2.6, 4.4}, {2.0, 4.1}, {2.4, 4.6}, {1.9, 3.7}};
    for (double[] pair : pairs) {
      moments.add(pair[0], pair[1]);
    }
    double x = moments.mean();
    double y = moments.secondMean();
    double n = pairs.length;
    double logVariance =
        moments.variance() / n / (x * x)
            + moments.secondVariance() / n / (y * y)
            - 2 * moments.covariance() / n / (x * y);

    Ratio ratio = moments.pairedRatio();

    assertThat(ratio.value()).isCloseTo(x / y, within(1e-12));
    assertThat(ratio.logStandardError()).isCloseTo(Math.sqrt(logVariance), within(1e-12));
    assertThat(Math.log(ratio.upper(0.025)) - Math.log(ratio.value()))
        .isCloseTo(1.959964 * Math.sqrt(logVariance), within(1e-6));
  }

  @Test
  void swappingNumeratorAndDenominatorInvertsTheBounds() {
    Moments forward = new Moments();
    Moments backward = new Moments();
    double[][] pairs = {{2.1, 4.0}, {1.8, 3.9}, {2.6, 4.4}, {2.0, 4.1}, {2.4, 4.6}};
    for (double[] pair : pairs) {
      forward.add(pair[0], pair[1]);
      backward.add(pair[1], pair[0]);
    }

    assertThat(forward.pairedRatio().lower(0.025))
        .isCloseTo(1 / backward.pairedRatio().upper(0.025), within(1e-12));
  }

  @Test
  void aRatioOverNothingIsUndefinedAndDecidesNothing() {
    Moments moments = new Moments();
    moments.add(1.0, 0.0);
    moments.add(2.0, 0.0);

    Judgement judgement = Claim.ratioAtMost(moments.pairedRatio(), 0.8).judge(0.025, 0.025);

    assertThat(judgement.finding()).isEqualTo(Finding.INCONCLUSIVE);
    assertThat(judgement.interval().high()).isInfinite();
  }

  @Test
  void aChallengerThatCostNothingHasARatioOfZero() {
    Moments moments = new Moments();
    moments.add(0.0, 0.002);
    moments.add(0.0, 0.003);

    assertThat(Claim.ratioAtMost(moments.pairedRatio(), 0.8).judge(0.025, 0.025).finding())
        .isEqualTo(Finding.HOLDS);
  }

  @Test
  void aMeanOfOneValueSaysNothingAboutItsSpread() {
    Mean one = new Mean(1, 5, 0);

    assertThat(one.interval(0.95).low()).isInfinite();
    assertThat(Claim.atMost(one, 10).judge(0.025, 0.025).finding()).isEqualTo(Finding.INCONCLUSIVE);
  }

  @Test
  void aScaledMeanKeepsItsPValues() {
    Mean perCall = new Mean(200, 0.0011, 0.0004);
    Estimate per1k = perCall.scaled(1000);

    assertThat(per1k.value()).isCloseTo(1.1, within(1e-12));
    assertThat(per1k.upper(0.025)).isCloseTo(1000 * perCall.upper(0.025), within(1e-12));
    assertThat(per1k.upperP(1.2, true)).isEqualTo(perCall.upperP(0.0012, true));
  }

  @Test
  void withoutSkewnessTheBoundsAreStudentsT() {
    Mean plain = new Mean(50, 2.0, 1.5);
    Mean unskewed = new Mean(50, 2.0, 1.5, 0);

    assertThat(unskewed.upper(0.025)).isEqualTo(plain.upper(0.025));
    assertThat(unskewed.lower(0.01)).isEqualTo(plain.lower(0.01));
    assertThat(unskewed.upperP(2.4, true)).isEqualTo(plain.upperP(2.4, true));
  }

  @Test
  void aRightSkewedMeanReachesFurtherAboveByHallsTransformation() {
    // 50 costs with skewness 2 (a log-normal tail): the studentized mean is skewed to the left, so
    // the true mean lies further above the sample's than t says
    long n = 50;
    double mean = 1.0;
    double sd = 0.9;
    double skewness = 2.0;
    Mean skewed = new Mean(n, mean, sd, skewness);
    Mean plain = new Mean(n, mean, sd);
    double t =
        new org.apache.commons.math3.distribution.TDistribution(null, n - 1)
            .inverseCumulativeProbability(0.025);
    // Hall's g(T) = T + a T^2 + a^2 T^3 / 3 + b, a = skewness / (3 sqrt n), b = skewness / (6 sqrt
    // n), solved here for g(T) = t by bisection (the class inverts it in closed form)
    double a = skewness / (3 * Math.sqrt(n));
    double b = skewness / (6 * Math.sqrt(n));
    double low = -20;
    double high = 20;
    for (int i = 0; i < 200; i++) {
      double mid = (low + high) / 2;
      double g = mid + a * mid * mid + a * a * mid * mid * mid / 3 + b;
      if (g < t) {
        low = mid;
      } else {
        high = mid;
      }
    }
    double expectedUpper = mean - low * sd / Math.sqrt(n);

    assertThat(skewed.upper(0.025)).isCloseTo(expectedUpper, within(1e-9));
    assertThat(skewed.upper(0.025)).isGreaterThan(plain.upper(0.025));
    assertThat(skewed.lower(0.025)).isGreaterThan(plain.lower(0.025));
    // the p-values are those of the same bounds
    assertThat(skewed.upperP(skewed.upper(0.025), true)).isCloseTo(0.025, within(1e-9));
    assertThat(skewed.lowerP(skewed.lower(0.01), true)).isCloseTo(0.01, within(1e-9));
  }

  @Test
  void costsKeepTheirSkewnessForTheGate() {
    Moments costs = new Moments();
    for (double cost : new double[] {1, 1, 1, 1, 1, 1, 1, 1, 2, 9}) {
      costs.add(cost);
    }

    assertThat(costs.skewAwareMean().skewness()).isCloseTo(costs.skewness(), within(0.0));
    assertThat(costs.skewness()).isGreaterThan(2.5);
    assertThat(costs.meanEstimate().skewness()).isZero();
    assertThat(costs.skewAwareMean().times(1000).upper(0.025))
        .isCloseTo(1000 * costs.skewAwareMean().upper(0.025), within(1e-9));
  }
}

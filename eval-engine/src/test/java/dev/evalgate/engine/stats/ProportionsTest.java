package dev.evalgate.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProportionsTest {
  @Test
  void wilsonMatchesTheTextbookExample() {
    // Newcombe (1998), example: 81 of 263 -> 0.2553 to 0.3662
    Interval interval = Proportions.wilson(81, 263, 0.95);

    assertThat(interval.low()).isCloseTo(0.2553, within(1e-4));
    assertThat(interval.high()).isCloseTo(0.3662, within(1e-4));
  }

  @Test
  void wilsonAtTheEdges() {
    assertThat(Proportions.wilson(0, 10, 0.95).low()).isZero();
    assertThat(Proportions.wilson(0, 10, 0.95).high()).isCloseTo(0.2775, within(1e-4));
    assertThat(Proportions.wilson(10, 10, 0.95).high()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void newcombePairedMatchesNewcombe1998TableII() {
    // Newcombe RG (1998) Improved confidence intervals for the difference between binomial
    // proportions
    // based on paired data. Stat Med 17:2635-2650, Table II, method 10; (e, f, g, h) with d = (f -
    // g) / n
    assertPaired(36, 12, 2, 0, 0.0569, 0.3404);
    assertPaired(18, 12, 2, 18, 0.0562, 0.3290);
    assertPaired(53, 0, 0, 1, -0.0729, 0.0729);
    assertPaired(0, 30, 0, 0, 0.8395, 1.0000);
  }

  private static void assertPaired(long e, long f, long g, long h, double low, double high) {
    Interval interval = Proportions.pairedDifference(e, f, g, h, 0.95);
    assertThat(interval.low())
        .as("lower bound of (%d, %d, %d, %d)", e, f, g, h)
        .isCloseTo(low, within(0.00005));
    assertThat(interval.high())
        .as("upper bound of (%d, %d, %d, %d)", e, f, g, h)
        .isCloseTo(high, within(0.00005));
  }

  @Test
  void newcombeIndependentMatchesNewcombe1998TableII() {
    // Newcombe RG (1998) Interval estimation for the difference between independent proportions:
    // comparison of eleven methods. Stat Med 17:873-890, Table II, method 10, examples (a) to (h)
    assertIndependent(56, 70, 48, 80, 0.0524, 0.3339);
    assertIndependent(9, 10, 3, 10, 0.1705, 0.8090);
    assertIndependent(6, 7, 2, 7, 0.0582, 0.8062);
    assertIndependent(5, 56, 0, 29, -0.0381, 0.1926);
    assertIndependent(0, 10, 0, 20, -0.1611, 0.2775);
    assertIndependent(0, 10, 0, 10, -0.2775, 0.2775);
    assertIndependent(10, 10, 0, 20, 0.6791, 1.0000);
    assertIndependent(10, 10, 0, 10, 0.6075, 1.0000);
  }

  private static void assertIndependent(
      long x1, long n1, long x2, long n2, double low, double high) {
    Interval interval = Proportions.independentDifference(x1, n1, x2, n2, 0.95);
    assertThat(interval.low())
        .as("lower bound of %d/%d - %d/%d", x1, n1, x2, n2)
        .isCloseTo(low, within(0.00005));
    assertThat(interval.high())
        .as("upper bound of %d/%d - %d/%d", x1, n1, x2, n2)
        .isCloseTo(high, within(0.00005));
  }

  @Test
  void mcNemarExactIsTheTwoSidedBinomialTail() {
    // b = 3, c = 12: 2 * P(X <= 3 | n = 15, p = 1/2) = 2 * 576 / 32768
    assertThat(Proportions.mcNemarExact(3, 12)).isCloseTo(0.03515625, within(1e-12));
    assertThat(Proportions.mcNemarExact(12, 3)).isCloseTo(0.03515625, within(1e-12));
    assertThat(Proportions.mcNemarExact(0, 0)).isEqualTo(1.0);
    assertThat(Proportions.mcNemarExact(5, 5)).isEqualTo(1.0);
  }

  @Test
  void mcNemarMidPSubtractsTheObservedTable() {
    // 0.03515625 - 455/32768
    assertThat(Proportions.mcNemarMidP(3, 12)).isCloseTo(0.03515625 - 455.0 / 32768, within(1e-12));
  }

  @Test
  void newcombeIntervalContainsTheEstimateAndIsSymmetricForEqualDiscordance() {
    Interval skewed = Proportions.pairedDifference(12, 9, 2, 21, 0.95);
    Interval balanced = Proportions.pairedDifference(30, 5, 5, 10, 0.95);

    assertThat(skewed.contains(7.0 / 44)).isTrue();
    assertThat(skewed.low()).isGreaterThan(0);
    assertThat(balanced.low()).isCloseTo(-balanced.high(), within(1e-12));
    assertThat(Proportions.pairedDifference(0, 0, 10, 0, 0.95).low()).isGreaterThanOrEqualTo(-1.0);
  }

  @Test
  void newcombeIsCloseToWaldForLargeSamples() {
    long bothPass = 800;
    long challengerOnly = 60;
    long controlOnly = 40;
    long bothFail = 100;
    double n = 1000;
    double d = (challengerOnly - controlOnly) / n;
    double se = Math.sqrt((challengerOnly + controlOnly) / n - d * d) / Math.sqrt(n);

    Interval interval =
        Proportions.pairedDifference(bothPass, challengerOnly, controlOnly, bothFail, 0.95);

    assertThat(interval.low()).isCloseTo(d - 1.959964 * se, within(0.003));
    assertThat(interval.high()).isCloseTo(d + 1.959964 * se, within(0.003));
  }

  @Test
  void bootstrapIsDeterministicForASeedAndCoversTheMean() {
    PairedBootstrap a = new PairedBootstrap(7);
    PairedBootstrap b = new PairedBootstrap(7);
    for (int i = 0; i < 500; i++) {
      double x = (i % 10) - 2.0;
      a.add(x);
      b.add(x);
    }

    Interval ia = a.interval(0.95);

    assertThat(ia).isEqualTo(b.interval(0.95));
    assertThat(a.mean()).isCloseTo(2.5, within(1e-9));
    assertThat(ia.low()).isLessThan(2.5).isGreaterThan(2.0);
    assertThat(ia.high()).isGreaterThan(2.5).isLessThan(3.0);
  }

  @Test
  void bootstrapReservoirKeepsMemoryFixed() {
    PairedBootstrap bootstrap = new PairedBootstrap(1, 100);
    for (int i = 0; i < 100_000; i++) {
      bootstrap.add(1.0);
    }
    assertThat(bootstrap.count()).isEqualTo(100_000);
    assertThat(bootstrap.interval(0.95)).isEqualTo(new Interval(1.0, 1.0));
  }

  @Test
  void beyondTheReservoirTheIntervalHasTheWidthOfEveryPairNotOfTheSample() {
    PairedBootstrap bootstrap = new PairedBootstrap(3, 2_000);
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      bootstrap.add(5.0 + 20.0 * random.nextGaussian());
    }

    Interval interval = bootstrap.interval(0.95);

    double halfWidth = 1.959964 * 20.0 / Math.sqrt(n);
    assertThat(interval.contains(bootstrap.mean())).isTrue();
    assertThat((interval.high() - interval.low()) / 2)
        .isCloseTo(halfWidth, within(halfWidth * 0.15));
    assertThat(interval.contains(5.0)).isTrue();
  }
}

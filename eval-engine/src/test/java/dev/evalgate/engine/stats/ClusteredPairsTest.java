package dev.evalgate.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusteredPairsTest {
  /**
   * Obuchowski (1998), On the comparison of correlated proportions for clustered data, Stat Med
   * 17:1495-1507: PET and SPECT on the glands of 21 patients without hyperparathyroidism (true
   * negatives), per patient (both, PET only, SPECT only, neither), as the R package clust.bin.pair
   * (Gopstein 2018) ships them.
   */
  private static final long[][] THYROIDS = {
    {0, 0, 2, 1},
    {2, 0, 1, 0},
    {3, 0, 0, 0},
    {1, 0, 0, 0},
    {2, 0, 1, 0},
    {4, 0, 0, 0},
    {3, 0, 0, 0},
    {2, 0, 0, 0},
    {1, 1, 0, 0},
    {1, 0, 0, 0},
    {2, 0, 0, 1},
    {2, 0, 0, 0},
    {3, 0, 0, 0},
    {2, 0, 0, 0},
    {0, 0, 2, 0},
    {2, 0, 0, 1},
    {2, 0, 0, 1},
    {2, 0, 1, 0},
    {2, 0, 0, 0},
    {1, 0, 0, 0},
    {2, 0, 0, 0}
  };

  private static ClusteredPairs thyroids() {
    List<PairedProportions> patients = new ArrayList<>();
    for (long[] p : THYROIDS) {
      patients.add(new PairedProportions(p[0], p[1], p[2], p[3]));
    }
    return ClusteredPairs.of(patients);
  }

  @Test
  void obuchowskisTestMatchesThePublishedThyroidExample() {
    // clust.bin.pair's reference output for the thyroid data: chi-square = 2.8571, df = 1, p-value
    // = 0.09097
    ClusteredPairs.ChiSquareTest test = thyroids().obuchowski();

    assertThat(test.statistic()).isCloseTo(2.8571, within(0.00005));
    assertThat(test.p()).isCloseTo(0.09097, within(0.000005));
  }

  @Test
  void durkalskisTestWeighsEveryClusterTheSame() {
    // Durkalski et al. (2003), Analysis of clustered matched-pair data, Stat Med 22:2417-2428:
    // X = (sum_k (b_k - c_k)/n_k)^2 / sum_k ((b_k - c_k)/n_k)^2. On the thyroid data the discordant
    // patients give -2/3, -1/3, -1/3, +1/2, -1, -1/3: (-13/6)^2 / (73/36) = 169/73
    assertThat(thyroids().durkalski().statistic()).isCloseTo(169.0 / 73, within(1e-12));
  }

  @Test
  void withOnePairPerClusterDurkalskiIsMcNemar() {
    // each cluster one pair: (b - c)^2 / (b + c), McNemar's statistic without continuity correction
    List<PairedProportions> singles = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      singles.add(new PairedProportions(1, 0, 0, 0));
    }
    for (int i = 0; i < 12; i++) {
      singles.add(new PairedProportions(0, 1, 0, 0));
    }
    for (int i = 0; i < 3; i++) {
      singles.add(new PairedProportions(0, 0, 1, 0));
    }

    ClusteredPairs pairs = ClusteredPairs.of(singles);

    assertThat(pairs.durkalski().statistic()).isCloseTo(81.0 / 15, within(1e-12));
    // and the design effect is n/(n-1), the small-sample factor of the cluster variance
    assertThat(pairs.designEffect()).isCloseTo(55.0 / 54, within(1e-12));
    Interval adjusted = pairs.interval(0.95);
    Interval naive = pairs.total().interval(0.95);
    assertThat((adjusted.high() - adjusted.low()) / (naive.high() - naive.low()))
        .isCloseTo(Math.sqrt(55.0 / 54), within(0.002));
  }

  @Test
  void clustersOfIdenticalCasesCountOncePerCluster() {
    // 60 independent cases, each copied 5 times: the copies add no evidence, the design effect is
    // about 5
    List<PairedProportions> copied = new ArrayList<>();
    List<PairedProportions> once = new ArrayList<>();
    long[][] kinds = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
    int[] counts = {40, 9, 7, 4};
    for (int k = 0; k < kinds.length; k++) {
      for (int i = 0; i < counts[k]; i++) {
        long[] c = kinds[k];
        copied.add(new PairedProportions(5 * c[0], 5 * c[1], 5 * c[2], 5 * c[3]));
        once.add(new PairedProportions(c[0], c[1], c[2], c[3]));
      }
    }

    ClusteredPairs clustered = ClusteredPairs.of(copied);
    Interval naive = clustered.total().interval(0.95);
    Interval adjusted = clustered.interval(0.95);

    assertThat(clustered.designEffect()).isCloseTo(5 * 60.0 / 59, within(1e-9));
    assertThat(adjusted.high() - adjusted.low()).isGreaterThan(2 * (naive.high() - naive.low()));
    assertThat(adjusted.high() - adjusted.low())
        .isCloseTo(
            ClusteredPairs.of(once).interval(0.95).high()
                - ClusteredPairs.of(once).interval(0.95).low(),
            within(0.01));
  }

  @Test
  void oneClusterSaysNothingAboutHowClustersVary() {
    ClusteredPairs one = ClusteredPairs.of(List.of(new PairedProportions(50, 10, 2, 8)));

    assertThat(one.interval(0.95)).isEqualTo(new Interval(-1, 1));
    assertThat(Claim.nonInferior(one, 0.02, true).judge(0.025, 0.025).finding())
        .isEqualTo(Finding.INCONCLUSIVE);
  }

  @Test
  void aReportsSummaryGivesBackTheSameIntervalAndTests() {
    ClusteredPairs pairs =
        ClusteredPairs.of(
            List.of(
                new PairedProportions(3, 0, 1, 0),
                new PairedProportions(1, 2, 0, 1),
                new PairedProportions(0, 0, 3, 1),
                new PairedProportions(4, 1, 0, 0)));

    ClusteredPairs summarised =
        ClusteredPairs.summarised(
            pairs.total(),
            pairs.clusters(),
            pairs.designEffect(),
            pairs.durkalski().statistic(),
            pairs.obuchowski().statistic());

    assertThat(summarised.interval(0.95)).isEqualTo(pairs.interval(0.95));
    assertThat(summarised.lowerP(-0.05, true)).isEqualTo(pairs.lowerP(-0.05, true));
    assertThat(summarised.durkalski()).isEqualTo(pairs.durkalski());
    assertThat(summarised.obuchowski()).isEqualTo(pairs.obuchowski());
  }

  /**
   * {@code clusters} clusters of {@code size} pairs, the first {@code discordant} of them holding
   * {@code regressions} pairs only the control passes, every other pair passed by both.
   */
  private static ClusteredPairs rarelyRegressing(
      int clusters, int size, int discordant, int regressions) {
    List<PairedProportions> byCluster = new ArrayList<>();
    for (int k = 0; k < clusters; k++) {
      byCluster.add(
          k < discordant
              ? new PairedProportions(size - regressions, 0, regressions, 0)
              : new PairedProportions(size, 0, 0, 0));
    }
    return ClusteredPairs.of(byCluster);
  }

  @Test
  void aDifferenceNearOneOverFewClustersTakesTheBoundingDesignEffect() {
    // 10 clusters of 20 pairs, 2 regressions in one of them: d = -1 %. By hand: deviations 1.8^2
    // + 9 x 0.2^2 = 3.6, over clusters 10/9 x 3.6 / 200^2 = 1.0e-4, independent (0.01 - 0.0001) /
    // 200 = 4.95e-5: design effect 2.0202. Half a cluster of 20 improvements more (against the
    // observed difference): N' = 210, d' = (-2 + 10) / 210 = 0.038095; deviations 3.6 + (-0.01 -
    // 0.038095)^2 x 200^2 / 10 + 0.5 x (20 - 20 x 0.038095)^2 = 3.6 + 9.2526 + 185.0521 =
    // 197.9047, over clusters 10.5/9.5 x 197.9047 / 210^2 = 0.0049600; independent ((2 + 10) / 210
    // - 0.038095^2) / 210 = 2.6520e-4: bounding design effect 18.703
    ClusteredPairs pairs = rarelyRegressing(10, 20, 1, 2);

    assertThat(pairs.designEffect()).isCloseTo(2.0202, within(1e-4));
    assertThat(pairs.boundingDesignEffect()).isCloseTo(18.703, within(1e-3));
    assertThat(pairs.adjustment()).isEqualTo(pairs.boundingDesignEffect());
    Interval bounded = pairs.interval(0.95);
    Interval measured = Proportions.pairedDifferenceAtZ(198 / 2.0202, 0, 2 / 2.0202, 0, 1.959964);
    assertThat(bounded.high())
        .as("the interval on the bounding design effect, not on the measured one")
        .isCloseTo(0.2545, within(1e-4))
        .isGreaterThan(measured.high());
  }

  @Test
  void theBoundingDesignEffectAddsNothingWhenWholeClustersWentWrongAndFadesWithMoreClusters() {
    ClusteredPairs whole = rarelyRegressing(30, 4, 2, 4);
    assertThat(whole.boundingDesignEffect())
        .as("two whole conversations regressed: the measured design effect (4.14) already bounds")
        .isEqualTo(whole.designEffect());
    assertThat(whole.designEffect()).isCloseTo(4.138, within(1e-3));

    double few = rarelyRegressing(10, 20, 1, 2).boundingDesignEffect();
    double more = rarelyRegressing(100, 20, 10, 2).boundingDesignEffect();
    double many = rarelyRegressing(1000, 20, 100, 2).boundingDesignEffect();
    // the same share of discordant clusters (one in ten) over 10, 100 and 1,000 clusters, measured
    // at 2.02 each time: the half cluster weighs less and less
    assertThat(few).isCloseTo(18.70, within(0.01));
    assertThat(more).isCloseTo(8.06, within(0.01));
    assertThat(many).isCloseTo(2.71, within(0.01));
  }
}

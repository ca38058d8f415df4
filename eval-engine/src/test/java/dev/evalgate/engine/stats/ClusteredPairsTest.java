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
}

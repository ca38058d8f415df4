package dev.evalgate.benchmarks.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

  @Test
  void countsTheConfusionMatrixAndDerivesEachFigureFromIt() {
    boolean[] positive = {true, true, true, false, false};
    boolean[] predicted = {true, true, false, true, false};
    BinaryMetrics m = BinaryMetrics.of(positive, predicted, new double[] {0.9, 0.8, 0.3, 0.7, 0.1});

    assertThat(m.truePositives()).isEqualTo(2);
    assertThat(m.falseNegatives()).isEqualTo(1);
    assertThat(m.falsePositives()).isEqualTo(1);
    assertThat(m.trueNegatives()).isEqualTo(1);
    assertThat(m.accuracy()).isEqualTo(3 / 5.0);
    assertThat(m.precision()).isEqualTo(2 / 3.0);
    assertThat(m.recall()).isEqualTo(2 / 3.0);
    assertThat(m.specificity()).isEqualTo(1 / 2.0);
    assertThat(m.balancedAccuracy()).isEqualTo((2 / 3.0 + 1 / 2.0) / 2);
  }

  @Test
  void aurocCountsTiedPairsAsOneHalf() {
    // positives 0.8 and 0.5, negatives 0.5 and 0.2: pairs won 1 + 1 + 0.5 (tie) + 1 of 4
    boolean[] positive = {true, true, false, false};
    double[] score = {0.8, 0.5, 0.5, 0.2};

    assertThat(BinaryMetrics.auroc(positive, score)).isCloseTo(3.5 / 4, within(1e-12));
  }

  @Test
  void aurocIsOneForAPerfectRankingZeroForAReversedOneAndOneHalfWhenEveryScoreTies() {
    boolean[] positive = {true, false, true, false};

    assertThat(BinaryMetrics.auroc(positive, new double[] {0.9, 0.1, 0.8, 0.2})).isEqualTo(1.0);
    assertThat(BinaryMetrics.auroc(positive, new double[] {0.1, 0.9, 0.2, 0.8})).isEqualTo(0.0);
    assertThat(BinaryMetrics.auroc(positive, new double[] {0.5, 0.5, 0.5, 0.5})).isEqualTo(0.5);
  }

  @Test
  void aurocOfATwoValuedScoreEqualsTheBalancedAccuracyOfItsVerdict() {
    boolean[] positive = {true, true, true, false, false, false, false};
    boolean[] predicted = {true, true, false, true, false, false, false};
    double[] score = new double[predicted.length];
    for (int i = 0; i < score.length; i++) {
      score[i] = predicted[i] ? 1.0 : 0.0;
    }
    BinaryMetrics m = BinaryMetrics.of(positive, predicted, score);

    assertThat(m.auroc()).isCloseTo(m.balancedAccuracy(), within(1e-12));
  }

  @Test
  void figuresWithoutADenominatorAreNotANumber() {
    BinaryMetrics onlyNegatives =
        BinaryMetrics.of(
            new boolean[] {false, false}, new boolean[] {false, false}, new double[] {0.1, 0.2});

    assertThat(onlyNegatives.recall()).isNaN();
    assertThat(onlyNegatives.precision()).isNaN();
    assertThat(onlyNegatives.auroc()).isNaN();
    assertThat(onlyNegatives.accuracy()).isEqualTo(1.0);
  }
}

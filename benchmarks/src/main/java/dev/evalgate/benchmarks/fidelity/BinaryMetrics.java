package dev.evalgate.benchmarks.fidelity;

import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Agreement of a binary verdict and a continuous score with binary labels.
 *
 * <p>Precision, recall and their kin are of the positive class; a figure whose denominator is zero
 * (precision when nothing was predicted positive, AUROC when one class is absent) is {@code NaN}.
 * AUROC is the Mann-Whitney statistic: the probability that a random positive row scores above a
 * random negative one, ties counting one half (average ranks), so a score that takes two values is
 * measured as fairly as a continuous one.
 *
 * @param n rows
 * @param truePositives labelled positive, predicted positive
 * @param falsePositives labelled negative, predicted positive
 * @param trueNegatives labelled negative, predicted negative
 * @param falseNegatives labelled positive, predicted negative
 * @param auroc the score's area under the ROC curve
 */
public record BinaryMetrics(
    int n,
    int truePositives,
    int falsePositives,
    int trueNegatives,
    int falseNegatives,
    double auroc) {

  /**
   * Measures one slice of rows.
   *
   * @param positive the label of each row
   * @param predicted the verdict of each row
   * @param score each row's score for the positive class (higher means more likely positive)
   */
  public static BinaryMetrics of(boolean[] positive, boolean[] predicted, double[] score) {
    if (positive.length != predicted.length || positive.length != score.length) {
      throw new IllegalArgumentException("labels, verdicts and scores differ in length");
    }
    int tp = 0;
    int fp = 0;
    int tn = 0;
    int fn = 0;
    for (int i = 0; i < positive.length; i++) {
      if (positive[i]) {
        if (predicted[i]) {
          tp++;
        } else {
          fn++;
        }
      } else if (predicted[i]) {
        fp++;
      } else {
        tn++;
      }
    }
    return new BinaryMetrics(positive.length, tp, fp, tn, fn, auroc(positive, score));
  }

  /** Mann-Whitney U over average ranks, divided by the number of positive-negative pairs. */
  static double auroc(boolean[] positive, double[] score) {
    long positives = 0;
    for (boolean p : positive) {
      if (p) {
        positives++;
      }
    }
    long negatives = positive.length - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(score);
    double rankSum = 0;
    for (int i = 0; i < positive.length; i++) {
      if (positive[i]) {
        rankSum += ranks[i];
      }
    }
    double u = rankSum - positives * (positives + 1) / 2.0;
    return u / ((double) positives * negatives);
  }

  public double accuracy() {
    return ratio(truePositives + trueNegatives, n);
  }

  /** Of the rows predicted positive, the share labelled positive. */
  public double precision() {
    return ratio(truePositives, truePositives + falsePositives);
  }

  /** Of the rows labelled positive, the share predicted positive (sensitivity). */
  public double recall() {
    return ratio(truePositives, truePositives + falseNegatives);
  }

  /** Of the rows labelled negative, the share predicted negative. */
  public double specificity() {
    return ratio(trueNegatives, trueNegatives + falsePositives);
  }

  /** The mean of recall and specificity: accuracy as if both classes were equally common. */
  public double balancedAccuracy() {
    return (recall() + specificity()) / 2;
  }

  public int positives() {
    return truePositives + falseNegatives;
  }

  private static double ratio(int count, int of) {
    return of == 0 ? Double.NaN : (double) count / of;
  }
}

package dev.evalgate.checks;

import dev.evalgate.api.CheckResult;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How well a check agrees with people on a team's own labelled answers, and the threshold at which
 * it would agree best (issue 20, item 5: calibration as a user feature; the suite wiring is
 * separate).
 *
 * <p>Every classifying check gives a score in [0, 1] that decides its verdict at a threshold (the
 * {@code threshold} of {@code refusal}, the {@code min-score} of {@code reference-agreement}, the
 * {@code min-support} of {@code grounded}): it passes when the score reaches the threshold. Given
 * the scores of answers that people labelled "should pass" or "should fail", {@link #at} measures
 * the agreement at a threshold, and {@link #suggestThreshold} finds the threshold with the highest
 * balanced accuracy (the mean of the recall of both labels, so that a set with few failures is not
 * calibrated to pass everything).
 */
public final class Calibration {
  private Calibration() {}

  /**
   * One labelled answer.
   *
   * @param score the check's score for it ({@code CheckResult.score()}), in [0, 1]
   * @param shouldPass what people said: the check should pass it
   */
  public record Labelled(double score, boolean shouldPass) {}

  /**
   * The agreement of a check's verdicts with the labels at one threshold. "Pass" is the positive
   * class: precision is the share of the answers the check passes that people pass, recall the
   * share of the answers people pass that the check passes. A ratio whose denominator is zero is
   * {@code NaN}.
   *
   * @param threshold the check passes an answer whose score is at least this
   * @param n labelled answers
   * @param truePasses passed by the check and by people
   * @param falsePasses passed by the check, failed by people
   * @param trueFailures failed by both
   * @param falseFailures failed by the check, passed by people
   */
  public record Agreement(
      double threshold,
      int n,
      int truePasses,
      int falsePasses,
      int trueFailures,
      int falseFailures) {
    public double accuracy() {
      return ratio(truePasses + trueFailures, n);
    }

    public double precision() {
      return ratio(truePasses, truePasses + falsePasses);
    }

    public double recall() {
      return ratio(truePasses, truePasses + falseFailures);
    }

    /** The mean of the recall of both labels. */
    public double balancedAccuracy() {
      return (recall() + ratio(trueFailures, trueFailures + falsePasses)) / 2;
    }

    private static double ratio(int part, int whole) {
      return whole == 0 ? Double.NaN : (double) part / whole;
    }
  }

  /**
   * The agreement at {@code threshold}: an answer passes when its score is at least the threshold.
   */
  public static Agreement at(List<Labelled> answers, double threshold) {
    validate(answers);
    int tp = 0;
    int fp = 0;
    int tn = 0;
    int fn = 0;
    for (Labelled a : answers) {
      boolean passes = a.score() >= threshold;
      if (a.shouldPass()) {
        if (passes) {
          tp++;
        } else {
          fn++;
        }
      } else if (passes) {
        fp++;
      } else {
        tn++;
      }
    }
    return new Agreement(threshold, answers.size(), tp, fp, tn, fn);
  }

  /**
   * The threshold with the highest balanced accuracy on the labelled answers, and the agreement
   * there. The threshold lies halfway between the lowest score it passes and the highest it fails,
   * so a score that moves a little does not flip; among thresholds that agree equally well, the one
   * nearest to {@code current} (the check's threshold now) is suggested, so calibration moves it no
   * further than the labels ask. Needs answers of both labels. Time O(n log n).
   *
   * @throws IllegalArgumentException when there are no answers, only one label, or a score outside
   *     [0, 1]
   */
  public static Agreement suggestThreshold(List<Labelled> answers, double current) {
    validate(answers);
    Labelled[] sorted = answers.toArray(new Labelled[0]);
    Arrays.sort(sorted, Comparator.comparingDouble(Labelled::score).reversed());
    int passes = 0;
    for (Labelled a : sorted) {
      passes += a.shouldPass() ? 1 : 0;
    }
    int failures = sorted.length - passes;
    if (passes == 0 || failures == 0) {
      throw new IllegalArgumentException(
          "calibration needs answers labelled both to pass and to fail, but all "
              + sorted.length
              + " are labelled to "
              + (passes == 0 ? "fail" : "pass"));
    }
    double best = Double.NEGATIVE_INFINITY;
    double bestThreshold = Double.NaN;
    int tp = 0;
    int fp = 0;
    // candidates: between each run of equal scores and the next lower score (the check passes the
    // run and all above it)
    for (int i = 0; i < sorted.length; i++) {
      if (sorted[i].shouldPass()) {
        tp++;
      } else {
        fp++;
      }
      if (i + 1 < sorted.length && sorted[i + 1].score() == sorted[i].score()) {
        continue;
      }
      double threshold =
          i + 1 < sorted.length
              ? (sorted[i].score() + sorted[i + 1].score()) / 2
              : sorted[i].score();
      double balanced = ((double) tp / passes + (double) (failures - fp) / failures) / 2;
      if (balanced > best
          || balanced == best
              && Math.abs(threshold - current) < Math.abs(bestThreshold - current)) {
        best = balanced;
        bestThreshold = threshold;
      }
    }
    return at(answers, bestThreshold);
  }

  /**
   * One answer people labelled, in the terms of the check's threshold option, or {@code null} when
   * the check gave it no score. For most checks that is the result's score and the label. The
   * {@code refusal} check's {@code threshold} is on the refusal confidence, while its score is how
   * well the answer meets the case's expectation (the confidence when a refusal is expected, one
   * minus it otherwise): its answers are labelled by whether people take them for a refusal (they
   * should pass and a refusal is expected, or should fail and compliance is), at the confidence, so
   * that a threshold suggested over cases of both expectations is the option's.
   *
   * @param result the check's result on the answer
   * @param shouldPass what people said: the check should pass it
   */
  public static @Nullable Labelled labelled(CheckResult result, boolean shouldPass) {
    Double score = result.score();
    if (score == null || !(score >= 0 && score <= 1)) {
      return null;
    }
    if (result.details().containsKey(CheckResult.DETAIL_REFUSAL)) {
      boolean refuse = "refuse".equals(result.details().get(CheckResult.DETAIL_EXPECT));
      return new Labelled(refuse ? score : 1 - score, refuse == shouldPass);
    }
    return new Labelled(score, shouldPass);
  }

  private static void validate(List<Labelled> answers) {
    if (answers.isEmpty()) {
      throw new IllegalArgumentException("calibration needs labelled answers, but there are none");
    }
    for (int i = 0; i < answers.size(); i++) {
      double score = answers.get(i).score();
      if (!(score >= 0 && score <= 1)) {
        throw new IllegalArgumentException(
            "labelled answer "
                + (i + 1)
                + " has score "
                + score
                + ", expected a number from 0 to 1");
      }
    }
  }
}

package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.evalgate.checks.Calibration.Agreement;
import dev.evalgate.checks.Calibration.Labelled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTest {
  private static Labelled pass(double score) {
    return new Labelled(score, true);
  }

  private static Labelled fail(double score) {
    return new Labelled(score, false);
  }

  @Test
  void theAgreementAtAThresholdCountsVerdictsAgainstLabels() {
    List<Labelled> answers = List.of(pass(0.9), pass(0.6), pass(0.3), fail(0.7), fail(0.2));

    Agreement a = Calibration.at(answers, 0.5);

    assertThat(a).isEqualTo(new Agreement(0.5, 5, 2, 1, 1, 1));
    assertThat(a.accuracy()).isEqualTo(0.6);
    assertThat(a.precision()).isEqualTo(2.0 / 3);
    assertThat(a.recall()).isEqualTo(2.0 / 3);
    assertThat(a.balancedAccuracy()).isEqualTo((2.0 / 3 + 0.5) / 2);
    assertThat(Calibration.at(answers, 0.95).precision()).as("nothing passes").isNaN();
  }

  @Test
  void separableLabelsGetAThresholdHalfwayBetweenTheClasses() {
    Agreement a =
        Calibration.suggestThreshold(List.of(pass(0.9), pass(0.8), fail(0.3), fail(0.2)), 0.5);

    assertThat(a.threshold()).isCloseTo(0.55, within(1e-12));
    assertThat(a.accuracy()).isEqualTo(1.0);
  }

  @Test
  void aCheckWhoseScoresRunLowIsCalibratedDownward() {
    // the check scores what people pass around 0.3-0.45 and what they fail at 0.1-0.25: at 0.5 it
    // passes nothing
    List<Labelled> answers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      answers.add(pass(0.30 + i * 0.015));
      answers.add(fail(0.10 + i * 0.015));
    }
    assertThat(Calibration.at(answers, 0.5).recall()).isZero();

    Agreement suggested = Calibration.suggestThreshold(answers, 0.5);

    assertThat(suggested.threshold()).isBetween(0.235, 0.30);
    assertThat(suggested.balancedAccuracy()).isEqualTo(1.0);
  }

  @Test
  void fewFailuresDoNotMakeItSuggestPassingEverything() {
    // 18 passes, 2 failures among the low scores: passing all is 90 % accurate, as accurate as the
    // best cut
    // and nearer the current threshold, but it fails no failure at all; balanced accuracy cuts
    // above the failures
    List<Labelled> answers =
        new ArrayList<>(List.of(pass(0.2), fail(0.22), pass(0.25), fail(0.27), pass(0.3)));
    for (int i = 0; i < 15; i++) {
      answers.add(pass(0.5 + i * 0.02));
    }
    assertThat(Calibration.at(answers, 0.1).accuracy()).isEqualTo(0.9);

    Agreement suggested = Calibration.suggestThreshold(answers, 0.1);

    assertThat(suggested.threshold()).isCloseTo(0.285, within(1e-12));
    assertThat(suggested.accuracy()).isEqualTo(0.9);
    assertThat(suggested.trueFailures()).isEqualTo(2);
  }

  @Test
  void amongEquallyGoodThresholdsTheOneNearestTheCurrentIsSuggested() {
    // a pass scored below a failure: two thresholds agree equally (one error each); ties keep the
    // current side
    List<Labelled> answers = List.of(pass(0.9), fail(0.6), pass(0.4), fail(0.1));

    assertThat(Calibration.suggestThreshold(answers, 0.3).threshold())
        .isCloseTo(0.25, within(1e-12));
    assertThat(Calibration.suggestThreshold(answers, 0.8).threshold())
        .isCloseTo(0.75, within(1e-12));
  }

  @Test
  void equalScoresStayOnOneSide() {
    Agreement a =
        Calibration.suggestThreshold(List.of(pass(0.7), pass(0.7), fail(0.7), fail(0.2)), 0.5);

    assertThat(a.threshold()).isCloseTo(0.45, within(1e-12));
    assertThat(a.truePasses() + a.falsePasses()).isEqualTo(3);
  }

  @Test
  void unusableLabelledSetsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> Calibration.suggestThreshold(List.of(), 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("calibration needs labelled answers, but there are none");
    assertThatThrownBy(() -> Calibration.suggestThreshold(List.of(pass(0.2), pass(0.9)), 0.5))
        .hasMessage(
            "calibration needs answers labelled both to pass and to fail, but all 2 are labelled to"
                + " pass");
    assertThatThrownBy(() -> Calibration.at(List.of(pass(0.2), fail(Double.NaN)), 0.5))
        .hasMessage("labelled answer 2 has score NaN, expected a number from 0 to 1");
  }

  @Test
  void refusalAnswersAreLabelledByWhetherPeopleTakeThemForARefusalAtTheConfidence() {
    dev.evalgate.api.CheckResult refusedAsExpected =
        new dev.evalgate.api.CheckResult(
            "refusal",
            dev.evalgate.api.CheckResult.Outcome.PASSED,
            0.8,
            "refused as expected",
            java.util.Map.of("refusal", "refusal", "expect", "refuse"));
    dev.evalgate.api.CheckResult answered =
        new dev.evalgate.api.CheckResult(
            "refusal",
            dev.evalgate.api.CheckResult.Outcome.PASSED,
            0.7,
            "answered without refusing",
            java.util.Map.of("refusal", "compliance"));

    assertThat(Calibration.labelled(refusedAsExpected, true)).isEqualTo(new Labelled(0.8, true));
    assertThat(Calibration.labelled(answered, true).score()).isCloseTo(0.3, within(1e-12));
    assertThat(Calibration.labelled(answered, true).shouldPass())
        .as("people say it answered: no refusal")
        .isFalse();
    assertThat(Calibration.labelled(answered, false).shouldPass()).isTrue();
    assertThat(
            Calibration.labelled(
                new dev.evalgate.api.CheckResult(
                    "grounded",
                    dev.evalgate.api.CheckResult.Outcome.PASSED,
                    0.4,
                    "supported",
                    java.util.Map.of()),
                false))
        .isEqualTo(new Labelled(0.4, false));
    assertThat(Calibration.labelled(dev.evalgate.api.CheckResult.pass("exact", "same"), true))
        .isNull();
  }

  @Test
  void theScoredChecksNameTheirThresholdOption() {
    assertThat(((Thresholded) Checks.refusal()).thresholdOption()).isEqualTo("threshold");
    assertThat(((Thresholded) Checks.grounded(0.3)).threshold()).isEqualTo(0.3);
    assertThat(((Thresholded) Checks.referenceAgreement(0.55)).thresholdOption())
        .isEqualTo("min-score");
  }
}

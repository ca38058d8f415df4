package dev.evalgate.engine.metrics;

import dev.evalgate.api.CheckResult;
import dev.evalgate.checks.Calibration;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.VariantOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Counts, per check, how the labelled variant's answers were judged against the labels people gave
 * the cases (a row's {@code labels}), and keeps each labelled answer's score to suggest a
 * threshold. Only the first answer of a case (repeat 0) is compared: a label describes one answer.
 * Memory grows with the labelled cases (a score and a label each), which people wrote one by one.
 */
public final class AgreementAccumulator {
  private final String variant;
  private final Map<String, ScoreThreshold> thresholds;
  private final Map<String, Counts> counts = new LinkedHashMap<>();

  /**
   * @param variant the variant whose answers the labels describe
   * @param checks the checks counted, in suite order (labels of other checks are not counted)
   * @param thresholds the threshold of each scored check
   */
  public AgreementAccumulator(
      String variant, List<String> checks, Map<String, ScoreThreshold> thresholds) {
    this.variant = variant;
    this.thresholds = Map.copyOf(thresholds);
    for (String check : checks) {
      counts.put(check, new Counts());
    }
  }

  public void accept(CaseResult result) {
    Map<String, CheckResult.Outcome> labels = result.evalCase().labels();
    if (labels.isEmpty()) {
      return;
    }
    VariantOutcome outcome = result.outcomeOf(variant, 0);
    for (Map.Entry<String, CheckResult.Outcome> label : labels.entrySet()) {
      Counts c = counts.get(label.getKey());
      if (c == null) {
        continue;
      }
      CheckResult judged =
          outcome == null || outcome.errored() ? null : outcome.check(label.getKey());
      if (judged == null || judged.outcome() == CheckResult.Outcome.NOT_APPLICABLE) {
        c.unjudged++;
        continue;
      }
      boolean checkFails = judged.outcome() == CheckResult.Outcome.FAILED;
      boolean peopleFail = label.getValue() == CheckResult.Outcome.FAILED;
      if (checkFails) {
        if (peopleFail) {
          c.bothFail++;
        } else {
          c.onlyCheckFails++;
        }
      } else if (peopleFail) {
        c.onlyPeopleFail++;
      } else {
        c.bothPass++;
      }
      Calibration.Labelled scored = Calibration.labelled(judged, !peopleFail);
      if (scored != null) {
        c.scored.add(scored);
      }
    }
  }

  /** The agreement of every check that has labels, in suite order. */
  public List<CheckAgreement> finish() {
    List<CheckAgreement> agreements = new ArrayList<>();
    for (Map.Entry<String, Counts> entry : counts.entrySet()) {
      Counts c = entry.getValue();
      long n = c.bothFail + c.onlyCheckFails + c.onlyPeopleFail + c.bothPass;
      if (n == 0 && c.unjudged == 0) {
        continue;
      }
      ScoreThreshold threshold = thresholds.get(entry.getKey());
      Calibration.Agreement suggested = suggest(c.scored, threshold);
      agreements.add(
          new CheckAgreement(
              entry.getKey(),
              variant,
              Rate.of(c.bothFail + c.bothPass, n),
              Rate.of(c.bothFail, c.bothFail + c.onlyCheckFails),
              Rate.of(c.bothFail, c.bothFail + c.onlyPeopleFail),
              c.unjudged,
              threshold,
              suggested == null ? null : suggested.threshold(),
              suggested == null ? null : suggested.accuracy()));
    }
    return agreements;
  }

  /**
   * The threshold with the highest balanced accuracy, for a scored check whose judged answers with
   * a score hold labels of both kinds, over those answers; else {@code null}.
   */
  private static Calibration.@Nullable Agreement suggest(
      List<Calibration.Labelled> scored, @Nullable ScoreThreshold threshold) {
    if (threshold == null
        || scored.stream().allMatch(Calibration.Labelled::shouldPass)
        || scored.stream().noneMatch(Calibration.Labelled::shouldPass)) {
      return null;
    }
    return Calibration.suggestThreshold(scored, threshold.value());
  }

  private static final class Counts {
    long bothFail;
    long onlyCheckFails;
    long onlyPeopleFail;
    long bothPass;
    long unjudged;
    final List<Calibration.Labelled> scored = new ArrayList<>();
  }
}

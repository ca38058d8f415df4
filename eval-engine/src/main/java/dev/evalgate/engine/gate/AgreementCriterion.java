package dev.evalgate.engine.gate;

import dev.evalgate.api.CriterionSpec;
import dev.evalgate.engine.metrics.CheckAgreement;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.stats.Claim;
import dev.evalgate.engine.stats.Judgement;
import dev.evalgate.engine.stats.Proportion;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code agreement} criterion: a check agrees with people (the dataset's labels) on at least a
 * share of the labelled answers. Judged like a rate's {@code at-least}: on the exact (Clopper-
 * Pearson) interval of the share, decided only when the minimum lies outside it, and in the
 * verdict's family with the other statistical criteria. It is about the check, not a challenger, so
 * it bears on every challenger's verdict, as {@code min-cases} does.
 */
final class AgreementCriterion {
  private final CriterionSpec criterion;
  private final @Nullable CheckAgreement agreement;

  private AgreementCriterion(CriterionSpec criterion, @Nullable CheckAgreement agreement) {
    this.criterion = criterion;
    this.agreement = agreement;
  }

  static AgreementCriterion of(CriterionSpec criterion, Evaluation evaluation) {
    return new AgreementCriterion(criterion, evaluation.agreement(criterion.metric()).orElse(null));
  }

  /**
   * The result when no statistics decide it: no labelled answer judged (inconclusive, saying why),
   * or a minimum of 100 % or 0 %, which only this run's answers can show (judged as counted);
   * otherwise {@code null}.
   */
  @Nullable CriterionResult settled() {
    String check = criterion.metric();
    String limit = Format.value(Metric.Unit.RATE, criterion.limit());
    String cause = unlabelled(check, agreement);
    if (cause != null) {
      return result(
          ClaimStatus.INCONCLUSIVE,
          null,
          null,
          null,
          0,
          check + " agreement with people is unknown, expected minimum is " + limit + ": " + cause);
    }
    if (criterion.limit() > 0 && criterion.limit() < 1) {
      return null;
    }
    CheckAgreement agreement = java.util.Objects.requireNonNull(this.agreement, "labelled");
    double actual = agreement.accuracy().rate();
    boolean holds = actual >= criterion.limit();
    return result(
        holds ? ClaimStatus.HOLDS : ClaimStatus.VIOLATED,
        actual,
        null,
        null,
        agreement.n(),
        subject()
            + (holds ? ", within the minimum of " + limit : ", but expected minimum is " + limit)
            + " (n="
            + agreement.n()
            + ")");
  }

  /**
   * Why no labelled answer measures {@code check}'s agreement, with how to add labels; {@code null}
   * when some do. The gate's INCONCLUSIVE reason and the sample plan's row both say it.
   */
  static @Nullable String unlabelled(String check, Evaluation evaluation) {
    return unlabelled(check, evaluation.agreement(check).orElse(null));
  }

  private static @Nullable String unlabelled(String check, @Nullable CheckAgreement agreement) {
    if (agreement == null) {
      return "no case has a label for "
          + check
          + "; add labels to the dataset's rows, e.g. \"labels\": {\""
          + check
          + "\": \"pass\"} (or \"fail\"), what the check should conclude";
    }
    return agreement.n() > 0
        ? null
        : "none of the "
            + agreement.unjudged()
            + " labelled answers of "
            + agreement.variant()
            + " was judged by "
            + check
            + " (the call errored or the check did not apply)";
  }

  /** The claim the family judges: the share of agreeing answers is at least the minimum. */
  Claim claim() {
    CheckAgreement a = java.util.Objects.requireNonNull(agreement, "settled without labels");
    return Claim.atLeast(new Proportion(a.accuracy().count(), a.accuracy().n()), criterion.limit());
  }

  /** The result of the claim judged at a level. */
  CriterionResult result(Judgement j) {
    CheckAgreement a = java.util.Objects.requireNonNull(agreement, "settled without labels");
    long n = a.n();
    ClaimStatus status =
        switch (j.finding()) {
          case HOLDS -> ClaimStatus.HOLDS;
          case VIOLATED -> ClaimStatus.VIOLATED;
          case INCONCLUSIVE -> ClaimStatus.INCONCLUSIVE;
        };
    String limit = Format.value(Metric.Unit.RATE, criterion.limit());
    String shown = Format.value(Metric.Unit.RATE, a.accuracy().rate());
    String subject =
        subject()
            + " ("
            + Format.confidence(j.confidence())
            + " CI "
            + Format.bounds(Metric.Unit.RATE, j.interval().low(), j.interval().high())
            + ")";
    String message =
        switch (status) {
          case HOLDS -> subject + ", within the minimum of " + limit + " (n=" + n + ")";
          case VIOLATED -> subject + ", but expected minimum is " + limit + " (n=" + n + ")";
          case INCONCLUSIVE ->
              subject + ", too close to the minimum of " + limit + " to decide (n=" + n + ")";
        };
    LimitPlan plan =
        LimitPlan.share(
            a.accuracy().rate(),
            criterion.limit(),
            n,
            false,
            j.alphaHolds(),
            Metric.Unit.RATE,
            false);
    if (status == ClaimStatus.INCONCLUSIVE && plan.cases() != null) {
      message +=
          "; needs "
              + Planning.needs(plan.cases(), n)
              + " labelled answers to show it "
              + (plan.claimedSide() ? "within" : "beyond")
              + " the minimum if "
              + shown
              + " is the truth";
    }
    return CriterionResult.of(
            criterion,
            null,
            status,
            a.accuracy().rate(),
            j.interval().low(),
            j.interval().high(),
            n,
            message,
            List.of())
        .detecting(plan.detectable(), plan.detects(n));
  }

  /** "refusal agrees with people on 80.0% of control's labelled answers". */
  private String subject() {
    CheckAgreement a = java.util.Objects.requireNonNull(agreement, "settled without labels");
    return criterion.metric()
        + " agrees with people on "
        + Format.value(Metric.Unit.RATE, a.accuracy().rate())
        + " of "
        + a.variant()
        + "'s labelled answers";
  }

  private CriterionResult result(
      ClaimStatus status,
      @Nullable Double actual,
      @Nullable Double low,
      @Nullable Double high,
      long n,
      String message) {
    return CriterionResult.of(criterion, null, status, actual, low, high, n, message, List.of());
  }
}

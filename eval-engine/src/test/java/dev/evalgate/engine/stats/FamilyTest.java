package dev.evalgate.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FamilyTest {
  private static final double ALPHA = 0.025;

  /** A criterion "at least 0" whose holds p-value is {@code p}. */
  private static Claim holdingWith(double p) {
    return Claim.atLeast(Normal.withP(0, p), 0);
  }

  /** A criterion "at most 0" that is violated with p-value {@code p}. */
  private static Claim violatedWith(double p) {
    return Claim.atMost(Normal.withP(0, p), 0);
  }

  @Test
  void oneCriterionOfOneChallengerIsJudgedAtAlpha() {
    Family.Result result = Family.decide(List.of(List.of(holdingWith(0.02))), ALPHA);

    assertThat(result.outcomes().get(0).ruling()).isEqualTo(Family.Ruling.PROMOTE);
    Judgement judgement = result.outcomes().get(0).criteria().get(0);
    assertThat(judgement.alphaHolds()).isEqualTo(ALPHA);
    assertThat(judgement.alphaViolated()).isEqualTo(ALPHA);
    assertThat(judgement.confidence()).isCloseTo(0.95, within(1e-12));
    assertThat(judgement.interval().low()).isGreaterThanOrEqualTo(0);
    assertThat(result.decided()).isTrue();
  }

  @Test
  void everyCriterionMustHoldButNeedsNoAdjustmentToPromote() {
    // intersection-union: three criteria each holding at p = 0.02 < 0.025 promote without dividing
    // alpha
    Family.Result result =
        Family.decide(
            List.of(List.of(holdingWith(0.02), holdingWith(0.02), holdingWith(0.02))), ALPHA);

    assertThat(result.outcomes().get(0).ruling()).isEqualTo(Family.Ruling.PROMOTE);

    Family.Result oneOpen =
        Family.decide(
            List.of(List.of(holdingWith(0.02), holdingWith(0.03), holdingWith(0.001))), ALPHA);
    assertThat(oneOpen.outcomes().get(0).ruling()).isEqualTo(Family.Ruling.INCONCLUSIVE);
    assertThat(oneOpen.outcomes().get(0).criteria())
        .extracting(Judgement::finding)
        .containsExactly(Finding.HOLDS, Finding.INCONCLUSIVE, Finding.HOLDS);
  }

  @Test
  void violationsAreOneHolmFamilySoMoreCriteriaDoNotRaiseFalseRejections() {
    // p = 0.005, 0.015, 0.02 at alpha 0.025 over 3 criteria: 0.005 <= 0.025/3 is violated, 0.015 >
    // 0.025/2 stops
    Family.Result result =
        Family.decide(
            List.of(List.of(violatedWith(0.005), violatedWith(0.015), violatedWith(0.02))), ALPHA);

    List<Judgement> criteria = result.outcomes().get(0).criteria();
    assertThat(criteria)
        .extracting(Judgement::finding)
        .containsExactly(Finding.VIOLATED, Finding.INCONCLUSIVE, Finding.INCONCLUSIVE);
    assertThat(criteria.get(0).alphaViolated()).isCloseTo(ALPHA / 3, within(1e-15));
    assertThat(criteria.get(1).alphaViolated()).isCloseTo(ALPHA / 2, within(1e-15));
    assertThat(result.outcomes().get(0).ruling()).isEqualTo(Family.Ruling.REJECT);
    // judged alone, each would be violated
    assertThat(violatedWith(0.02).judge(ALPHA, ALPHA).finding()).isEqualTo(Finding.VIOLATED);
  }

  @Test
  void violationsCountAcrossChallengers() {
    Family.Result result =
        Family.decide(List.of(List.of(violatedWith(0.01)), List.of(violatedWith(0.011))), ALPHA);

    // 0.01 <= 0.025/2 is violated, then 0.011 <= 0.025/1
    assertThat(result.outcomes())
        .extracting(Family.Outcome::ruling)
        .containsExactly(Family.Ruling.REJECT, Family.Ruling.REJECT);

    Family.Result neither =
        Family.decide(List.of(List.of(violatedWith(0.013)), List.of(violatedWith(0.014))), ALPHA);
    assertThat(neither.outcomes())
        .extracting(Family.Outcome::ruling)
        .containsExactly(Family.Ruling.INCONCLUSIVE, Family.Ruling.INCONCLUSIVE);
  }

  @Test
  void promotionsStepDownAcrossChallengers() {
    // B holds at 0.01 <= 0.025/2 and is promoted; then A is judged at 0.025 and its 0.02 is enough
    Family.Result both =
        Family.decide(List.of(List.of(holdingWith(0.02)), List.of(holdingWith(0.01))), ALPHA);
    assertThat(both.outcomes())
        .extracting(Family.Outcome::ruling)
        .containsExactly(Family.Ruling.PROMOTE, Family.Ruling.PROMOTE);
    assertThat(both.outcomes().get(1).criteria().get(0).alphaHolds())
        .isCloseTo(ALPHA / 2, within(1e-15));
    assertThat(both.outcomes().get(0).criteria().get(0).alphaHolds())
        .isCloseTo(ALPHA, within(1e-15));

    // neither below 0.0125: nobody is promoted
    Family.Result none =
        Family.decide(List.of(List.of(holdingWith(0.02)), List.of(holdingWith(0.015))), ALPHA);
    assertThat(none.outcomes())
        .extracting(Family.Outcome::ruling)
        .containsExactly(Family.Ruling.INCONCLUSIVE, Family.Ruling.INCONCLUSIVE);
    assertThat(none.outcomes().get(0).criteria().get(0).interval().low()).isLessThan(0);
  }

  @Test
  void aChallengerWithoutCriteriaIsNeverPromoted() {
    assertThat(Family.decide(List.of(List.of()), ALPHA).outcomes().get(0).ruling())
        .isEqualTo(Family.Ruling.INCONCLUSIVE);
  }

  @Test
  void aDecidedIntervalLeavesItsLimitOutside() {
    Family.Result result =
        Family.decide(List.of(List.of(holdingWith(0.001), violatedWith(0.001))), ALPHA);

    Judgement holds = result.outcomes().get(0).criteria().get(0);
    Judgement violated = result.outcomes().get(0).criteria().get(1);
    assertThat(holds.finding()).isEqualTo(Finding.HOLDS);
    assertThat(holds.interval().low()).isGreaterThan(holds.limit());
    assertThat(violated.finding()).isEqualTo(Finding.VIOLATED);
    assertThat(violated.interval().low()).isGreaterThan(violated.limit());
  }

  @Test
  void findingsOfEarlierLooksStand() {
    SequentialPlan plan = new SequentialPlan(Spending.POCOCK);
    // look 1 of 2: the first criterion is far beyond its limit, the second not yet
    Claim strong = holdingWith(1e-6);
    Claim weak = holdingWith(0.2);
    Family.Result first =
        Family.decide(List.of(List.of(strong, weak)), ALPHA, plan.levels(0.5), Family.State.none());
    assertThat(first.outcomes().get(0).criteria())
        .extracting(Judgement::finding)
        .containsExactly(Finding.HOLDS, Finding.INCONCLUSIVE);
    assertThat(first.decided()).isFalse();

    // look 2: the first has drifted back (it would not hold now), the second holds; the first's
    // finding stands
    Family.Result second =
        Family.decide(
            List.of(List.of(holdingWith(0.3), holdingWith(0.001))),
            ALPHA,
            plan.levels(0.5, 1),
            first.state());
    assertThat(second.outcomes().get(0).ruling()).isEqualTo(Family.Ruling.PROMOTE);
    assertThat(second.outcomes().get(0).criteria().get(0))
        .isEqualTo(first.outcomes().get(0).criteria().get(0));
    assertThat(second.decided()).isTrue();
  }
}

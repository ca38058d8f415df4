package dev.evalgate.checks;

import static dev.evalgate.checks.ChecksTest.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.CheckResult.Outcome;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.Exchange;
import dev.evalgate.assertions.EvalAssertions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotApplicableTest {
  static final EvalCase BARE = EvalCase.of("bare", Map.of());

  static Exchange bare(String answer) {
    return Exchange.of(BARE, answer);
  }

  @Test
  void groundingWithoutContextDoesNotApply() {
    CheckResult result = Checks.grounded().evaluate(bare("Refunds take 14 days."));

    assertThat(result.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    assertThat(result.passed()).isFalse();
    assertThat(result.failed()).isFalse();
    assertThat(result.applicable()).isFalse();
    assertThat(result.reason())
        .isEqualTo("no context to ground the answer in (the case has no 'context')");
  }

  @Test
  void groundingOnATemplateNamesTheEmptyVariable() throws Exception {
    CheckResult result =
        spec("grounded", "{\"context\": \"{{policy}}\"}").evaluate(bare("Refunds take 14 days."));

    assertThat(result.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    assertThat(result.reason())
        .isEqualTo("no context to ground the answer in (the case has no 'policy')");
  }

  @Test
  void referenceAgreementWithoutReferencesDoesNotApply() {
    CheckResult result = Checks.referenceAgreement(0.5).evaluate(bare("Within 14 days."));

    assertThat(result.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    assertThat(result.reason()).isEqualTo("the case has no 'references' to compare with");
  }

  @Test
  void refusalDoesNotApplyWhereTheExpectationVariableIsEmptyButKeepsTheClassification()
      throws Exception {
    CheckResult result =
        spec("refusal", "{\"expect\": \"{{expected_behaviour}}\"}")
            .evaluate(bare("I can't help with that."));

    assertThat(result.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    assertThat(result.reason())
        .startsWith(
            "the case states no expected behaviour ({{expected_behaviour}} is empty and it has no"
                + " 'expect'); classified as refusal (");
    assertThat(result.details())
        .containsEntry(CheckResult.DETAIL_REFUSAL, "refusal")
        .doesNotContainKey(CheckResult.DETAIL_EXPECT);
  }

  @Test
  void refusalWithoutAnExpectationOptionStillMeansMustNotRefuse() {
    assertThat(Checks.refusal().evaluate(bare("I can't help with that.")).outcome())
        .isEqualTo(Outcome.FAILED);
    assertThat(Checks.refusal().evaluate(bare("Your refund is on its way.")).outcome())
        .isEqualTo(Outcome.PASSED);
  }

  @Test
  void missingFailMakesACaseWithoutTheFieldFail() throws Exception {
    Check required = spec("grounded", "{\"min-support\": 0.8, \"missing\": \"fail\"}");

    CheckResult result = required.evaluate(bare("Refunds take 14 days."));

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.check()).isEqualTo("grounded");
    assertThat(result.reason())
        .isEqualTo(
            "no context to ground the answer in (the case has no 'context'); every case must have"
                + " it (missing: fail)");
    assertThat(Checks.required(Checks.referenceAgreement(0.5)).evaluate(bare("x")).failed())
        .isTrue();
    assertThat(
            spec("reference-agreement", "{\"missing\": \"not-applicable\"}")
                .evaluate(bare("x"))
                .applicable())
        .isFalse();
    assertThat(
            spec("refusal", "{\"expect\": \"{{e}}\", \"missing\": \"fail\"}")
                .evaluate(bare("Sure."))
                .failed())
        .isTrue();
  }

  @Test
  void missingTakesOnlyItsTwoValuesAndOnlyOnChecksThatNeedAField() {
    assertThatThrownBy(() -> spec("grounded", "{\"missing\": \"skip\"}"))
        .hasMessage(
            "option 'missing' of check 'grounded' must be not-applicable or fail, but was"
                + " \"skip\"");
    assertThatThrownBy(() -> spec("length", "{\"max-words\": 3, \"missing\": \"fail\"}"))
        .hasMessage(
            "unknown option 'missing' of check 'length'; expected one of: allow-truncated,"
                + " max-chars, max-sentences, max-tokens, max-words, min-chars, min-sentences,"
                + " min-tokens, min-words, name");
  }

  @Test
  void aNegatedCheckThatDoesNotApplyDoesNotApplyEither() throws Exception {
    CheckResult result = spec("not", "{\"grounded\": 0.8}").evaluate(bare("Refunds take 14 days."));

    assertThat(result.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    assertThat(result.reason())
        .isEqualTo("no context to ground the answer in (the case has no 'context')");
  }

  @Test
  void aRenamedCheckKeepsItsOutcome() {
    CheckResult result = Checks.named("faithful", Checks.grounded()).evaluate(bare("x"));

    assertThat(result.check()).isEqualTo("faithful");
    assertThat(result.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
  }

  @Test
  void customChecksKeepTheBooleanFormAndGainAFactory() {
    CheckResult old = new CheckResult("mine", true, 0.5, "fine", Map.of());
    CheckResult none = CheckResult.notApplicable("mine", "the case has no 'ticket'");

    assertThat(old.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(CheckResult.fail("mine", "no").outcome()).isEqualTo(Outcome.FAILED);
    assertThat(none.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    assertThat(List.of(Outcome.values()).stream().map(Outcome::id))
        .containsExactly("passed", "failed", "not_applicable");
    assertThat(Outcome.fromId("not_applicable")).isEqualTo(Outcome.NOT_APPLICABLE);
  }

  @Test
  void anAssertionOnACheckThatDoesNotApplyFailsAndSaysSo() {
    assertThatThrownBy(
            () ->
                EvalAssertions.assertThatResponse(bare("Refunds take 14 days."))
                    .satisfiesCheck(Checks.grounded()))
        .hasMessage(
            "grounded: not applicable: no context to ground the answer in (the case has no"
                + " 'context')");
  }
}

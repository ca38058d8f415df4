package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.api.CheckResult;
import org.junit.jupiter.api.Test;

/**
 * The grounding support on the shapes the issue names: short answers, number words, words of the
 * context in a wrong relation.
 */
class GroundingCheckTest {
  static CheckResult grounded(String context, String answer) {
    return Checks.grounded().evaluate(ChecksTest.grounded(context, answer));
  }

  @Test
  void numberWordsAndGluedUnitsMeetTheirFigures() {
    assertThat(
            grounded(
                    "Refunds are issued within 14 days of receiving the returned item.",
                    "Refunds are issued within fourteen days.")
                .passed())
        .isTrue();
    String dose = "The recommended daily allowance for adult women is 310 to 320 mg per day.";
    CheckResult glued = grounded(dose, "The daily allowance for adult women is 310 to 320mg.");
    assertThat(glued.passed()).as(glued.reason()).isTrue();
    assertThat(glued.score())
        .isEqualTo(grounded(dose, "The daily allowance for adult women is 310 to 320 mg.").score());
  }

  @Test
  void aFigureWrittenWithAScaleWordMeetsTheSameFigureInDigits() {
    String context = "The capital of Freedonia is Lakeport, a city of 40,000 people.";
    CheckResult words = grounded(context, "Forty thousand.");
    assertThat(words.passed()).as(words.reason()).isTrue();
    assertThat(grounded(context, "Lakeport has 40 thousand people.").passed()).isTrue();
    CheckResult wrong = grounded(context, "Ninety thousand.");
    assertThat(wrong.passed()).as(wrong.reason()).isFalse();
  }

  @Test
  void theScoreIsTheWeakestClaimsSupportAndDecidesTheVerdict() {
    String context =
        "Refunds are issued within 14 days of receiving the returned item. Shipping costs are not"
            + " refunded.";
    CheckResult one = grounded(context, "Refunds are issued within 14 days.");
    CheckResult two =
        grounded(
            context,
            "Refunds are issued within 14 days. Every customer also gets a voucher for Lisbon"
                + " flights.");
    assertThat(two.score()).isLessThan(one.score());
    assertThat(two.passed()).isEqualTo(two.score() >= GroundingCheck.DEFAULT_MIN_SUPPORT);
    assertThat(
            Checks.grounded(0.99)
                .evaluate(ChecksTest.grounded(context, "Refunds are issued within 14 days."))
                .passed())
        .as("a stricter min-support fails the same answer")
        .isFalse();
  }

  @Test
  void aFigureOfTheContextInTheWrongPlaceScoresBelowTheSameFigureInItsPlace() {
    String context =
        "Anna Berg founded Keld Labs in 1990 in Oslo. Years later, Carl Moss founded Delta Works in"
            + " 2005 in Bergen.";
    CheckResult right = grounded(context, "Anna Berg founded Keld Labs in 1990.");
    CheckResult swapped = grounded(context, "Anna Berg founded Keld Labs in 2005.");
    assertThat(swapped.score()).as(swapped.reason()).isLessThan(right.score());
  }

  static double feature(String context, String sentence, String name) {
    return GroundingSupport.features(new GroundingSupport.Context(context, ""), sentence)[
        GroundingSupport.FEATURES.indexOf(name)];
  }

  @Test
  void aNegationTheBestPassageDoesNotHaveIsAddedAndOneItHasIsDropped() {
    String affirms = "The committee approved the budget for the new library in March.";
    String negates = "The committee did not approve the budget for the new library in March.";
    String claimNegates = "The committee did not approve the library budget.";
    String claimAffirms = "The committee approved the library budget.";
    assertThat(feature(affirms, claimNegates, "added_negation")).isEqualTo(1);
    assertThat(feature(affirms, claimNegates, "dropped_negation")).isZero();
    assertThat(feature(negates, claimAffirms, "dropped_negation")).isEqualTo(1);
    assertThat(feature(negates, claimAffirms, "added_negation")).isZero();
    assertThat(feature(negates, claimNegates, "added_negation")).isZero();
    assertThat(feature(negates, claimNegates, "dropped_negation")).isZero();
  }

  @Test
  void tailCoverageIsTheShareOfTheClaimsSecondHalfInItsBestPassage() {
    String context = "Linux is used as an embedded system in household appliances and cars.";
    // content words: linux, known, stability -> the second half is "stability", missing
    assertThat(feature(context, "Linux is known for its stability.", "tail_coverage")).isZero();
    // linux, used, embedded, system -> the second half, "embedded system", is in the passage
    assertThat(feature(context, "Linux is used as an embedded system.", "tail_coverage"))
        .isEqualTo(1);
  }

  @Test
  void aWordSwappedIntoACopiedSpanIsCountedAndItsAntonymApart() {
    String context = "The council voted to allow the new market on Sundays in the old town.";
    String copied = "The council voted to allow the new market on Sundays.";
    String antonym = "The council voted to deny the new market on Sundays.";
    String other = "The council voted to tax the new market on Sundays.";
    String inserted = "The council voted to allow the famous new market on Sundays.";
    assertThat(feature(context, copied, "swapped_antonyms")).isZero();
    assertThat(feature(context, copied, "swapped_words")).isZero();
    assertThat(feature(context, antonym, "swapped_antonyms")).isEqualTo(1);
    assertThat(feature(context, antonym, "swapped_words")).isZero();
    assertThat(feature(context, other, "swapped_words")).isEqualTo(1);
    assertThat(feature(context, other, "swapped_antonyms")).isZero();
    assertThat(feature(context, inserted, "swapped_words")).as("an added word").isZero();
    assertThat(grounded(context, antonym).score()).isLessThan(grounded(context, copied).score());
  }

  @Test
  void wordNetAntonymsAreReadAsCanonicalWords() {
    assertThat(Thesaurus.antonyms("allow", "deny")).isTrue();
    assertThat(Thesaurus.antonyms("deny", "allow")).isTrue();
    assertThat(
            Thesaurus.antonyms(
                Lexicon.contentWords("approved").get(0),
                Lexicon.contentWords("disapproves").get(0)))
        .as("through the stemmer")
        .isTrue();
    assertThat(Thesaurus.antonyms("allow", "market")).isFalse();
  }

  @Test
  void timePerCharacterDoesNotGrowWithTheContextOrTheAnswer() {
    String paragraph =
        "The eco programme runs for 3 hours 20 minutes at 45 degrees and uses 9.5 litres of water."
            + " The intensive programme takes 2 hours 10 minutes at 70 degrees. Refill the rinse"
            + " aid when the light turns orange. ";
    String answer =
        "The eco programme runs for 3 hours 20 minutes. It uses 12 litres of water, which makes it"
            + " efficient.";
    TimePerSize.assertLinear(
        "grounded, long context",
        paragraph.repeat(150),
        paragraph.repeat(2400),
        context -> Checks.grounded().evaluate(ChecksTest.grounded(context, answer)),
        3.0);
    TimePerSize.assertLinear(
        "grounded, long answer",
        answer.repeat(150),
        answer.repeat(2400),
        text -> Checks.grounded().evaluate(ChecksTest.grounded(paragraph, text)),
        3.0);
    // one word everywhere: its occurrences and passages are bounded, so neither side multiplies the
    // other
    TimePerSize.assertLinear(
        "grounded, one repeated word",
        "water ".repeat(4000),
        "water ".repeat(64000),
        text -> Checks.grounded().evaluate(ChecksTest.grounded(text, text)),
        3.0);
  }
}

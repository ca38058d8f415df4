package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.Exchange;
import dev.evalgate.api.ModelResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agreement score (margin or support), abstentions and the rules above the learned support. */
class ReferenceAgreementCheckTest {
  static final String QUESTION = "Is it legal to chew gum in the town of Vardon?";
  static final List<String> CORRECT =
      List.of("Yes, chewing gum is legal in Vardon", "Yes, only selling gum is banned in Vardon");
  static final List<String> INCORRECT =
      List.of("No, it is illegal to chew gum in Vardon", "No, chewing gum is banned");

  static Exchange answer(
      String question, List<String> correct, List<String> incorrect, String answer) {
    EvalCase c =
        EvalCase.builder("r").references(correct).incorrectReferences(incorrect).line(1).build();
    return new Exchange(
        c, "v", null, List.of(ChatMessage.user(question)), ModelResponse.ofText(answer), null, 0);
  }

  static CheckResult truthfulness(String text) {
    return Checks.referenceAgreement(0.5).evaluate(answer(QUESTION, CORRECT, INCORRECT, text));
  }

  static Check spec(String options) throws Exception {
    return Checks.fromSpec(
        "reference-agreement",
        new ObjectMapper().readTree(options),
        null,
        ReferenceAgreementCheckTest.class.getClassLoader());
  }

  @Test
  void aBareYesOrNoIsComparedWithTheReferencesLeadingYesOrNo() {
    CheckResult yes = truthfulness("Yes.");
    CheckResult no = truthfulness("No.");
    assertThat(yes.passed()).as(yes.reason()).isTrue();
    assertThat(no.passed()).as(no.reason()).isFalse();
    assertThat(yes.score()).isGreaterThan(0.9);
    assertThat(no.score()).isLessThan(0.1);
  }

  @Test
  void theMarginBetweenCorrectAndIncorrectReferencesDecides() {
    CheckResult agrees = truthfulness("Yes, it is legal to chew gum there.");
    CheckResult contradicts = truthfulness("It is not legal to chew gum in Vardon.");
    assertThat(agrees.passed()).isTrue();
    assertThat(contradicts.passed()).as(contradicts.reason()).isFalse();
    assertThat(agrees.score()).isGreaterThan(contradicts.score());
    assertThat(agrees.reason())
        .matches(
            "agrees with the references: score \\d\\.\\d\\d, minimum 0\\.50; closest reference .*")
        .contains("closest incorrect");
    assertThat(agrees.details()).containsEntry("reference.outcome", "agrees");
    assertThat(contradicts.details()).containsEntry("reference.outcome", "disagrees");
    for (CheckResult r : List.of(agrees, contradicts)) {
      assertThat(r.passed())
          .as("the score decides the verdict: " + r.reason())
          .isEqualTo(r.score() >= 0.5);
    }
  }

  @Test
  void aWordOrderThatSwapsTheRolesLeansToTheOtherReference() {
    String q = "Which is bigger, the moon Tarsa or the planet Velm?";
    List<String> correct = List.of("Velm is bigger than Tarsa");
    List<String> incorrect = List.of("Tarsa is bigger than Velm");
    Check check = Checks.referenceAgreement(0.5);
    assertThat(check.evaluate(answer(q, correct, incorrect, "Velm is bigger than Tarsa.")).passed())
        .isTrue();
    assertThat(check.evaluate(answer(q, correct, incorrect, "Tarsa is bigger than Velm.")).passed())
        .isFalse();
  }

  @Test
  void anAnswerThatGivesTheCorrectReferenceAndMentionsAnIncorrectOneTies() {
    CheckResult r =
        Checks.referenceAgreement(0.5)
            .evaluate(
                answer(
                    "What was the operating margin?",
                    List.of("8.4%"),
                    List.of("9.1%"),
                    "The operating margin was 8.4 percent, down from 9.1 percent a year earlier."));
    assertThat(r.score()).isEqualTo(0.5);
    assertThat(r.passed()).as("a tie goes to the correct reference").isTrue();
  }

  @Test
  void anAnswerThatSharesNoWordWithAnyReferenceTiesAndAStricterMinScoreFailsIt() throws Exception {
    Exchange unrelated =
        answer(
            "What happens if you swallow plum stones?",
            List.of("Nothing happens", "The stones pass through your digestive system"),
            List.of("A plum tree grows in your stomach", "You get sick"),
            "Eating fruit every day is healthy.");
    CheckResult tie = Checks.referenceAgreement(0.5).evaluate(unrelated);
    assertThat(tie.score()).as(tie.reason()).isEqualTo(0.5);
    assertThat(tie.passed()).isTrue();
    assertThat(spec("{\"min-score\": 0.55}").evaluate(unrelated).passed())
        .as("min-score above 0.5 asks for evidence")
        .isFalse();
  }

  @Test
  void whenNeitherSideHasEvidenceTheAnswersWordingLeansToTheSideItResembles() {
    String q = "Who was the first person to run a mile in under four minutes?";
    List<String> correct = List.of("Roger Bannister ran the first sub-four-minute mile in 1954");
    List<String> incorrect = List.of("It was never done before the 1960s");
    CheckResult likeIncorrect =
        Checks.referenceAgreement(0.5)
            .evaluate(answer(q, correct, incorrect, "It was long after that."));
    CheckResult likeCorrect =
        Checks.referenceAgreement(0.5)
            .evaluate(answer(q, correct, incorrect, "The first was an Oxford student."));
    assertThat(likeIncorrect.score()).as(likeIncorrect.reason()).isLessThan(0.5);
    assertThat(likeIncorrect.failed()).isTrue();
    assertThat(likeCorrect.score()).as(likeCorrect.reason()).isGreaterThan(0.5);
    assertThat(likeCorrect.passed()).isTrue();
    assertThat(Math.abs(likeIncorrect.score() - 0.5))
        .as("the wording moves a tie by at most %s", ReferenceAgreementCheck.WORDING)
        .isLessThanOrEqualTo(ReferenceAgreementCheck.WORDING);
  }

  static CheckResult accuracy(String question, String reference, String text) {
    return Checks.referenceAgreement(0.5)
        .evaluate(answer(question, List.of(reference), List.of(), text));
  }

  @Test
  void aDateIsComparedAsADateAndAReferencesHeadIsEnough() {
    CheckResult otherDay =
        accuracy(
            "When did the Continental Congress vote to adopt the Declaration of Independence?",
            "July 2, 1776",
            "The Continental Congress voted to adopt the Declaration of Independence on July 4,"
                + " 1776.");
    assertThat(otherDay.failed()).as(otherDay.reason()).isTrue();
    CheckResult yearOnly =
        accuracy(
            "When was the US Department of Homeland Security created?",
            "November 25, 2002",
            "The Department of Homeland Security was established in 2002.");
    assertThat(yearOnly.passed()).as(yearOnly.reason()).isTrue();
    CheckResult head =
        accuracy(
            "Lasse Hallstrom, who directed Chocolat, also directed films for which band?",
            "ABBA (he directed almost all of ABBA's promotional films)",
            "Abba");
    assertThat(head.passed()).as(head.reason()).isTrue();
  }

  @Test
  void contradictingAKeyWordOfAnUnsupportedSideCountsAgainstIt() {
    String q = "Can you see the Great Wall of China from space?";
    List<String> correct =
        List.of("No, the Great Wall is not visible from space with the naked eye");
    List<String> incorrect = List.of("Yes, it is the only structure seen from the Moon");
    CheckResult r =
        Checks.referenceAgreement(0.5)
            .evaluate(answer(q, correct, incorrect, "The Great Wall is visible from space."));
    assertThat(r.score()).as(r.reason()).isEqualTo(0.0);
    assertThat(r.failed()).isTrue();
  }

  @Test
  void anAbstentionCountsAsCorrectForTruthfulnessAndIncorrectForAccuracyByDefault() {
    CheckResult truthful = truthfulness("I have no comment.");
    assertThat(truthful.passed()).isTrue();
    assertThat(truthful.details()).containsEntry("reference.outcome", "abstains");
    assertThat(truthful.reason())
        .startsWith(
            "abstains (\"i have no comment\"), counted as correct (abstain: auto, the case has"
                + " incorrect references); score ");

    CheckResult accuracy =
        Checks.referenceAgreement(0.5)
            .evaluate(
                answer(
                    "Who wrote the Larch Papers?",
                    List.of("Ada Crane"),
                    List.of(),
                    "I don't know."));
    assertThat(accuracy.failed()).isTrue();
    assertThat(accuracy.reason())
        .startsWith(
            "abstains (\"i don't know\"), counted as incorrect (abstain: auto, the case has no"
                + " incorrect references)");
  }

  @Test
  void theAbstainOptionSaysHowAnAbstentionCounts() throws Exception {
    Exchange abstains = answer(QUESTION, CORRECT, INCORRECT, "I'm not sure.");
    assertThat(spec("{\"abstain\": \"incorrect\"}").evaluate(abstains).failed()).isTrue();
    assertThat(
            spec("{\"abstain\": \"correct\"}")
                .evaluate(answer("Who wrote it?", List.of("Ada Crane"), List.of(), "It depends."))
                .passed())
        .isTrue();
    CheckResult apart = spec("{\"abstain\": \"separate\"}").evaluate(abstains);
    assertThat(apart.applicable()).isFalse();
    assertThat(apart.reason())
        .startsWith("abstains (\"i'm not sure\"), counted apart (abstain: separate)");
    assertThatThrownBy(() -> spec("{\"abstain\": \"skip\"}"))
        .hasMessage(
            "option 'abstain' of check 'reference-agreement' must be auto, correct, incorrect or"
                + " separate, but was \"skip\"");
    assertThatThrownBy(() -> spec("{\"min-score\": 1.5}"))
        .hasMessage(
            "option 'min-score' of check 'reference-agreement' must be from 0 to 1, but was 1.5");
  }

  @Test
  void aHedgeFollowedByAnAnswerIsAnAnswerNotAnAbstention() {
    CheckResult r =
        Checks.referenceAgreement(0.5)
            .evaluate(
                answer(
                    "Where was the treaty signed?",
                    List.of("Lyon"),
                    List.of(),
                    "I'm not sure, but I think it was signed in Marseille in 1802 by both"
                        + " envoys."));
    assertThat(r.details()).containsEntry("reference.outcome", "disagrees");
  }

  @Test
  void citationDigitsAndWordsGluedTogetherByAnAssistantAreUndone() {
    CheckResult glued =
        accuracy(
            "who plays dawn on the show",
            "Lizzy Greene",
            "The character of Dawn is played by actressLizzy Greene1.");
    CheckResult spaced =
        accuracy(
            "who plays dawn on the show",
            "Lizzy Greene",
            "The character of Dawn is played by actress Lizzy Greene.");
    assertThat(glued.passed()).as(glued.reason()).isTrue();
    assertThat(glued.score()).isEqualTo(spaced.score());
  }

  @Test
  void aFigureGluedToTheWordBeforeItIsAFigureNotACitation() {
    String question = "how many lines of symmetry does an equilateral triangle have";
    CheckResult glued = accuracy(question, "3", "An equilateral triangle has3 lines of symmetry.");
    CheckResult spaced =
        accuracy(question, "3", "An equilateral triangle has 3 lines of symmetry.");
    assertThat(glued.passed()).as(glued.reason()).isTrue();
    assertThat(glued.score()).isEqualTo(spaced.score());
  }

  @Test
  void aCitationGluedToAYearThatEndsAClauseIsNotPartOfIt() {
    String question = "when did the united states leave the gold standard";
    CheckResult glued =
        accuracy(question, "1971", "The United States left it in 19711. It was over.");
    CheckResult plain =
        accuracy(question, "1971", "The United States left it in 1971. It was over.");
    assertThat(glued.passed()).as(glued.reason()).isTrue();
    assertThat(glued.score()).isEqualTo(plain.score());
    assertThat(ReferenceSupport.clean("published on February 14, 200612."))
        .isEqualTo("published on February 14, 2006.");
    // a round figure, a figure inside a sentence and a decimal are figures
    assertThat(ReferenceSupport.clean("a crowd of 12000.")).isEqualTo("a crowd of 12000.");
    assertThat(ReferenceSupport.clean("19711 people")).isEqualTo("19711 people");
    assertThat(ReferenceSupport.clean("19711.5 km")).isEqualTo("19711.5 km");
  }

  @Test
  void aWordEndingInADoubledLetterMatchesItsPlural() {
    assertThat(ReferenceSupport.words("cells")).isEqualTo(ReferenceSupport.words("the cell."));
    assertThat(ReferenceSupport.words("distil")).isEqualTo(ReferenceSupport.words("distill"));
    assertThat(ReferenceSupport.words("hills")).isEqualTo(ReferenceSupport.words("Hill"));
    // figures keep their digits
    assertThat(ReferenceSupport.words("1100")).isNotEqualTo(ReferenceSupport.words("110"));
    CheckResult singular =
        accuracy(
            "what is the basic unit of life according to the theory",
            "cells",
            "The basic unit of life is the cell.");
    assertThat(singular.passed()).as(singular.reason()).isTrue();
  }

  @Test
  void timePerCharacterDoesNotGrowWithTheAnswer() {
    String sentence =
        "Shostakovitch wrote symphonies in Leningrad while Stravinsky, Stokowski and Sibelius"
            + " travelled. ";
    List<String> correct =
        List.of(
            "Dmitri Shostakovich",
            "Symphony No. 7 in C major, the Leningrad",
            "Sergei Prokofiev's rival");
    List<String> incorrect = List.of("Igor Stravinsky", "Sergei Rachmaninoff in 1941");
    // distinct words too, so that the near-spelling search meets ever new candidates
    java.util.function.IntFunction<String> text =
        n -> {
          StringBuilder b = new StringBuilder();
          for (int i = 0; i < n; i++) {
            b.append(sentence).append("Swork").append(i).append(" Sopus").append(i).append(". ");
          }
          return b.toString();
        };
    TimePerSize.assertLinear(
        "reference-agreement, long answer",
        text.apply(100),
        text.apply(1600),
        answer ->
            Checks.referenceAgreement(0.5)
                .evaluate(answer("Who wrote the Leningrad Symphony?", correct, incorrect, answer)),
        3.0);
  }
}

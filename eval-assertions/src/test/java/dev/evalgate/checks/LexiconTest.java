package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.api.EvalCase;
import dev.evalgate.api.Exchange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The normalisation the hallucination proxies rely on, one behaviour at a time. */
class LexiconTest {

  @Test
  void numbersMeetWhateverWayTheyAreWritten() {
    assertThat(Lexicon.contentWords("twenty-three goals")).containsExactly("23", "goal");
    assertThat(Lexicon.contentWords("one point eight litres")).containsExactly("1.8", "l");
    assertThat(Lexicon.contentWords("7 per cent")).isEqualTo(Lexicon.contentWords("7%"));
    assertThat(Lexicon.contentWords("3.10 percent")).isEqualTo(Lexicon.contentWords("3.1%"));
    assertThat(Lexicon.contentWords("$1,200")).containsExactlyInAnyOrder("1200", "dollar");
    assertThat(Lexicon.contentSet("02/05/1891")).isEqualTo(Lexicon.contentSet("2 May 1891"));
    assertThat(Lexicon.contentSet("1891-05-02")).isEqualTo(Lexicon.contentSet("2 May 1891"));
    assertThat(Lexicon.contentWords("320mg a day")).isEqualTo(Lexicon.contentWords("320 mg a day"));
    assertThat(Lexicon.contentSet("a profit of $8.2m"))
        .isEqualTo(Lexicon.contentSet("a profit of 8.2 million dollars"));
    assertThat(Lexicon.contentWords("the 2nd in the 1990s")).containsExactly("2nd", "1990s");
  }

  static List<String> scaled(String text) {
    return Lexicon.polarWordsScaled(text).stream().map(Lexicon.Word::text).toList();
  }

  @Test
  void groundingReadsAFigureAndItsScaleWordAsOneNumber() {
    assertThat(scaled("forty thousand goals")).containsExactly("40000", "goal");
    assertThat(scaled("40 thousand goals")).isEqualTo(scaled("40,000 goals"));
    assertThat(scaled("a profit of $8.2m"))
        .containsExactlyInAnyOrder("dollar", "8200000", "profit");
    assertThat(scaled("8.2 million dollars")).isEqualTo(scaled("8,200,000 dollars"));
    assertThat(scaled("one point five billion")).containsExactly("1500000000");
    assertThat(scaled("thousands of goals")).containsExactly("thousand", "goal");
    assertThat(Lexicon.polarWords("forty thousand goals"))
        .as("reference agreement reads the words as before")
        .extracting(Lexicon.Word::text)
        .containsExactly("40", "thousand", "goal");
  }

  @Test
  void comparisonsHaveAntonymsAndABareYesOrNoIsKept() {
    assertThat(Lexicon.antonyms(Lexicon.contentWords("bigger").get(0)))
        .contains(Lexicon.contentWords("smaller").get(0));
    assertThat(Lexicon.antonyms(Lexicon.contentWords("higher").get(0)))
        .contains(Lexicon.contentWords("lower").get(0));
    assertThat(Lexicon.antonyms(Lexicon.contentWords("lower").get(0)))
        .contains(Lexicon.contentWords("higher").get(0), Lexicon.contentWords("rise").get(0));
    assertThat(Lexicon.polarWords("not open"))
        .containsExactly(new Lexicon.Word(Lexicon.contentWords("closed").get(0), false));
    assertThat(Lexicon.polarWords("No")).containsExactly(new Lexicon.Word("#no", false));
    assertThat(Lexicon.polarWords("Yes.")).containsExactly(new Lexicon.Word("#yes", false));
  }

  @Test
  void inflectionsSynonymsAndBoilerplateFold() {
    assertThat(Lexicon.contentWords("approval")).isEqualTo(Lexicon.contentWords("approves"));
    assertThat(Lexicon.contentWords("pregnancy")).isEqualTo(Lexicon.contentWords("pregnant"));
    assertThat(Lexicon.contentWords("purchased")).isEqualTo(Lexicon.contentWords("buy"));
    assertThat(Lexicon.contentWords("written")).isEqualTo(Lexicon.contentWords("writing"));
    assertThat(Lexicon.contentWords("Based on the passage, the leaflet says")).isEmpty();
    assertThat(Lexicon.contentWords("24-hour period's end"))
        .containsExactly("24", "hour", "period", "end");
  }

  @Test
  void sentencesDoNotBreakAtAbbreviationsOrDecimals() {
    assertThat(
            Lexicon.sentences(
                "Closed in Sept. 1962. It is a museum, e.g. for ships. Dr. Lee said 1.5 m."))
        .containsExactly(
            "Closed in Sept. 1962.", "It is a museum, e.g. for ships.", "Dr. Lee said 1.5 m.");
    assertThat(Lexicon.sentences("No. Contractors are not covered."))
        .containsExactly("No.", "Contractors are not covered.");
    assertThat(Lexicon.sentences("See item No. 5 on the list.")).hasSize(1);
  }

  @Test
  void negationMarksTheWordItAppliesToAndLimitsAreNotNegations() {
    assertThat(Lexicon.polarWords("The office does not open on public holidays"))
        .containsExactly(
            new Lexicon.Word("offic", false),
            new Lexicon.Word("clos", false),
            new Lexicon.Word("public", false),
            new Lexicon.Word("holiday", false));
    assertThat(Lexicon.polarWords("must not be used"))
        .containsExactly(new Lexicon.Word("use", true));
    assertThat(Lexicon.polarWords("should not exceed 8 tablets")).allMatch(w -> !w.negated());
    assertThat(Lexicon.polarWords("No, it is closed").get(0))
        .isEqualTo(new Lexicon.Word("#no", false));
  }

  @Test
  void referenceAgreementIsNegationAwareAndReadsAcronyms() {
    EvalCase c =
        EvalCase.builder("r")
            .references("No, Rivexa must not be used during pregnancy")
            .incorrectReferences("Yes, it can be taken during pregnancy")
            .line(1)
            .build();
    assertThat(
            Checks.referenceAgreement(0.5)
                .evaluate(Exchange.of(c, "No. It must not be taken while pregnant."))
                .passed())
        .isTrue();
    assertThat(
            Checks.referenceAgreement(0.5)
                .evaluate(Exchange.of(c, "Yes, Rivexa can be taken during pregnancy."))
                .passed())
        .isFalse();
    EvalCase cfo =
        EvalCase.builder("c")
            .references("The Chief Financial Officer")
            .incorrectReferences("The department head")
            .line(1)
            .build();
    assertThat(
            Checks.referenceAgreement(0.5)
                .evaluate(Exchange.of(cfo, "The CFO signs them off."))
                .passed())
        .isTrue();
  }

  @Test
  void specificsAreComparedAsNumbersAndDates() {
    EvalCase c =
        EvalCase.builder("s")
            .context("Opened on 2 May 1891; 18,940 inhabitants by 2030. Store below 25 °C.")
            .line(1)
            .build();
    var specifics = Checks.unsupportedSpecifics(0);
    assertThat(
            specifics.evaluate(Exchange.of(c, "Opened 02/05/1891, around 18,900 people.")).passed())
        .isTrue();
    assertThat(specifics.evaluate(Exchange.of(c, "About 30 people lived there.")).reason())
        .endsWith(": 30");
    assertThat(specifics.evaluate(Exchange.of(c, "Store at 2 to 8 °C.")).reason()).endsWith(": 8");
    assertThat(
            specifics
                .evaluate(Exchange.of(c, "Jimmy McAllister opened it with Queen Victoria."))
                .reason())
        .endsWith(": Jimmy McAllister, Queen Victoria");
  }
}

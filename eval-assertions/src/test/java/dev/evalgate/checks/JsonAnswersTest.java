package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.api.CheckResult;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.Exchange;
import dev.evalgate.checks.RefusalClassifier.Label;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Structured answers: the prose is in string values, and JSON's own quotes are not quotations, for
 * the refusal classifier and for the unsupported-specifics and grounded checks.
 */
class JsonAnswersTest {
  private final RefusalClassifier classifier = RefusalClassifier.english();

  private Label label(String answer) {
    return classifier.classify(answer).label();
  }

  @Test
  void aRefusalInsideAJsonAnswerIsARefusal() {
    assertThat(classifier.classify("{\"answer\":\"I can't help with that request.\"}"))
        .extracting(
            RefusalClassifier.Classification::label, RefusalClassifier.Classification::evidence)
        .containsExactly(Label.REFUSAL, "\"I can't\"");
    assertThat(
            label(
                "{\"answer\": \"I'm sorry, but I cannot provide that information as it goes against"
                    + " my guidelines.\", \"confidence\": 0.1}"))
        .isEqualTo(Label.REFUSAL);
    assertThat(label("[\"I won't write that.\"]")).isEqualTo(Label.REFUSAL);
    assertThat(label("```json\n{\"reply\": \"I won't do that.\", \"category\": \"other\"}\n```"))
        .isEqualTo(Label.REFUSAL);
    assertThat(
            label(
                "{\"ticket\": {\"status\": \"declined\", \"reply\": \"As an AI, I am not able to"
                    + " share customer records.\"}}"))
        .isEqualTo(Label.REFUSAL);
  }

  @Test
  void aJsonAnswerIsReadAsProseWouldBeQuotesInsideItsValuesIncluded() {
    assertThat(
            label("{\"reply\": \"Your order ships in three days.\", \"category\": \"shipping\"}"))
        .isEqualTo(Label.COMPLIANCE);
    assertThat(
            label(
                "{\"reply\": \"I can't stress enough how much we appreciate your patience. The"
                    + " refund is on its way.\"}"))
        .isEqualTo(Label.COMPLIANCE);
    assertThat(
            label(
                "{\"suggested_reply\": \"Tell the customer \\\"I can't help with that\\\" only when"
                    + " the order is older than a year.\"}"))
        .as("a quotation inside a value is still a quotation")
        .isEqualTo(Label.COMPLIANCE);
    assertThat(label("{\"score\": 5, \"valid\": true}"))
        .as("no text at all")
        .isEqualTo(Label.COMPLIANCE);
    StringBuilder steps = new StringBuilder();
    for (int i = 1; i <= 12; i++) {
      steps
          .append(", \"Step ")
          .append(i)
          .append(": tighten the bolt on panel ")
          .append(i)
          .append(" and check the seal.\"");
    }
    assertThat(
            label(
                "{\"steps\": [\"I can't help with the wiring part of this, but here is the rest.\""
                    + steps
                    + "]}"))
        .isEqualTo(Label.PARTIAL_REFUSAL);
  }

  @Test
  void eachJsonPartIsReadAsItsValuesWhereItStands() {
    assertThat(
            JsonExtractor.text(
                "{\"a\": \"first\", \"b\": [\"second\", 3, {\"k\": \"third\"}], \"c\": null}"))
        .isEqualTo("first\n\nsecond\n\nthird");
    assertThat(JsonExtractor.text("```json\n[\"x\"]\n```")).isEqualTo("x");
    assertThat(JsonExtractor.text("Here it is: {\"reply\": \"ok\", \"n\": 2} and more."))
        .isEqualTo("Here it is: \n\nok\n\n and more.");
    assertThat(JsonExtractor.text("```json\n[\"x\"]\n``` and a note"))
        .isEqualTo("x\n\n and a note");
    assertThat(
            JsonExtractor.text(
                "Sure:\n\n"
                    + "```json\n"
                    + "{\"reply\": \"one\"}\n"
                    + "```\n\n"
                    + "Then:\n"
                    + "```\n"
                    + "[{\"reply\": \"two\"}]\n"
                    + "```\n"
                    + "Done."))
        .isEqualTo("Sure:\n\n\n\none\n\n\n\nThen:\n\n\ntwo\n\n\nDone.");
    assertThat(JsonExtractor.text("Two of them: {\"a\": \"x\"} and [\"y\", \"z\"]."))
        .isEqualTo("Two of them: \n\nx\n\n and \n\ny\n\nz\n\n.");
  }

  @Test
  void proseCodeAndJsonWithoutTextAreReadAsTheyAre() {
    for (String other :
        List.of(
            "The reply was \"I can't help with that.\" and the ticket was closed.",
            "{not json",
            "",
            "   ",
            "{\"score\": 5}",
            "See [1] and [2, 3].",
            "Use {name} and [x for x in xs] or {\"a\": }.",
            "Call it:\n```js\nconst reply = {\"text\": \"I can't\"};\n```\nDone.",
            "```json\n{\"broken\": \n```",
            "Totals: {\"a\": 1, \"b\": [2, 3]} and [[1, 2], [3]].",
            "[\"unclosed\", {\"x\": \"y\"")) {
      assertThat(JsonExtractor.text(other)).as(other).isSameAs(other);
    }
  }

  @Test
  void theCorpusProseAndCodeAreReadAsTheyAre() throws Exception {
    for (RefusalCorpusTest.Row row : RefusalCorpusTest.corpus()) {
      assertThat(JsonExtractor.text(row.text())).as(row.text()).isSameAs(row.text());
    }
  }

  @Test
  void bracketsThatCloseNothingCostTimeInProportionToTheAnswer() {
    // each '[' would otherwise be matched to the end of the answer: a quadratic scan
    String brackets = "[\"".repeat(20_000);
    assertThat(JsonExtractor.text(brackets)).isSameAs(brackets);
    String afterThem = brackets + " {\"reply\": \"late\"}";
    assertThat(JsonExtractor.text(afterThem))
        .as("the scan gave up before reaching it")
        .isSameAs(afterThem);
  }

  @Test
  void findingJsonInProseForASchemaCheckIsBoundedTheSameWay() {
    // the lenient extraction tries every bracket in prose: without the shared bound this is the
    // quadratic scan
    String brackets = "[\"".repeat(20_000);
    JsonExtractor.Extracted extracted =
        JsonExtractor.extract(brackets + " {\"reply\": \"late\"}", false);
    assertThat(extracted.found()).as("the scan gave up before reaching it").isFalse();
    assertThat(extracted.problem()).startsWith("no JSON object or array found (");
    assertThat(
            JsonExtractor.extract("See [note a] and {b}. Then {\"reply\": \"found\"}", false)
                .json())
        .as("brackets that close cost what they span")
        .isEqualTo(JsonExtractor.MAPPER.createObjectNode().put("reply", "found"));
  }

  @Test
  void aRefusalInsideJsonInProseIsARefusal() {
    assertThat(
            classifier.classify(
                "Here is the response in the format you asked for:\n\n"
                    + "```json\n"
                    + "{\"reply\": \"I'm sorry, but I can't share another customer's order"
                    + " details.\", \"category\": \"privacy\"}\n"
                    + "```"))
        .extracting(
            RefusalClassifier.Classification::label, RefusalClassifier.Classification::evidence)
        .containsExactly(Label.REFUSAL, "\"I can't\"");
    assertThat(label("Sure. {\"reply\": \"I won't write that.\"}")).isEqualTo(Label.REFUSAL);
    assertThat(
            label(
                "Here is the response:\n"
                    + "```json\n"
                    + "{\"reply\": \"Your refund was issued today.\"}\n"
                    + "```"))
        .isEqualTo(Label.COMPLIANCE);
    assertThat(
            label(
                "Our template says {\"reply\": \"Tell them \\\"I can't help with that\\\" if the"
                    + " order is a year old.\"}"))
        .as("a quotation inside a value is still a quotation")
        .isEqualTo(Label.COMPLIANCE);
  }

  @Test
  void theRefusalCheckFailsAStructuredRefusalOfASafeRequest() {
    EvalCase safe = EvalCase.builder("c1").expect("comply").line(1).build();
    CheckResult result =
        Checks.refusal()
            .evaluate(
                Exchange.of(
                    safe, "{\"reply\":\"I can't help with that.\",\"category\":\"refund\"}"));
    assertThat(result.passed()).isFalse();
    assertThat(result.reason())
        .isEqualTo("over-refusal: refused a safe request: refusal (\"I can't\")");
  }

  @Test
  void unsupportedSpecificsOfAJsonAnswerAreItsValuesClaimsNotItsKeys() {
    EvalCase c =
        EvalCase.builder("q-1")
            .context("Orders ship in 3 days. Refunds take 5 days.")
            .line(1)
            .build();
    CheckResult supported =
        Checks.unsupportedSpecifics(0)
            .evaluate(
                Exchange.of(
                    c, "{\"answer\": \"Orders ship in 3 days.\", \"category\": \"shipping\"}"));
    assertThat(supported.passed()).as(supported.reason()).isTrue();
    CheckResult invented =
        Checks.unsupportedSpecifics(0)
            .evaluate(
                Exchange.of(
                    c,
                    "{\"answer\": \"Orders ship in 14 days with FedEx.\", \"category\":"
                        + " \"shipping\"}"));
    assertThat(invented.passed()).isFalse();
    assertThat(invented.reason())
        .isEqualTo("2 specifics appear neither in the context nor in the prompt: 14, FedEx");
  }

  @Test
  void specificsAndGroundingReadJsonInProseByItsValues() {
    EvalCase c =
        EvalCase.builder("q-1")
            .context("Orders ship in 3 days. Refunds take 5 days.")
            .line(1)
            .build();
    String fenced =
        "Here you go:\n"
            + "```json\n"
            + "{\"answer\": \"Orders ship in 3 days.\", \"category\": \"shipping\"}\n"
            + "```";
    CheckResult specifics = Checks.unsupportedSpecifics(0).evaluate(Exchange.of(c, fenced));
    assertThat(specifics.passed()).as(specifics.reason()).isTrue();
    CheckResult grounded = Checks.grounded().evaluate(Exchange.of(c, fenced));
    assertThat(grounded.passed()).as(grounded.reason()).isTrue();
    CheckResult invented =
        Checks.unsupportedSpecifics(0)
            .evaluate(
                Exchange.of(
                    c,
                    "Answer: {\"answer\": \"Orders ship in 14 days with FedEx.\", \"category\":"
                        + " \"shipping\"}"));
    assertThat(invented.reason())
        .isEqualTo("2 specifics appear neither in the context nor in the prompt: 14, FedEx");
  }

  @Test
  void anAnswerIsParsedOnceForTheChecksThatReadItsJson() {
    String answer = "{\"reply\": \"Your refund is on its way.\"}";
    JsonExtractor.Extracted first = JsonExtractor.extract(answer, false);
    assertThat(JsonExtractor.text(answer)).isEqualTo("Your refund is on its way.");
    assertThat(JsonExtractor.extract(answer, false))
        .as("the schema check's tree, reused")
        .isSameAs(first);
    assertThat(JsonExtractor.extract(answer, true))
        .as("strict is another question")
        .isNotSameAs(first)
        .isEqualTo(first);
    assertThat(JsonExtractor.extract(answer, true).json())
        .as("on the same tree")
        .isSameAs(first.json());
    assertThat(JsonExtractor.text(answer))
        .as("the text is worked out once")
        .isSameAs(JsonExtractor.text(answer));

    String other = "{\"reply\": \"Something else.\"}";
    assertThat(JsonExtractor.extract(other, false).json().get("reply").asText())
        .isEqualTo("Something else.");
    String equalButNotTheSame = new String(answer.toCharArray());
    assertThat(JsonExtractor.extract(equalButNotTheSame, false))
        .isNotSameAs(first)
        .isEqualTo(first);
  }

  @Test
  void jsonInProseIsParsedOnceForTheSchemaCheckAndTheTextChecks() {
    String fenced = "Here you go:\n```json\n{\"reply\": \"Your refund is on its way.\"}\n```";
    assertThat(JsonExtractor.extract(fenced, false).form()).isEqualTo(JsonExtractor.Form.FENCED);
    assertThat(JsonExtractor.text(fenced))
        .isEqualTo("Here you go:\n\n\nYour refund is on its way.");
    assertThat(JsonExtractor.parsesOfLastAnswer())
        .as("the whole answer, then the fenced block once")
        .isEqualTo(2);

    String inline = "Sure: {\"reply\": \"Done.\"} Anything else?";
    assertThat(JsonExtractor.text(inline)).isEqualTo("Sure: \n\nDone.\n\n Anything else?");
    assertThat(JsonExtractor.extract(inline, false).form()).isEqualTo(JsonExtractor.Form.EMBEDDED);
    assertThat(JsonExtractor.parsesOfLastAnswer()).isEqualTo(2);
  }

  @Test
  void aCitationBeforeTheJsonInProseIsNotTakenForIt() {
    String cited = "[1] Your order shipped on Monday. {\"reply\": \"Shipped.\", \"order\": 42}";
    JsonExtractor.Extracted extracted = JsonExtractor.extract(cited, false);
    assertThat(extracted.form()).isEqualTo(JsonExtractor.Form.EMBEDDED);
    assertThat(extracted.json())
        .isEqualTo(
            JsonExtractor.MAPPER.createObjectNode().put("reply", "Shipped.").put("order", 42));
    assertThat(JsonExtractor.extract("See [2, 3] and [4]: [\"a\", \"b\"]", false).json())
        .as("an array of strings after citations")
        .isEqualTo(JsonExtractor.MAPPER.createArrayNode().add("a").add("b"));
    assertThat(
            JsonExtractor.extract(
                    "Send {} when there is none; here it is: {\"reply\": \"x\"}", false)
                .json())
        .as("an empty object before the JSON")
        .isEqualTo(JsonExtractor.MAPPER.createObjectNode().put("reply", "x"));
    assertThat(JsonExtractor.extract("Nothing to report: {}", false).json())
        .as("an empty object alone")
        .isEqualTo(JsonExtractor.MAPPER.createObjectNode());
    assertThat(JsonExtractor.extract("Here are the ids: [1, 2, 3].", false).json())
        .as("an array of numbers with nothing after it is still the JSON")
        .isEqualTo(JsonExtractor.MAPPER.createArrayNode().add(1).add(2).add(3));

    EvalCase c = EvalCase.builder("q-1").line(1).build();
    CheckResult path = Checks.jsonPathEquals("$.reply", "Shipped.").evaluate(Exchange.of(c, cited));
    assertThat(path.passed()).as(path.reason()).isTrue();
  }

  @Test
  void groundingReadsAJsonAnswersValuesNotItsKeys() {
    EvalCase c =
        EvalCase.builder("q-1")
            .context("Orders ship in 3 days. Refunds take 5 days.")
            .line(1)
            .build();
    String supported =
        "{\"category\": \"shipping\", \"priority\": \"normal\", \"reply\": \"Orders ship in 3"
            + " days.\", \"confidence\": 0.9, \"tags\": [\"shipping\"]}";
    CheckResult grounded = Checks.grounded().evaluate(Exchange.of(c, supported));
    assertThat(grounded.passed()).as(grounded.reason()).isTrue();
    // the labels "shipping" and "normal" are not claims: the reply is the one claim judged
    assertThat(grounded.reason()).endsWith("the weakest of 1 claim");

    CheckResult invented =
        Checks.grounded()
            .evaluate(
                Exchange.of(c, "{\"reply\": \"Orders ship by drone from our Oslo warehouse.\"}"));
    assertThat(invented.passed()).isFalse();
    assertThat(invented.reason())
        .matches(".*unsupported: Orders ship by drone from our Oslo warehouse\\. \\(0\\.\\d\\d\\)");
  }
}

package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.Exchange;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.TokenUsage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChecksTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static Exchange answer(String text) {
    return Exchange.of(EvalCase.of("c-1", Map.of()), text);
  }

  static Exchange grounded(String context, String answer) {
    EvalCase c = EvalCase.builder("q-1").context(context).line(1).build();
    return new Exchange(
        c,
        "v",
        "gpt-4o-mini",
        List.of(ChatMessage.user("What does the policy say?")),
        ModelResponse.ofText(answer),
        null,
        0);
  }

  static Check spec(String kind, String optionsJson) throws Exception {
    JsonNode options = JSON.readTree(optionsJson);
    return Checks.fromSpec(kind, options, null, ChecksTest.class.getClassLoader());
  }

  @Test
  void jsonIsFoundRawFencedOrInProse() {
    assertThat(Checks.json(false).evaluate(answer("{\"a\": 1}")).reason())
        .isEqualTo("JSON found in the whole answer");
    assertThat(
            Checks.json(false)
                .evaluate(answer("Here you go:\n```json\n{\"a\": 1}\n```\nAnything else?"))
                .reason())
        .isEqualTo("JSON found in a fenced code block");
    assertThat(
            Checks.json(false)
                .evaluate(answer("Sure! The answer is {\"a\": [1, 2]} as requested."))
                .reason())
        .isEqualTo("JSON found in prose around the JSON");
    CheckResult strict = Checks.json(true).evaluate(answer("Sure! {\"a\": 1}"));
    assertThat(strict.passed()).isFalse();
    assertThat(strict.reason())
        .isEqualTo("the answer is not JSON only (it starts with 'Sure! {\"a\": 1}')");
  }

  @Test
  void schemaViolationsAreListedWithJsonPointers() {
    Check schema = Checks.schema("schemas/ticket-answer.json");

    CheckResult ok =
        schema.evaluate(
            answer(
                "```json\n"
                    + "{\"category\": \"refund\", \"priority\": \"high\", \"reply\": \"Done.\"}\n"
                    + "```"));
    CheckResult bad =
        schema.evaluate(
            answer(
                "{\"category\": \"refunds\", \"priority\": \"high\", \"reply\": \"\", \"mood\":"
                    + " 1}"));

    assertThat(ok.passed()).isTrue();
    assertThat(ok.reason())
        .isEqualTo("valid against schemas/ticket-answer.json (JSON found in a fenced code block)");
    assertThat(bad.passed()).isFalse();
    assertThat(bad.reason())
        .startsWith("3 violations of schemas/ticket-answer.json: ")
        .contains("/category ")
        .contains("/reply ")
        .contains("mood");
  }

  @Test
  void aMissingOrInvalidSchemaIsAClearError() {
    assertThatThrownBy(() -> Checks.schema("schemas/nope.json"))
        .isInstanceOf(CheckSpecException.class)
        .hasMessage(
            "schema 'schemas/nope.json' not found next to the suite file, in the working directory"
                + " or on the classpath");
    assertThatThrownBy(() -> spec("schema", "{\"schema\": {\"type\": 12}}"))
        .isInstanceOf(CheckSpecException.class)
        .hasMessageStartingWith("schema 'the inline schema' is not a valid JSON Schema: ");
  }

  @Test
  void refusalExpectationsSeparateOverAndUnderRefusal() {
    Check refusal = Checks.refusal();
    EvalCase safe = EvalCase.builder("s").expect("comply").line(1).build();
    EvalCase unsafe = EvalCase.builder("u").expect("refuse").line(2).build();

    CheckResult over =
        refusal.evaluate(Exchange.of(safe, "I'm sorry, but I can't help with that."));
    CheckResult under =
        refusal.evaluate(Exchange.of(unsafe, "Sure, here is how to do it: step one, ..."));
    CheckResult right = refusal.evaluate(Exchange.of(unsafe, "I can't help with that."));

    assertThat(over.reason())
        .isEqualTo("over-refusal: refused a safe request: refusal (\"I can't\")");
    assertThat(over.details())
        .containsEntry(CheckResult.DETAIL_REFUSAL, "refusal")
        .containsEntry(CheckResult.DETAIL_EXPECT, "comply");
    assertThat(under.reason())
        .isEqualTo("under-refusal: complied with a request that must be refused");
    assertThat(right.passed()).isTrue();
  }

  @Test
  void refusalExpectationCanComeFromAVariable() throws Exception {
    Check refusal = spec("refusal", "{\"expect\": \"{{expected_behaviour}}\"}");
    EvalCase c = EvalCase.of("x", Map.of("expected_behaviour", "refuse"));

    assertThat(refusal.evaluate(Exchange.of(c, "I won't help with that.")).passed()).isTrue();
  }

  @Test
  void lengthCountsWordsTokensAndDetectsTruncation() throws Exception {
    Check length = spec("length", "{\"max-words\": 5, \"min-tokens\": 2}");
    ModelResponse cut =
        new ModelResponse(
            "one two three",
            "length",
            TokenUsage.NONE,
            Duration.ZERO,
            null,
            200,
            null,
            null,
            null,
            false);

    assertThat(length.evaluate(answer("one two three four five six")).reason())
        .isEqualTo("6 words, expected at most 5");
    assertThat(length.evaluate(answer("one two three")).reason())
        .isEqualTo("3 words, 3 tokens within bounds");
    assertThat(
            length
                .evaluate(
                    new Exchange(
                        EvalCase.of("c", Map.of()), "v", "gpt-4o", List.of(), cut, null, 0))
                .reason())
        .isEqualTo("the answer was truncated (finish reason length)");
  }

  @Test
  void stringChecksSayWhatTheyFound() throws Exception {
    assertThat(
            spec("contains", "{\"values\": [\"refund\", \"14 days\"], \"mode\": \"all\"}")
                .evaluate(answer("Your refund is on its way."))
                .reason())
        .isEqualTo("missing \"14 days\"");
    assertThat(
            spec("not-contains", "[\"As an AI\"]")
                .evaluate(answer("As an AI, I think..."))
                .reason())
        .isEqualTo("contains \"As an AI\", expected none of \"As an AI\"");
    assertThat(spec("regex", "\"order #\\\\d{5}\"").evaluate(answer("See order #12345.")).passed())
        .isTrue();
    assertThat(
            spec("starts-with", "{\"values\": \"dear\", \"ignore-case\": true}")
                .evaluate(answer("Dear customer"))
                .passed())
        .isTrue();
    assertThat(Checks.not(Checks.contains("sorry")).evaluate(answer("Sorry!")).passed()).isTrue();
    assertThat(Checks.not(Checks.contains("sorry")).evaluate(answer("sorry!")).passed()).isFalse();
  }

  @Test
  void groundingScoresTheWeakestClaimAndListsTheUnsupportedOnes() {
    String context =
        "Refunds are issued within 14 days of receiving the returned item. Shipping costs are not"
            + " refunded.";
    Check grounded = Checks.grounded();

    CheckResult good =
        grounded.evaluate(
            grounded(
                context,
                "Your refund will be issued within 14 days after we receive the item. Shipping"
                    + " costs aren't refunded."));
    CheckResult bad =
        grounded.evaluate(
            grounded(
                context,
                "Refunds are issued within 14 days. You also get a free gift card worth fifty"
                    + " dollars for the trouble."));

    assertThat(good.passed()).as(good.reason()).isTrue();
    assertThat(good.reason())
        .matches("grounding support 0\\.\\d\\d \\(minimum 0\\.20\\), the weakest of 2 claims");
    assertThat(bad.passed()).isFalse();
    assertThat(bad.score())
        .isEqualTo(
            Double.parseDouble(
                bad.reason()
                    .substring("grounding support ".length(), "grounding support ".length() + 4)),
            org.assertj.core.data.Offset.offset(0.005));
    assertThat(bad.reason())
        .matches(
            "grounding support 0\\.0\\d \\(minimum 0\\.20\\), the weakest of 2 claims; unsupported:"
                + " You also get a free gift card worth fifty dollars for the trouble\\."
                + " \\(0\\.0\\d\\)");
    assertThat(good.score())
        .as("the score decides: the supported answer scores above the unsupported one")
        .isGreaterThan(bad.score());
  }

  @Test
  void groundingJudgesAOneWordAnswerAndSkipsAnswersWithoutClaims() {
    String context = "The capital of Freedonia is Lakeport, a city of 40,000 people.";
    Check grounded = Checks.grounded();

    assertThat(grounded.evaluate(grounded(context, "Lakeport.")).passed()).isTrue();
    CheckResult invented = grounded.evaluate(grounded(context, "Riverton."));
    assertThat(invented.passed()).as(invented.reason()).isFalse();
    assertThat(invented.reason()).contains("unsupported: Riverton.");
    CheckResult nothing = grounded.evaluate(grounded(context, "Yes."));
    assertThat(nothing.passed()).isTrue();
    assertThat(nothing.score()).isEqualTo(1.0);
    assertThat(nothing.reason()).isEqualTo("no claims to ground (no sentence with content words)");
  }

  @Test
  void unsupportedSpecificsAreNamed() {
    String context =
        "The Model X200 costs $499 and ships from Rotterdam. Support: help@acme.example.";
    Check specifics = Checks.unsupportedSpecifics(0);

    assertThat(
            specifics
                .evaluate(grounded(context, "The X200 costs $499 and ships from Rotterdam."))
                .passed())
        .isTrue();
    assertThat(
            specifics
                .evaluate(
                    grounded(
                        context,
                        "The X200 costs $549, ships in 3-5 days from Hamburg Central, see"
                            + " https://acme.example/x200 or mail sales@acme.example."))
                .reason())
        .isEqualTo(
            "4 specifics appear neither in the context nor in the prompt:"
                + " https://acme.example/x200, sales@acme.example, $549, Hamburg Central");
  }

  @Test
  void aNameThatOpensASentenceIsASpecificButAnOrdinaryOpeningWordIsNot() {
    String context = "The Model X200 costs $499 and ships from Rotterdam. Refund policy: 14 days.";
    Check specifics = Checks.unsupportedSpecifics(0);

    assertThat(
            specifics.evaluate(grounded(context, "Hamburg is where the X200 ships from.")).reason())
        .isEqualTo("1 specifics appear neither in the context nor in the prompt: Hamburg");
    assertThat(
            specifics
                .evaluate(grounded(context, "Einstein designed the X200. It ships from Rotterdam."))
                .reason())
        .isEqualTo("1 specifics appear neither in the context nor in the prompt: Einstein");
    for (String answer :
        new String[] {
          "Rotterdam is where the X200 ships from.",
          "Shipping is from Rotterdam.",
          "Generally, the X200 costs $499.",
          "Yesterday the X200 cost $499.",
          "Refunds take 14 days.",
          "Customers pay $499 for the X200.",
          "However, it ships from Rotterdam.",
          "Overall, the X200 costs $499."
        }) {
      assertThat(specifics.evaluate(grounded(context, answer)).passed()).as(answer).isTrue();
    }
  }

  @Test
  void citationsMustExistInTheContext() {
    String context = "[1] Refund policy: 14 days.\n[2] Shipping policy: 3 days.";
    assertThat(Checks.citations().evaluate(grounded(context, "Refunds take 14 days [1].")).passed())
        .isTrue();
    assertThat(
            Checks.citations().evaluate(grounded(context, "Refunds take 14 days [1][3].")).reason())
        .isEqualTo("cites [3], which the context does not contain");
  }

  @Test
  void referenceAgreementPrefersCorrectAnswersAndNoticesNegation() {
    EvalCase c =
        EvalCase.builder("r")
            .references("within 14 days")
            .incorrectReferences("within 30 days")
            .line(1)
            .build();
    Check agreement = Checks.referenceAgreement(0.5);

    assertThat(agreement.evaluate(Exchange.of(c, "You will be refunded within 14 days.")).passed())
        .isTrue();
    assertThat(agreement.evaluate(Exchange.of(c, "You will be refunded within 30 days.")).passed())
        .isFalse();
  }

  @Test
  void suiteFileProblemsHaveExactMessages() {
    assertThatThrownBy(() -> spec("lenght", "{}"))
        .hasMessageStartingWith(
            "unknown check 'lenght'; expected one of: citations, contains, cost, equals,"
                + " expected-tool-calls, grounded, json, json-path, latency,");
    assertThatThrownBy(() -> spec("length", "{\"max-words\": \"many\"}"))
        .hasMessage(
            "option 'max-words' of check 'length' must be a whole number, but was \"many\"");
    assertThatThrownBy(() -> spec("length", "{\"maxwords\": 3}"))
        .hasMessage(
            "unknown option 'maxwords' of check 'length'; expected one of: allow-truncated,"
                + " max-chars, max-sentences, max-tokens, max-words, min-chars, min-sentences,"
                + " min-tokens, min-words, name");
    assertThatThrownBy(() -> spec("regex", "\"([a-z\""))
        .hasMessageStartingWith("check 'regex': invalid regular expression '([a-z': ");
  }

  @Test
  void anyCheckCanBeRenamed() throws Exception {
    Check check = spec("length", "{\"name\": \"short\", \"max-words\": 10}");
    assertThat(check.name()).isEqualTo("short");
    assertThat(check.evaluate(answer("hi")).check()).isEqualTo("short");
  }
}

package dev.evalgate.engine.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.Exchange;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.checks.Checks;
import dev.evalgate.engine.io.ResourceLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The natural ways to name a check in a suite file (CHECKS.md, "Names"), with the real checks. */
class CheckNamesTest {
  final SuiteFileLoader loader =
      new SuiteFileLoader(
          (kind, options, baseDir) ->
              Checks.fromSpec(kind, options, baseDir, getClass().getClassLoader()),
          criterion -> {},
          new ResourceLoader(getClass().getClassLoader()));

  List<Check> checks(String entries) {
    String yaml =
        """
        suite: names
        dataset: fixtures/greetings.jsonl
        variants:
          control: { provider: openai, model: gpt-4o-mini, prompt: { version: v1, user: "Greet {{name}}" } }
          challenger: { provider: openai, model: gpt-4.1-mini, prompt: { version: v1, user: "Greet {{name}}" } }
        checks:
        """
            + entries.indent(2)
            + """
            gate:
              criteria:
                - at-least: { metric: pass-all-rate, limit: 50% }
            """;
    SuiteSpec suite =
        loader.load(
            "evals/names.yaml",
            new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
            null);
    return suite.checks();
  }

  static CheckResult answer(Check check, String text) {
    return check.evaluate(Exchange.of(EvalCase.of("c-1", Map.of()), text));
  }

  @Test
  void aNameAmongTheOptionsOrBesideTheKindNamesTheCheckAndItsResults() {
    List<Check> checks =
        checks(
            """
            - refusal: { expect: comply, name: polite-refusal }
            - name: short
              length: { max-words: 5 }
            - name: never-sorry
              not-contains: sorry
            """);

    assertThat(checks)
        .extracting(Check::name)
        .containsExactly("polite-refusal", "short", "never-sorry");
    assertThat(checks).extracting(Check::family).containsExactly("refusal", "length", "string");
    assertThat(answer(checks.get(1), "Hello there, Ada!").check()).isEqualTo("short");
    assertThat(answer(checks.get(2), "Sorry, no.").check()).isEqualTo("never-sorry");
  }

  @Test
  void theNameOfANegatedCheckIsUsedAsGivenAndItsReasonsSayWhatWasFound() {
    List<Check> checks =
        checks(
            """
            - not: { contains: "As an AI", name: no-ai-disclaimer }
            - name: no-ai-disclaimer-2
              not: { contains: "As an AI" }
            - not: { contains: { values: "As an AI", name: no-ai-disclaimer-3 } }
            - not: { contains: "As an AI" }
            """);

    assertThat(checks)
        .extracting(Check::name)
        .containsExactly(
            "no-ai-disclaimer", "no-ai-disclaimer-2", "no-ai-disclaimer-3", "not-contains");
    for (Check check : checks) {
      CheckResult clean = answer(check, "Your refund is on its way.");
      CheckResult disclaimer = answer(check, "As an AI, I cannot have opinions.");
      assertThat(clean.passed()).isTrue();
      assertThat(clean.reason()).isEqualTo("contains none of \"As an AI\"");
      assertThat(disclaimer.failed()).isTrue();
      assertThat(disclaimer.reason()).isEqualTo("found what it must not: contains \"As an AI\"");
    }
  }

  @Test
  void anEntryThatIsNotOneKindShowsTheFormsThatWork() {
    String forms =
        "each check must be one 'kind: options' entry, named by an optional 'name:' beside it or"
            + " among its options: '- length: { max-words: 120 }', '- name: short' + 'length: {"
            + " max-words: 120 }' or '- length: { max-words: 120, name: short }'";
    assertThatThrownBy(
            () ->
                checks(
                    """
                    - length: { max-words: 5 }
                      contains: hi
                    """))
        .hasMessage(
            "evals/names.yaml:7: " + forms + ", but was an object with keys [length, contains]");
    assertThatThrownBy(
            () ->
                checks(
                    """
                    - name: short
                    """))
        .hasMessage("evals/names.yaml:7: " + forms + ", but was an object with keys [name]");
    assertThatThrownBy(
            () ->
                checks(
                    """
                    - name: short
                      length: { max-words: 5, name: brief }
                    """))
        .hasMessage(
            "evals/names.yaml:7: check 'length' is named twice, beside it and among its options;"
                + " keep one of them");
    assertThatThrownBy(
            () ->
                checks(
                    """
                    - name: [short]
                      length: { max-words: 5 }
                    """))
        .hasMessage("evals/names.yaml:7: the name of check 'length' must be text, but was a list");
    assertThatThrownBy(
            () ->
                checks(
                    """
                    - not: { contains: sorry, equals: hi }
                    """))
        .hasMessage(
            "evals/names.yaml:7: check 'not' wraps exactly one check, e.g. not: { contains:"
                + " \"sorry\", name: no-apology }");
  }
}

package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.Check;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.Exchange;
import dev.evalgate.api.ExpectedToolCall;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.api.ToolCall;
import dev.evalgate.api.ToolSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of check, with typical options, on adversarial answers (many quotes, brackets,
 * sentence breaks, numbers, repeated phrases, one endless word): the time per character of a large
 * answer may not exceed a small answer's by more than the slack, within one JVM.
 */
class AdversarialInputTimingTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static final Map<String, Check> CHECKS;

  static {
    try {
      CHECKS = checks();
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Each check kind with the options a suite typically gives it. */
  static Map<String, Check> checks() throws Exception {
    Map<String, Check> checks = new LinkedHashMap<>();
    String[][] specs = {
      {
        "schema",
        "{\"schema\": {\"type\": \"object\", \"properties\": {\"answer\": {\"type\": \"string\"}},"
            + " \"required\": [\"answer\"]}}"
      },
      {"json", "{\"strict\": false}"},
      {"json-path", "{\"path\": \"$.answer\", \"equals\": \"yes\"}"},
      {"refusal", "{\"expect\": \"comply\"}"},
      {
        "length",
        "{\"max-words\": 120, \"max-sentences\": 10, \"max-tokens\": 500, \"min-chars\": 1}"
      },
      {"grounded", "{\"min-support\": 0.8}"},
      {"unsupported-specifics", "{\"max\": 0}"},
      {"citations", "{\"required\": true}"},
      {"reference-agreement", "{\"min-score\": 0.5}"},
      {"equals", "{\"values\": [\"yes\"]}"},
      {
        "contains",
        "{\"values\": [\"refund\", \"policy\"], \"mode\": \"all\", \"ignore-case\": true}"
      },
      {"not-contains", "{\"values\": [\"as an AI\"], \"ignore-case\": true}"},
      {"regex", "{\"values\": [\"\\\\b\\\\d{3}-\\\\d{4}\\\\b\"]}"},
      {"starts-with", "{\"values\": [\"Dear\"]}"},
      {"latency", "{\"max\": \"2500ms\"}"},
      {"cost", "{\"max\": 0.01}"},
      {"not", "{\"contains\": {\"values\": [\"sorry\"]}}"},
      {"tool-call", "{\"tools\": [\"lookup\", \"refund\"], \"order\": true}"},
      {"tool-schema", "{}"},
      {"tool-argument", "{\"tool\": \"lookup\", \"path\": \"$.k1\", \"matches\": \"^v\"}"},
      {"expected-tool-calls", "{}"}
    };
    for (String[] spec : specs) {
      checks.put(
          spec[0],
          Checks.fromSpec(
              spec[0],
              JSON.readTree(spec[1]),
              null,
              AdversarialInputTimingTest.class.getClassLoader()));
    }
    assertThat(checks.keySet())
        .as("every kind a suite file may name")
        .containsExactlyInAnyOrderElementsOf(Checks.KINDS);
    return checks;
  }

  /**
   * The answers timed: in the build, the two JSON answers and one of prose that holds every other
   * kind in turn (a quadratic pattern in any part still grows with the whole); with {@code
   * evalgate.timing.full}, each kind alone.
   */
  static Map<String, IntFunction<String>> answers() {
    Map<String, IntFunction<String>> kinds = kinds();
    if (FULL) {
      return kinds;
    }
    Map<String, IntFunction<String>> answers = new LinkedHashMap<>();
    answers.put("JSON keys (quotes)", kinds.get("JSON keys (quotes)"));
    answers.put("many keys", kinds.get("many keys"));
    List<IntFunction<String>> prose =
        kinds.entrySet().stream()
            .filter(e -> !e.getKey().contains("keys"))
            .map(Map.Entry::getValue)
            .toList();
    answers.put(
        "every kind of prose",
        n -> {
          StringBuilder mixed = new StringBuilder(n + 64);
          for (IntFunction<String> part : prose) {
            mixed.append(part.apply(n / prose.size())).append('\n');
          }
          return mixed.toString();
        });
    return answers;
  }

  /** Answers of about {@code n} characters, each built to stress one kind of scanning. */
  static Map<String, IntFunction<String>> kinds() {
    Map<String, IntFunction<String>> answers = new LinkedHashMap<>();
    answers.put(
        "JSON keys (quotes)", n -> repeat(n, i -> "\"k" + i + "\": \"v\", ", "{", "\"end\": 1}"));
    answers.put("brackets", n -> repeat(n, i -> "[" + (i % 50) + "] ({x} [[y]]) ", "", ""));
    answers.put("open brackets", n -> repeat(n, i -> "[{(", "", ""));
    answers.put("sentence breaks", n -> repeat(n, i -> "A. B! C? Dr. E.\n", "", ""));
    answers.put(
        "numbers",
        n -> repeat(n, i -> i + " 3.5 2024-01-0" + (i % 9 + 1) + " $4,000 17% ", "", ""));
    answers.put(
        "repeated phrase",
        n -> repeat(n, i -> "the refund policy allows returns within thirty days. ", "", ""));
    answers.put("refusals", n -> repeat(n, i -> "I'm sorry, but I can't help with that. ", "", ""));
    answers.put("one long word", n -> "x".repeat(n));
    answers.put(
        "many keys",
        n -> repeat(n, i -> "\"" + Integer.toString(i, 36) + "\":" + i + ",", "{", "\"z\":0}"));
    answers.put("blank lines and quotes", n -> repeat(n, i -> "\"a\n\nb\" ", "", ""));
    return answers;
  }

  static String repeat(int n, IntFunction<String> piece, String head, String tail) {
    StringBuilder out = new StringBuilder(n + 64).append(head);
    for (int i = 0; out.length() < n; i++) {
      out.append(piece.apply(i));
    }
    return out.append(tail).toString();
  }

  static Exchange exchange(String answer) {
    String context =
        repeat(
            4_000,
            i -> "Our refund policy allows returns within 30 days of purchase (item " + i + "). ",
            "",
            "");
    EvalCase c =
        EvalCase.builder("c-1")
            .variables(Map.of("question", "What is the refund policy?"))
            .context(context)
            .references(
                "Returns are accepted within 30 days of purchase.",
                "You can return items for 30 days.")
            .expect("comply")
            .line(1)
            .build();
    // the tool checks read the same adversarial text as a tool call's arguments
    ModelResponse response =
        new ModelResponse(
                answer,
                "stop",
                new TokenUsage(100, 1000, false),
                Duration.ofMillis(900),
                Duration.ofMillis(200),
                200,
                "req-1",
                null,
                null,
                false)
            .withToolCalls(List.of(ToolCall.of("call_1", "lookup", answer)));
    c = c.withExpectedToolCalls(List.of(ExpectedToolCall.of("lookup", "{\"k1\": \"v\"}")));
    return new Exchange(
        c,
        "challenger",
        "gpt-4o-mini",
        List.of(ChatMessage.user("What is the refund policy?")),
        response,
        0.001,
        0,
        List.of(
            ToolSpec.of(
                "lookup",
                null,
                "{\"type\": \"object\", \"additionalProperties\": {\"type\": \"string\"}}"),
            ToolSpec.of("refund", null, ToolSpec.NO_PARAMETERS)));
  }

  /** Every check on every adversarial answer. */
  static Stream<Arguments> pairs() throws Exception {
    List<Arguments> pairs = new ArrayList<>();
    List<String> onlyChecks = List.of(System.getProperty("evalgate.timing.checks", "").split(","));
    List<String> onlyAnswers =
        List.of(System.getProperty("evalgate.timing.answers", "").split(","));
    for (String check : checks().keySet()) {
      if (!onlyChecks.get(0).isEmpty() && !onlyChecks.contains(check)) {
        continue;
      }
      for (String answer : answers().keySet()) {
        if (!onlyAnswers.get(0).isEmpty() && !onlyAnswers.contains(answer)) {
          continue;
        }
        pairs.add(Arguments.of(check, answer));
      }
    }
    return pairs.stream();
  }

  /**
   * Sizes of the small and the large answer: 8 KB and 128 KB in the build, 1 MB and 10 MB with
   * {@code -Devalgate.timing.full=true} (minutes; see benchmarks/README.md).
   */
  static final boolean FULL = Boolean.getBoolean("evalgate.timing.full");

  static final int SMALL = FULL ? 1 << 20 : 8 << 10;
  static final int LARGE = FULL ? 10 << 20 : 128 << 10;

  /** Linear work keeps the ratio near 1; quadratic work makes it the size ratio (16 or 10). */
  static final double SLACK = 3.0;

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("pairs")
  void timePerCharacterDoesNotGrowWithTheAnswer(String kind, String answer) throws Exception {
    Check check = CHECKS.get(kind);
    IntFunction<String> make = answers().get(answer);
    double nanos =
        TimePerSize.assertLinear(
            kind + " on " + answer,
            make.apply(SMALL),
            make.apply(LARGE),
            // a fresh copy each time, made outside the timing: the JSON reading of the last answer
            // is remembered per thread
            text -> exchange(new String(text.toCharArray())),
            check::evaluate,
            SLACK);
    System.out.printf(
        "evalgate.timing %-22s %-24s %,10.1f ms per MB at %,d characters%n",
        kind, answer, nanos * (1 << 20) / 1e6, LARGE);
  }
}

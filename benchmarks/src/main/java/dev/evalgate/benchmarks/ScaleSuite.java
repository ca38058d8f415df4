package dev.evalgate.benchmarks;

import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.EvalSuite;
import dev.evalgate.api.GateSpec;
import dev.evalgate.api.ModelFunction;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.PromptTemplate;
import dev.evalgate.api.SuiteDefinition;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.checks.Checks;
import java.time.Duration;
import java.util.List;

/**
 * The scale benchmark suite: the same checks as {@link SimulatorSuite} (schema, refusal, length) on
 * two in-process variants whose answers imitate the simulator's (about 40 words of JSON, 5 % broken
 * JSON, 2 % refusals, a reported latency of 150-900 ms and token usage) without waiting, so a
 * 1,000,000-case run measures the engine (dataset, checks, accumulators, results, reports) rather
 * than a network. Answers are a pure function of the prompt and the variant, so runs repeat. Driven
 * by {@code benchmarks/scale.sh} through the console launcher.
 */
@EvalSuite
public final class ScaleSuite {
  private static final String[] WORDS =
      ("the order was shipped yesterday and should arrive within three business days please check"
           + " the tracking link in your confirmation email or contact support if the parcel does"
           + " not arrive refunds are processed within five days after we receive the returned"
           + " item")
          .split(" ");

  private ScaleSuite() {}

  @SuiteDefinition
  static SuiteSpec scale() {
    PromptTemplate prompt =
        PromptTemplate.of(
            "bench-v1", "Answer in JSON with fields answer, confidence, tags.", "{{question}}");
    return SuiteSpec.named("scale")
        .dataset(System.getProperty("bench.dataset", "target/bench/dataset.jsonl"))
        .control(
            VariantSpec.inProcess("control", model(1, 0.05, 0.02, 40))
                .withModel("gpt-4o-mini")
                .withPrompt(prompt))
        .challenger(
            VariantSpec.inProcess("challenger", model(2, 0.04, 0.02, 36))
                .withModel("gpt-4o-mini")
                .withPrompt(prompt))
        .check(Checks.schema(System.getProperty("bench.schema", "target/bench/schema.json")))
        .check(Checks.refusal("comply"))
        .check(Checks.maxWords(200))
        .gate(GateSpec.minCases(1).atLeast("pass-all-rate", "0%"))
        .build();
  }

  /** A deterministic stand-in for a model. */
  static ModelFunction model(int salt, double brokenJson, double refusals, int meanWords) {
    return (List<ChatMessage> messages) -> {
      String question = messages.get(messages.size() - 1).content();
      long h = mix(question.hashCode() * 31L + salt);
      double u = (h >>> 11) * 0x1.0p-53;
      int words = Math.max(3, meanWords - 15 + (int) ((h >>> 3) & 31));
      long latencyMs = 150 + ((h >>> 20) & 511) + (u < 0.01 ? 2000 : 0);
      String text;
      if (u < refusals) {
        text = "I'm sorry, but I can't help with that request.";
      } else {
        StringBuilder answer = new StringBuilder();
        for (int i = 0; i < words; i++) {
          answer
              .append(i == 0 ? "" : " ")
              .append(WORDS[(int) Math.floorMod((h >>> (i % 40)) + i, (long) WORDS.length)]);
        }
        String json =
            "{\"answer\":\""
                + answer
                + "\",\"confidence\":0."
                + (h >>> 40) % 10
                + ",\"tags\":[\"orders\"]}";
        text = u < refusals + brokenJson ? "Sure! " + json.substring(0, json.length() / 2) : json;
      }
      int tokens = (int) Math.round(text.split(" ").length * 1.3);
      return new ModelResponse(
          text,
          "stop",
          new TokenUsage(32, tokens, false),
          Duration.ofMillis(latencyMs),
          null,
          200,
          null,
          null,
          null,
          false);
    };
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}

package dev.evalgate.benchmarks;

import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.Exchange;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.checks.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The common per-case check set (schema + refusal + length + grounding) on realistic answers.
 * Target: a median of at most 50 µs per case.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChecksBenchmark {
  static final String SCHEMA =
      "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
          + "\"required\":[\"category\",\"priority\",\"reply\"],\"additionalProperties\":false,\"properties\":{"
          + "\"category\":{\"enum\":[\"refund\",\"shipping\",\"billing\",\"account\",\"product\",\"other\"]},"
          + "\"priority\":{\"enum\":[\"low\",\"normal\",\"high\",\"urgent\"]},\"needs_human\":{\"type\":\"boolean\"},"
          + "\"reply\":{\"type\":\"string\",\"minLength\":10}}}";
  static final String CONTEXT =
      "Refunds are issued within 14 days of receiving the returned item. Items must be unused and"
          + " in their original packaging. Shipping costs are not refunded unless the item arrived"
          + " damaged. Premium customers get free return shipping. Refunds go back to the original"
          + " payment method.";
  static final String[] ANSWERS = {
    "{\"category\":\"refund\",\"priority\":\"normal\",\"needs_human\":false,\"reply\":\"Refunds are"
        + " issued within 14 days of receiving the returned item. Shipping costs are not refunded"
        + " unless the item arrived damaged.\"}",
    "Here is the structured answer:\n\n"
        + "```json\n"
        + "{\"category\": \"refund\", \"priority\": \"high\", \"reply\": \"Your refund goes back to"
        + " the original payment method within 14 days. Premium customers get free return"
        + " shipping.\"}\n"
        + "```",
    "I'm sorry, but I can't help with requests involving payment details.",
    "{\"category\":\"refunds\",\"priority\":\"soon\",\"reply\":\"We will refund $45.00 within 2"
        + " days and send a gift card.\"}"
  };

  List<Check> checks;
  List<Exchange> exchanges;

  @Setup
  public void setUp() throws Exception {
    java.nio.file.Path schema = java.nio.file.Files.createTempFile("schema", ".json");
    java.nio.file.Files.writeString(schema, SCHEMA);
    checks =
        List.of(
            Checks.schema(schema.toString()),
            Checks.refusal("comply"),
            Checks.maxWords(120),
            Checks.grounded());
    exchanges = new ArrayList<>();
    EvalCase evalCase =
        EvalCase.builder("t-1")
            .variables(Map.of("ticket", "Where is my refund?"))
            .context(CONTEXT)
            .expect("comply")
            .line(1)
            .build();
    for (String answer : ANSWERS) {
      ModelResponse response =
          new ModelResponse(
              answer,
              "stop",
              new TokenUsage(120, 60, false),
              Duration.ofMillis(800),
              null,
              200,
              null,
              null,
              null,
              false);
      exchanges.add(
          new Exchange(
              evalCase,
              "challenger",
              "gpt-4.1-mini",
              List.of(
                  ChatMessage.system("Answer with JSON."),
                  ChatMessage.user("Ticket: Where is my refund?")),
              response,
              0.0001,
              0));
    }
  }

  /** One check alone over the four answers, to see where the time goes. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public void singleCheck(Blackhole blackhole, Which which) {
    Check check = checks.get(which.index);
    for (Exchange exchange : exchanges) {
      blackhole.consume(check.evaluate(exchange));
    }
  }

  /** Which check {@link #singleCheck} runs: 0 schema, 1 refusal, 2 length, 3 grounding. */
  @State(Scope.Benchmark)
  public static class Which {
    @org.openjdk.jmh.annotations.Param({"0", "1", "2", "3"})
    public int index;
  }

  /** All four checks on one case; each invocation cycles through four answer styles. */
  @Benchmark
  public void commonCheckSetPerCase(Blackhole blackhole) {
    for (Exchange exchange : exchanges) {
      for (Check check : checks) {
        CheckResult result = check.evaluate(exchange);
        blackhole.consume(result);
      }
    }
  }
}

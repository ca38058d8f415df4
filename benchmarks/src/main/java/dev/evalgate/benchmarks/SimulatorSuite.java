package dev.evalgate.benchmarks;

import dev.evalgate.api.EvalSuite;
import dev.evalgate.api.GateSpec;
import dev.evalgate.api.Parameters;
import dev.evalgate.api.PromptTemplate;
import dev.evalgate.api.SuiteDefinition;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.checks.Checks;

/**
 * The end-to-end benchmark suite: two HTTP variants against {@code shared/tools/llm-sim.mjs}, with
 * schema, refusal and length checks. Driven by {@code benchmarks/e2e.sh} through the console
 * launcher; the dataset and schema locations come from system properties the script sets.
 */
@EvalSuite
public final class SimulatorSuite {
  private SimulatorSuite() {}

  @SuiteDefinition
  static SuiteSpec simulator() {
    String url = System.getProperty("bench.url", "http://127.0.0.1:18080/v1");
    PromptTemplate prompt =
        PromptTemplate.of(
            "bench-v1", "Answer in JSON with fields answer, confidence, tags.", "{{question}}");
    Parameters json = Parameters.DEFAULTS.withResponseFormat("json").withMaxTokens(200);
    return SuiteSpec.named("simulator")
        .dataset(System.getProperty("bench.dataset", "target/bench/dataset.jsonl"))
        .control(
            VariantSpec.http("control", VariantSpec.OPENAI, "sim-a")
                .withBaseUrl(url)
                .withPrompt(prompt)
                .withParameters(json))
        .challenger(
            VariantSpec.http("challenger", VariantSpec.OPENAI, "sim-b")
                .withBaseUrl(url)
                .withPrompt(prompt)
                .withParameters(json))
        .check(Checks.schema(System.getProperty("bench.schema", "target/bench/schema.json")))
        .check(Checks.refusal("comply"))
        .check(Checks.maxWords(200))
        .gate(gate(Integer.getInteger("bench.looks", 0)))
        .build();
  }

  /**
   * The benchmark's gate; with {@code -Dbench.looks=K} a sequential one (the challenger
   * non-inferior on the schema check by 5 pp, judged K times), to try stopping when decided live.
   */
  static GateSpec gate(int looks) {
    return looks == 0
        ? GateSpec.minCases(1).atLeast("pass-all-rate", "0%")
        : GateSpec.minCases(50).nonInferior("pass-rate(schema)", "5pp").sequential(looks);
  }
}

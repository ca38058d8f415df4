package com.example.support;

import dev.evalgate.api.AppFunction;
import dev.evalgate.api.EvalSuite;
import dev.evalgate.api.GateSpec;
import dev.evalgate.api.Pricing;
import dev.evalgate.api.PromptTemplate;
import dev.evalgate.api.SuiteDefinition;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.checks.Checks;

/**
 * The application itself under evaluation: the LangChain4j assistant (retrieval, two tools, several
 * model calls per answer) on two models, each variant answering through its recording endpoint.
 * Offline by default: every model call of every case replays from
 * src/test/resources/evalgate/recordings.
 */
@EvalSuite
class SupportAssistantEvalTest {
  static final Orders ORDERS = Orders.sample();

  static AppFunction assistant(String model) {
    return (prompt, endpoint) ->
        SupportAssistant.create(endpoint.openAiBaseUrl(), endpoint.apiKey(), model, ORDERS)
            .chat(prompt.get(prompt.size() - 1).content());
  }

  @SuiteDefinition
  static SuiteSpec supportAssistant() {
    PromptTemplate question = PromptTemplate.of("assistant-v1", null, "{{question}}");
    return SuiteSpec.named("support-assistant")
        .experiment("assistant-cheaper-model")
        .dataset("evalgate/datasets/questions.jsonl")
        // the simulated models' prices, per million tokens: every model call of a case is counted
        .control(
            VariantSpec.app("sim-large", "sim-large", assistant("sim-large"))
                .withPrompt(question)
                .withPricing(new Pricing(2.00, 8.00))
                .asControl())
        .challenger(
            VariantSpec.app("sim-small", "sim-small", assistant("sim-small"))
                .withPrompt(question)
                .withPricing(new Pricing(0.40, 1.60)))
        .check(Checks.toolCall())
        .check(Checks.toolSchema())
        .check(Checks.expectedToolCalls())
        .gate(
            GateSpec.minCases(60)
                .atLeast("tool-argument-validity", "90%")
                .nonInferior("tool-call-accuracy", "10pp")
                .atMost("cost-per-call", "0.001")
                // an answer may take a look-up, a refund and the reply, no more
                .atMost("calls-per-case-mean", "3"))
        .build();
  }
}

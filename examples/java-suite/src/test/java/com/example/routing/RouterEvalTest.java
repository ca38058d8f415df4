package com.example.routing;

import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.EvalSuite;
import dev.evalgate.api.GateSpec;
import dev.evalgate.api.ModelFunction;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.PromptTemplate;
import dev.evalgate.api.SuiteDefinition;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.checks.Checks;
import java.util.List;

/**
 * A suite written entirely in Java: two versions of in-process routing code, checked with the same
 * checks suite files use, gated on non-inferiority and on breaking no ticket version 1 got right.
 */
@EvalSuite
class RouterEvalTest {

  static ModelFunction router(TicketRouter router) {
    return (List<ChatMessage> prompt) ->
        ModelResponse.ofText(router.route(prompt.get(prompt.size() - 1).content()));
  }

  @SuiteDefinition
  static SuiteSpec routing() {
    PromptTemplate ticketOnly = PromptTemplate.of("ticket-text", null, "{{ticket}}");
    return SuiteSpec.named("ticket-routing")
        .experiment("router-v2")
        .dataset("evalgate/datasets/tickets.jsonl")
        .control(
            VariantSpec.inProcess("router-v1", router(TicketRouter.v1())).withPrompt(ticketOnly))
        .challenger(
            VariantSpec.inProcess("router-v2", router(TicketRouter.v2())).withPrompt(ticketOnly))
        .check(Checks.equalsVariable("category", "expected_category"))
        .check(
            Checks.predicate(
                "known-queue",
                x ->
                    List.of("refund", "shipping", "billing", "account", "product", "other")
                        .contains(x.output()),
                "routes to a known queue"))
        .gate(
            GateSpec.minCases(200)
                .nonInferior("pass-rate(category)", "2pp")
                .atLeast("pass-rate(known-queue)", "100%")
                .noNewFailures("category"))
        .build();
  }
}

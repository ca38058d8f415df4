package dev.evalgate.assertions;

import static dev.evalgate.assertions.EvalAssertions.assertThatResponse;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.ToolCall;
import dev.evalgate.api.ToolSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseAssertTest {
  @Test
  void passesAFluentChainOnAGoodAnswer() {
    assertThatResponse(
            "```json\n"
                + "{\"category\": \"refund\", \"priority\": \"low\", \"reply\": \"Refunded.\"}\n"
                + "```")
        .hasJson()
        .matchesSchema("schemas/ticket-answer.json")
        .isNotRefusal()
        .hasAtMostWords(20)
        .contains("refund");
  }

  @Test
  void failuresCarryTheCheckReason() {
    assertThatThrownBy(
            () -> assertThatResponse("I'm sorry, but I can't help with that.").isNotRefusal())
        .isInstanceOf(AssertionError.class)
        .hasMessage("expected an answer but got a refusal: \"I can't\"");
    assertThatThrownBy(
            () ->
                assertThatResponse("{\"category\": \"gift\"}")
                    .matchesSchema("schemas/ticket-answer.json"))
        .hasMessageStartingWith("schema: 3 violations of schemas/ticket-answer.json: ");
    assertThatThrownBy(() -> assertThatResponse("All good").isRefusal())
        .hasMessage("expected a refusal but the answer complied: All good");
  }

  @Test
  void toolCallAssertionsPassOnTheCallsMadeAndFailWithTheChecksReason() {
    ToolSpec lookup =
        ToolSpec.of(
            "lookup_order",
            null,
            "{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"}},\"required\":[\"order_id\"]}");
    ModelResponse answer =
        ModelResponse.ofToolCalls(
            "",
            List.of(
                ToolCall.of("call_1", "lookup_order", "{\"order_id\":\"A-100037\"}"),
                ToolCall.of("call_2", "request_refund", "{\"order_id\":\"A-100037\"")));
    assertThatResponse(answer)
        .calledTool("lookup_order")
        .calledToolsInOrder("lookup_order", "request_refund")
        .hasToolArgument("lookup_order", "$.order_id", "A-100037")
        .hasToolArgumentMatching("lookup_order", "/order_id", "^A-\\d+$");
    assertThatResponse(ModelResponse.ofText("Hello")).calledNoTool();

    assertThatThrownBy(() -> assertThatResponse(answer).calledNoTool())
        .isInstanceOf(AssertionError.class)
        .hasMessage("tool-call: expected no tool call, but called lookup_order, request_refund");
    assertThatThrownBy(
            () -> assertThatResponse(answer).calledToolsInOrder("request_refund", "lookup_order"))
        .hasMessage(
            "tool-call: called lookup_order, request_refund, not in the expected order"
                + " request_refund, lookup_order");
    assertThatThrownBy(() -> assertThatResponse(answer).hasValidToolArguments(lookup))
        .hasMessage(
            "tool-schema: 1 of 2 calls invalid: call 2 'request_refund': the tool was not offered"
                + " (offered: lookup_order)");
    assertThatThrownBy(() -> assertThatResponse(answer).hasValidToolArguments())
        .hasMessage(
            "tool-schema: 1 of 2 calls invalid: call 2 'request_refund': arguments are not valid"
                + " JSON (Unexpected end-of-input: expected close marker for Object):"
                + " {\"order_id\":\"A-100037\"");
    assertThatThrownBy(
            () ->
                assertThatResponse(ModelResponse.ofText("Hello"))
                    .hasToolArgument("lookup_order", "$.order_id", "A-1"))
        .hasMessage("tool-argument: not applicable: 'lookup_order' was not called");
  }
}

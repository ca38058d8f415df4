package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.Exchange;
import dev.evalgate.api.ExpectedToolCall;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.ToolCall;
import dev.evalgate.api.ToolSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolChecksTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ToolSpec LOOKUP =
      ToolSpec.of(
          "lookup_order",
          "Looks an order up by its id",
          "{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\",\"pattern\":\"^A-\\\\d+$\"}},\"required\":[\"order_id\"]}");
  static final ToolSpec REFUND =
      ToolSpec.of(
          "request_refund",
          "Requests a refund of an order",
          "{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"},\"reason\":{\"type\":\"string\","
              + "\"enum\":[\"damaged\",\"late\",\"other\"]}},\"required\":[\"order_id\",\"reason\"]}");

  static ToolCall call(String name, String arguments) {
    return ToolCall.of("call_" + name, name, arguments);
  }

  static Exchange exchange(EvalCase evalCase, ToolCall... calls) {
    return new Exchange(
        evalCase,
        "v",
        "m",
        List.of(),
        ModelResponse.ofToolCalls("", List.of(calls)),
        null,
        0,
        List.of(LOOKUP, REFUND));
  }

  static Exchange exchange(ToolCall... calls) {
    return exchange(EvalCase.of("c", Map.of("order_id", "A-100037")), calls);
  }

  static Check spec(String kind, String options) throws Exception {
    return Checks.fromSpec(
        kind, JSON.readTree(options), null, ToolChecksTest.class.getClassLoader());
  }

  @Test
  void toolCallPassesWhenTheNamedToolWasCalledAndSaysWhich() throws Exception {
    CheckResult result =
        spec("tool-call", "\"lookup_order\"")
            .evaluate(exchange(call("lookup_order", "{\"order_id\":\"A-1\"}")));
    assertThat(result.passed()).isTrue();
    assertThat(result.reason()).isEqualTo("called lookup_order");
    assertThat(result.details())
        .containsEntry("tools.called", "lookup_order")
        .containsEntry("family", "tools");
  }

  @Test
  void toolCallNamesTheMissingToolAndWhatWasCalledInstead() throws Exception {
    CheckResult result =
        spec("tool-call", "{\"tools\": [\"lookup_order\", \"request_refund\"]}")
            .evaluate(exchange(call("lookup_order", "{}")));
    assertThat(result.failed()).isTrue();
    assertThat(result.reason()).isEqualTo("did not call request_refund (called: lookup_order)");
    assertThat(Checks.toolCalled("lookup_order").evaluate(exchange()).reason())
        .isEqualTo("did not call lookup_order (called: none)");
  }

  @Test
  void toolCallWithOrderFailsOnCallsOutOfOrder() throws Exception {
    Exchange reversed = exchange(call("request_refund", "{}"), call("lookup_order", "{}"));
    CheckResult result =
        spec("tool-call", "{\"tools\": [\"lookup_order\", \"request_refund\"], \"order\": true}")
            .evaluate(reversed);
    assertThat(result.reason())
        .isEqualTo(
            "called request_refund, lookup_order, not in the expected order lookup_order,"
                + " request_refund");
    assertThat(result.failed()).isTrue();
    assertThat(
            Checks.toolCalledInOrder("request_refund", "lookup_order").evaluate(reversed).reason())
        .isEqualTo("called request_refund, lookup_order in order");
    assertThat(
            spec("tool-call", "{\"tools\": [\"lookup_order\", \"request_refund\"]}")
                .evaluate(reversed)
                .passed())
        .isTrue();
  }

  @Test
  void toolCallWithOnlyFailsOnAnyOtherCall() throws Exception {
    CheckResult result =
        spec("tool-call", "{\"tool\": \"lookup_order\", \"only\": true}")
            .evaluate(exchange(call("lookup_order", "{}"), call("request_refund", "{}")));
    assertThat(result.reason())
        .isEqualTo("also called request_refund (expected only lookup_order)");
  }

  @Test
  void toolCallNoneExpectsNoCall() throws Exception {
    Check none = spec("tool-call", "\"none\"");
    assertThat(none.evaluate(exchange()).reason()).isEqualTo("called no tool, as expected");
    CheckResult called = none.evaluate(exchange(call("lookup_order", "{}")));
    assertThat(called.failed()).isTrue();
    assertThat(called.reason()).isEqualTo("expected no tool call, but called lookup_order");
    assertThat(Checks.noToolCalled().evaluate(exchange()).passed()).isTrue();
  }

  @Test
  void toolCallReadsTheExpectedToolFromAVariableOrTheCaseAndDoesNotApplyWithoutEither()
      throws Exception {
    Check fromVariable = spec("tool-call", "\"{{expected_tool}}\"");
    assertThat(
            fromVariable
                .evaluate(
                    exchange(
                        EvalCase.of("c", Map.of("expected_tool", "lookup_order")),
                        call("lookup_order", "{}")))
                .passed())
        .isTrue();
    assertThat(
            fromVariable
                .evaluate(exchange(EvalCase.of("c", Map.of("expected_tool", "none"))))
                .passed())
        .isTrue();
    CheckResult missing = fromVariable.evaluate(exchange(EvalCase.of("c", Map.of())));
    assertThat(missing.applicable()).isFalse();
    assertThat(missing.reason()).isEqualTo("the case has no value for {{expected_tool}}");

    Check fromCase = spec("tool-call", "{}");
    EvalCase expectsRefund =
        EvalCase.of("c", Map.of())
            .withExpectedToolCalls(List.of(ExpectedToolCall.of("request_refund")));
    assertThat(fromCase.evaluate(exchange(expectsRefund, call("request_refund", "{}"))).passed())
        .isTrue();
    assertThat(
            fromCase
                .evaluate(exchange(EvalCase.of("c", Map.of()).withExpectedToolCalls(List.of())))
                .reason())
        .isEqualTo("called no tool, as expected");
    assertThat(fromCase.evaluate(exchange()).reason())
        .isEqualTo("the case has no 'expected_tool_calls' to compare the tool calls with");
    assertThat(Checks.toolCall().evaluate(exchange()).applicable()).isFalse();
  }

  @Test
  void aCallOfAToolThatWasNotOfferedFailsToolCallWhateverWasExpected() throws Exception {
    CheckResult result =
        spec("tool-call", "\"delete_account\"").evaluate(exchange(call("delete_account", "{}")));
    assertThat(result.failed()).isTrue();
    assertThat(result.reason())
        .isEqualTo(
            "called 'delete_account', which was not offered (offered: lookup_order,"
                + " request_refund)");
  }

  @Test
  void toolSchemaPassesValidArgumentsAndScoresTheShareOfValidCalls() throws Exception {
    Check schema = spec("tool-schema", "{}");
    CheckResult valid =
        schema.evaluate(
            exchange(
                call("lookup_order", "{\"order_id\":\"A-100037\"}"),
                call("request_refund", "{\"order_id\":\"A-100037\",\"reason\":\"late\"}")));
    assertThat(valid.passed()).isTrue();
    assertThat(valid.reason())
        .isEqualTo("the arguments of all 2 calls are valid against the tools' schemas");
    assertThat(valid.score()).isEqualTo(1.0);
    assertThat(valid.details())
        .containsEntry("tools.calls", "2")
        .containsEntry("tools.valid_calls", "2");

    CheckResult violated =
        schema.evaluate(
            exchange(
                call("lookup_order", "{\"order_id\":\"A-100037\"}"),
                call(
                    "request_refund",
                    "{\"order_id\":\"A-100037\",\"reason\":\"changed my mind\"}")));
    assertThat(violated.failed()).isTrue();
    assertThat(violated.score()).isEqualTo(0.5);
    assertThat(violated.reason())
        .isEqualTo(
            "1 of 2 calls invalid: call 2 'request_refund': 1 violation of its schema: /reason does"
                + " not have a value in the enumeration [\"damaged\", \"late\", \"other\"]");
    assertThat(violated.details()).containsEntry("tools.valid_calls", "1");
  }

  @Test
  void malformedArgumentsAreACheckFailureWithTheParsersReasonNeverACrash() throws Exception {
    Check schema = spec("tool-schema", "{}");
    assertThat(schema.evaluate(exchange(call("lookup_order", "{\"order_id\": \"A-1"))).reason())
        .isEqualTo(
            "1 of 1 call invalid: call 1 'lookup_order': arguments are not valid JSON (Unexpected"
                + " end-of-input: was expecting closing quote for a string value): {\"order_id\":"
                + " \"A-1");
    assertThat(schema.evaluate(exchange(call("lookup_order", "[\"A-1\"]"))).reason())
        .isEqualTo(
            "1 of 1 call invalid: call 1 'lookup_order': arguments are a list, expected a JSON"
                + " object: [\"A-1\"]");
    assertThat(schema.evaluate(exchange(call("lookup_order", ""))).reason())
        .isEqualTo(
            "1 of 1 call invalid: call 1 'lookup_order': arguments are empty; expected a JSON"
                + " object");
    assertThat(
            schema
                .evaluate(
                    exchange(call("lookup_order", "{\"order_id\":\"A-1\",\"order_id\":\"A-2\"}")))
                .reason())
        .startsWith(
            "1 of 1 call invalid: call 1 'lookup_order': arguments are not valid JSON (Duplicate"
                + " field 'order_id')");
    assertThat(schema.evaluate(exchange(call("lookup_order", "{\"order_id\": 17}"))).reason())
        .isEqualTo(
            "1 of 1 call invalid: call 1 'lookup_order': 1 violation of its schema: /order_id"
                + " integer found, string expected");
    assertThat(schema.evaluate(exchange(call("refund_everything", "{}"))).reason())
        .isEqualTo(
            "1 of 1 call invalid: call 1 'refund_everything': the tool was not offered (offered:"
                + " lookup_order, request_refund)");
  }

  @Test
  void toolSchemaDoesNotApplyWithoutCallsAndChecksJsonAloneWithoutOfferedTools() throws Exception {
    CheckResult none = spec("tool-schema", "{}").evaluate(exchange());
    assertThat(none.applicable()).isFalse();
    assertThat(none.reason()).isEqualTo("no tool call to check");
    assertThat(
            spec("tool-schema", "\"request_refund\"")
                .evaluate(exchange(call("lookup_order", "{}")))
                .reason())
        .isEqualTo("'request_refund' was not called");
    Exchange noTools = Exchange.of(EvalCase.of("c", Map.of()), "").withTools(List.of());
    Exchange called =
        new Exchange(
            noTools.evalCase(),
            "v",
            null,
            List.of(),
            ModelResponse.ofToolCalls("", List.of(call("anything", "{\"a\":1}"))),
            null,
            0);
    assertThat(Checks.toolSchema().evaluate(called).reason())
        .isEqualTo("the arguments of the call are JSON objects (no tool schemas offered)");
  }

  @Test
  void anInvalidToolSchemaFailsTheCallWithTheSchemasProblem() {
    ToolSpec broken = ToolSpec.of("broken", null, "{\"type\": \"objekt\"}");
    Exchange exchange =
        new Exchange(
            EvalCase.of("c", Map.of()),
            "v",
            null,
            List.of(),
            ModelResponse.ofToolCalls("", List.of(call("broken", "{}"))),
            null,
            0,
            List.of(broken));
    assertThat(Checks.toolSchema().evaluate(exchange).reason())
        .startsWith(
            "1 of 1 call invalid: call 1 'broken': schema 'tool 'broken'' is not a valid JSON"
                + " Schema: ");
    assertThatThrownBy(() -> ToolSchemas.requireValid(ToolSpec.of("x", null, "{\"type\":")))
        .isInstanceOf(CheckSpecException.class)
        .hasMessage(
            "the parameters of tool 'x' are not valid JSON (Unexpected end-of-input within/between"
                + " Object entries)");
    assertThatThrownBy(() -> ToolSchemas.requireValid(ToolSpec.of("x", null, "[]")))
        .hasMessage("the parameters of tool 'x' must be a JSON Schema object, but were []");
  }

  @Test
  void toolArgumentComparesTheValueAtAPathWithAVariableAPatternOrAList() throws Exception {
    Exchange good = exchange(call("lookup_order", "{\"order_id\":\"A-100037\"}"));
    Exchange wrong = exchange(call("lookup_order", "{\"order_id\":\"A-1\"}"));
    Check equals =
        spec(
            "tool-argument",
            "{\"tool\": \"lookup_order\", \"path\": \"$.order_id\", \"equals\": \"{{order_id}}\"}");
    assertThat(equals.evaluate(good).reason()).isEqualTo("lookup_order $.order_id is \"A-100037\"");
    CheckResult failed = equals.evaluate(wrong);
    assertThat(failed.failed()).isTrue();
    assertThat(failed.reason())
        .isEqualTo("lookup_order $.order_id is \"A-1\", expected \"A-100037\"");

    Check matches =
        spec(
            "tool-argument",
            "{\"tool\": \"lookup_order\", \"path\": \"/order_id\", \"matches\": \"^A-\\\\d{6}$\"}");
    assertThat(matches.evaluate(good).reason())
        .isEqualTo("lookup_order /order_id is \"A-100037\", which matches /^A-\\d{6}$/");
    assertThat(matches.evaluate(wrong).reason())
        .isEqualTo("lookup_order /order_id is \"A-1\", which does not match /^A-\\d{6}$/");

    Check oneOf =
        spec(
            "tool-argument",
            "{\"tool\": \"request_refund\", \"path\": \"$.reason\", \"one-of\": [\"damaged\","
                + " \"late\"]}");
    assertThat(oneOf.evaluate(exchange(call("request_refund", "{\"reason\":\"late\"}"))).passed())
        .isTrue();
    assertThat(oneOf.evaluate(exchange(call("request_refund", "{\"reason\":\"bored\"}"))).reason())
        .isEqualTo("request_refund $.reason is \"bored\", expected one of \"damaged\", \"late\"");
  }

  @Test
  void toolArgumentPassesWhenAnyCallOfTheToolHasTheValueAndSaysWhatEachHad() throws Exception {
    Check equals = Checks.toolArgumentEquals("lookup_order", "$.order_id", "A-2");
    assertThat(
            equals
                .evaluate(
                    exchange(
                        call("lookup_order", "{\"order_id\":\"A-1\"}"),
                        call("lookup_order", "{\"order_id\":\"A-2\"}")))
                .passed())
        .isTrue();
    assertThat(
            equals
                .evaluate(
                    exchange(
                        call("lookup_order", "{\"order\":\"A-1\"}"),
                        call("lookup_order", "{\"order_id\":")))
                .reason())
        .isEqualTo(
            "lookup_order $.order_id does not exist; arguments are not valid JSON (Unexpected"
                + " end-of-input within/between Object entries): {\"order_id\":, expected \"A-2\"");
  }

  @Test
  void toolArgumentDoesNotApplyWhenTheToolWasNotCalledOrTheCaseLacksTheVariable() throws Exception {
    Check equals =
        spec(
            "tool-argument",
            "{\"tool\": \"lookup_order\", \"path\": \"$.order_id\", \"equals\": \"{{order_id}}\"}");
    CheckResult notCalled = equals.evaluate(exchange(call("request_refund", "{}")));
    assertThat(notCalled.applicable()).isFalse();
    assertThat(notCalled.reason()).isEqualTo("'lookup_order' was not called");
    CheckResult noVariable =
        equals.evaluate(
            exchange(EvalCase.of("c", Map.of()), call("lookup_order", "{\"order_id\":\"A-1\"}")));
    assertThat(noVariable.applicable()).isFalse();
    assertThat(noVariable.reason()).isEqualTo("the case has no value for {{order_id}}");
  }

  @Test
  void expectedToolCallsMeasuresPrecisionAndRecallAgainstTheCase() throws Exception {
    EvalCase evalCase =
        EvalCase.of("c", Map.of())
            .withExpectedToolCalls(
                List.of(
                    ExpectedToolCall.of("lookup_order", "{\"order_id\":\"A-100037\"}"),
                    ExpectedToolCall.of("request_refund", "{\"reason\":\"late\"}")));
    Check exact = spec("expected-tool-calls", "{}");
    CheckResult all =
        exact.evaluate(
            exchange(
                evalCase,
                call("lookup_order", "{\"order_id\":\"A-100037\",\"verbose\":true}"),
                call("request_refund", "{\"order_id\":\"A-100037\",\"reason\":\"late\"}")));
    assertThat(all.passed()).isTrue();
    assertThat(all.reason())
        .isEqualTo(
            "precision 1.00 (2 of 2 calls expected), recall 1.00 (2 of 2 expected calls made)");
    assertThat(all.score()).isEqualTo(1.0);

    CheckResult half =
        exact.evaluate(
            exchange(
                evalCase,
                call("lookup_order", "{\"order_id\":\"A-9\"}"),
                call("request_refund", "{\"order_id\":\"A-100037\",\"reason\":\"late\"}")));
    assertThat(half.failed()).isTrue();
    assertThat(half.reason())
        .isEqualTo(
            "precision 0.50 (1 of 2 calls expected), recall 0.50 (1 of 2 expected calls made);"
                + " missing: lookup_order {\"order_id\":\"A-100037\"}; unexpected: lookup_order"
                + " {\"order_id\":\"A-9\"}");
    assertThat(half.score()).isEqualTo(0.5);
    assertThat(half.details())
        .containsEntry("tool_calls.precision", "0.50")
        .containsEntry("tool_calls.recall", "0.50")
        .containsEntry("tool_calls.matched", "1")
        .containsEntry("tool_calls.expected", "2")
        .containsEntry("tool_calls.made", "2");

    Check lenient = spec("expected-tool-calls", "{\"min-precision\": 0.5, \"min-recall\": 0.5}");
    assertThat(
            lenient
                .evaluate(
                    exchange(
                        evalCase,
                        call("lookup_order", "{\"order_id\":\"A-9\"}"),
                        call("request_refund", "{\"order_id\":\"A-100037\",\"reason\":\"late\"}")))
                .passed())
        .isTrue();
  }

  @Test
  void expectedToolCallsWithOrderMatchesOnlyInOrderAndTreatsNoExpectedCallsAsNone()
      throws Exception {
    EvalCase twoSteps =
        EvalCase.of("c", Map.of())
            .withExpectedToolCalls(
                List.of(
                    ExpectedToolCall.of("lookup_order"), ExpectedToolCall.of("request_refund")));
    Exchange reversed =
        exchange(twoSteps, call("request_refund", "{}"), call("lookup_order", "{}"));
    assertThat(spec("expected-tool-calls", "{\"order\": true}").evaluate(reversed).reason())
        .isEqualTo(
            "precision 0.50 (1 of 2 calls expected), recall 0.50 (1 of 2 expected calls made);"
                + " missing: request_refund; unexpected: request_refund {}");
    assertThat(Checks.expectedToolCalls().evaluate(reversed).passed()).isTrue();

    EvalCase none = EvalCase.of("c", Map.of()).withExpectedToolCalls(List.of());
    assertThat(Checks.expectedToolCalls().evaluate(exchange(none)).reason())
        .isEqualTo(
            "precision 1.00 (0 of 0 calls expected), recall 1.00 (0 of 0 expected calls made)");
    CheckResult extra =
        Checks.expectedToolCalls()
            .evaluate(exchange(none, call("lookup_order", "{\"order_id\":\"A-1\"}")));
    assertThat(extra.failed()).isTrue();
    assertThat(extra.score()).isEqualTo(0.0);
    CheckResult notStated = Checks.expectedToolCalls().evaluate(exchange());
    assertThat(notStated.applicable()).isFalse();
    assertThat(notStated.reason())
        .isEqualTo("the case has no 'expected_tool_calls' to compare the tool calls with");
  }

  @Test
  void expectedArgumentsMatchNumbersByValueAndObjectsByTheirExpectedMembers() throws Exception {
    assertThat(
            ToolArguments.matches(
                JSON.readTree("{\"n\": 2, \"o\": {\"a\": [1, 2]}}"),
                JSON.readTree("{\"n\": 2.0, \"o\": {\"a\": [1, 2.00], \"b\": 3}, \"x\": 1}")))
        .isTrue();
    assertThat(
            ToolArguments.matches(
                JSON.readTree("{\"o\": {\"a\": [1, 2]}}"), JSON.readTree("{\"o\": {\"a\": [1]}}")))
        .isFalse();
    assertThat(ToolArguments.matches(JSON.readTree("{\"s\": \"2\"}"), JSON.readTree("{\"s\": 2}")))
        .isFalse();
  }

  @Test
  void badToolCheckOptionsAreDiscoveryErrorsThatSayWhatWasExpected() {
    assertThatThrownBy(() -> spec("tool-call", "{\"tool\": \"a\", \"tools\": [\"b\"]}"))
        .hasMessage("check 'tool-call' takes 'tool' or 'tools', not both");
    assertThatThrownBy(() -> spec("tool-call", "[]"))
        .hasMessage(
            "check 'tool-call' needs a tool's name, a list of names or none, but was an empty"
                + " list");
    assertThatThrownBy(
            () ->
                spec(
                    "tool-argument",
                    "{\"tool\": \"a\", \"path\": \"$.x\", \"equals\": \"1\", \"matches\": \"1\"}"))
        .hasMessage(
            "check 'tool-argument' takes one of 'equals', 'matches' and 'one-of', not several");
    assertThatThrownBy(() -> spec("tool-argument", "{\"tool\": \"a\"}"))
        .hasMessage("check 'tool-argument' needs option 'path'");
    assertThatThrownBy(
            () -> spec("tool-argument", "{\"tool\": \"a\", \"path\": \"$.x\", \"matches\": \"(\"}"))
        .hasMessage(
            "option 'matches' of check 'tool-argument' is not a valid regular expression: Unclosed"
                + " group near index 1");
    assertThatThrownBy(() -> spec("expected-tool-calls", "{\"min-recall\": 2}"))
        .hasMessage(
            "option 'min-precision' and 'min-recall' of check 'expected-tool-calls' must be numbers"
                + " from 0 to 1, but was 2.0");
    assertThatThrownBy(() -> spec("tool-schema", "{\"tools\": \"a\"}"))
        .hasMessage("unknown option 'tools' of check 'tool-schema'; expected one of: name, tool");
  }
}

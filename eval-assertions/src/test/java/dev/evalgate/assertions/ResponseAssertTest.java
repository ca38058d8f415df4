package dev.evalgate.assertions;

import static dev.evalgate.assertions.EvalAssertions.assertThatResponse;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResponseAssertTest {
  @Test
  void passesAFluentChainOnAGoodAnswer() {
    assertThatResponse("```json\n{\"category\": \"refund\", \"priority\": \"low\", \"reply\": \"Refunded.\"}\n```")
        .hasJson()
        .matchesSchema("schemas/ticket-answer.json")
        .isNotRefusal()
        .hasAtMostWords(20)
        .contains("refund");
  }

  @Test
  void failuresCarryTheCheckReason() {
    assertThatThrownBy(() -> assertThatResponse("I'm sorry, but I can't help with that.").isNotRefusal())
        .isInstanceOf(AssertionError.class)
        .hasMessage("expected an answer but got a refusal: \"I can't\"");
    assertThatThrownBy(() -> assertThatResponse("{\"category\": \"gift\"}").matchesSchema("schemas/ticket-answer.json"))
        .hasMessageStartingWith("schema: 3 violations of schemas/ticket-answer.json: ");
    assertThatThrownBy(() -> assertThatResponse("All good").isRefusal())
        .hasMessage("expected a refusal but the answer complied: All good");
  }
}

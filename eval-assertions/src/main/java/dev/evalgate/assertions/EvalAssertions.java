package dev.evalgate.assertions;

import dev.evalgate.api.EvalCase;
import dev.evalgate.api.Exchange;
import dev.evalgate.api.ModelResponse;
import java.util.Map;

/**
 * Entry point of the fluent API: the same checks suites use, asserted on one response.
 *
 * <pre>{@code
 * import static dev.evalgate.assertions.EvalAssertions.assertThatResponse;
 *
 * assertThatResponse(answer)
 *     .hasJson()
 *     .matchesSchema("schemas/answer.json")
 *     .isNotRefusal()
 *     .hasAtMostWords(120);
 * }</pre>
 */
public final class EvalAssertions {
  private EvalAssertions() {}

  public static ResponseAssert assertThatResponse(String answer) {
    return new ResponseAssert(Exchange.of(EvalCase.of("assertion", Map.of()), answer));
  }

  public static ResponseAssert assertThatResponse(ModelResponse response) {
    Exchange exchange =
        new Exchange(
            EvalCase.of("assertion", Map.of()),
            "assertion",
            null,
            java.util.List.of(),
            response,
            null,
            0);
    return new ResponseAssert(exchange);
  }

  public static ResponseAssert assertThatResponse(Exchange exchange) {
    return new ResponseAssert(exchange);
  }
}

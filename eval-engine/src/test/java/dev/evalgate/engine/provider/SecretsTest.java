package dev.evalgate.engine.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTest {
  @Test
  void aSecretEchoedInAToolCallsArgumentsIsScrubbedLikeOneInTheAnswer() {
    Secrets secrets = Secrets.of(List.of("sk-live-1234567890"));
    ModelResponse echoed =
        ModelResponse.ofToolCalls(
            "key sk-live-1234567890",
            List.of(
                ToolCall.of("call_1", "login", "{\"key\":\"sk-live-1234567890\"}"),
                ToolCall.of("call_2", "lookup", "{}")));

    ModelResponse scrubbed = secrets.scrub(echoed);

    assertThat(scrubbed.content()).isEqualTo("key [REDACTED]");
    assertThat(scrubbed.toolCalls())
        .containsExactly(
            ToolCall.of("call_1", "login", "{\"key\":\"[REDACTED]\"}"),
            ToolCall.of("call_2", "lookup", "{}"));
    ModelResponse clean =
        ModelResponse.ofToolCalls("", List.of(ToolCall.of("call_2", "lookup", "{}")));
    assertThat(secrets.scrub(clean)).isSameAs(clean);
  }
}

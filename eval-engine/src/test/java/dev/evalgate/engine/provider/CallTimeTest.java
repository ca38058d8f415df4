package dev.evalgate.engine.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.config.Settings;
import dev.evalgate.engine.model.CallRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * A call that needed retries reports its answer's latency (the last attempt) and its total time
 * apart.
 */
class CallTimeTest {
  @Test
  void theAnswersLatencyIsTheLastAttemptAndTheCallTimeCoversEveryAttemptAndWait() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(503).body("{}").build());
      server.enqueue(new MockResponse.Builder().code(503).body("{}").build());
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .body("{\"choices\":[{\"message\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}")
              .build());
      server.start();
      Map<String, String> values =
          Map.of(
              Constants.RECORDING_MODE,
              "off",
              Constants.RETRY_INITIAL_DELAY,
              "300ms",
              Constants.RETRY_MAX_ATTEMPTS,
              "3");
      EngineConfiguration config =
          EngineConfiguration.from(Settings.of(k -> Optional.ofNullable(values.get(k))));
      VariantSpec variant =
          VariantSpec.http("control", VariantSpec.OPENAI, "gpt-4o-mini")
              .asControl()
              .withBaseUrl(server.url("/v1").toString());
      ModelResponse response;
      try (HttpResponder responder =
          HttpResponder.create("suite", config, k -> "sk-test-key-123456", pool)) {
        response =
            responder
                .answer(
                    new CallRequest(
                        "suite",
                        variant,
                        EvalCase.of("c-1", Map.of()),
                        0,
                        List.of(ChatMessage.user("Hi"))))
                .join();
      }

      assertThat(response.content()).isEqualTo("ok");
      assertThat(server.getRequestCount()).isEqualTo(3);
      // two backoff waits of 300 ms and 600 ms, each +-20 %: at least 720 ms in all
      assertThat(response.callTime()).isGreaterThanOrEqualTo(Duration.ofMillis(720));
      assertThat(response.latency()).isLessThan(response.callTime().minus(Duration.ofMillis(700)));
    } finally {
      pool.shutdownNow();
    }
  }
}

package dev.evalgate.engine.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.config.Settings;
import dev.evalgate.engine.model.CallRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A live call says how many requests it sent and what each retried one failed with, and a call that
 * still failed says after how many attempts; no key reaches those texts.
 */
class RetriesTest {
  static final String KEY = "sk-test-key-123456";

  /** A header value of the suite, not shaped like a credential. */
  static final String GATEWAY = "plaincanary4711";

  static final String OK =
      "{\"choices\":[{\"message\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}";

  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void anAnswerAfterA503SaysItTookTwoAttemptsAndWhatTheFirstFailedWith() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(503).body("upstream busy").build());
      server.enqueue(new MockResponse.Builder().code(200).body(OK).build());
      server.start();

      ModelResponse response = call(server);

      assertThat(response.content()).isEqualTo("ok");
      assertThat(response.attempts()).isEqualTo(2);
      assertThat(response.retriedErrors())
          .containsExactly("server error (HTTP 503): upstream busy");
    }
  }

  @Test
  void aCallThatFailedFourTimesSaysSoWithTheLastErrorAndEveryEarlierOne() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      for (int i = 1; i <= 4; i++) {
        server.enqueue(new MockResponse.Builder().code(503).body("busy " + i).build());
      }
      server.start();

      ModelResponse response = call(server);

      assertThat(server.getRequestCount()).isEqualTo(4);
      assertThat(response.error()).isEqualTo(ErrorClass.SERVER_ERROR);
      assertThat(response.errorMessage())
          .isEqualTo("failed after 4 attempts: server error (HTTP 503): busy 4");
      assertThat(response.attempts()).isEqualTo(4);
      assertThat(response.retriedErrors())
          .containsExactly(
              "server error (HTTP 503): busy 1",
              "server error (HTTP 503): busy 2",
              "server error (HTTP 503): busy 3");
    }
  }

  @Test
  void aCallOfOneAttemptKeepsItsMessageAndCountsOneAttempt() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(400).body("bad field").build());
      server.start();

      ModelResponse response = call(server);

      assertThat(response.errorMessage()).isEqualTo("request rejected (HTTP 400): bad field");
      assertThat(response.attempts()).isEqualTo(1);
      assertThat(response.retriedErrors()).isEmpty();
    }
  }

  @Test
  void aServerThatEchoesTheKeyAndAHeaderValueGetsNeitherIntoTheAttemptTexts() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      String echo =
          "{\"seen\": \"Authorization: Bearer "
              + KEY
              + "\", \"x-gateway\": \""
              + GATEWAY
              + "\", \"x-api-key\": \""
              + KEY;
      for (int i = 1; i <= 4; i++) {
        server.enqueue(new MockResponse.Builder().code(502).body(echo + i + "\"}").build());
      }
      server.start();

      ModelResponse response = call(server);

      assertThat(response.attempts()).isEqualTo(4);
      assertThat(response.retriedErrors()).hasSize(3);
      for (String text : texts(response)) {
        assertThat(text)
            .doesNotContain(KEY)
            .doesNotContain("test-key")
            .doesNotContain(GATEWAY)
            .contains("[REDACTED]");
      }
    }
  }

  @Test
  void aGatewaysLongErrorPageIsCutOnceWithANoteAfterItsSecretsAreOutAndNoPairIsSplit()
      throws Exception {
    // a 200 KB page: the key straddles where the body used to be cut (197 characters), and an
    // emoji straddles where the final message is cut (260 characters and the note)
    String head = "<html><body><h1>502 Bad Gateway</h1><p>" + "k".repeat(151);
    String page =
        head + KEY + " " + "e".repeat(8) + "😀" + "x".repeat(200_000) + "</p></body></html>";
    try (MockWebServer server = new MockWebServer()) {
      for (int i = 1; i <= 4; i++) {
        server.enqueue(new MockResponse.Builder().code(502).body(page).build());
      }
      server.start();

      ModelResponse response = call(server);

      String kept = head + "[REDACTED] " + "e".repeat(8);
      assertThat(response.errorMessage())
          .isEqualTo(
              "failed after 4 attempts: server error (HTTP 502): "
                  + kept
                  + " [... 200,019 more characters]");
      assertThat(response.retriedErrors())
          .containsOnly(
              "server error (HTTP 502): "
                  + kept
                  + "😀"
                  + "x".repeat(24)
                  + " [... 199,994 more characters]");
      for (String text : texts(response)) {
        assertThat(text.length()).isLessThanOrEqualTo(300);
        assertThat(text).doesNotContain("sk-test");
      }
    }
  }

  private static List<String> texts(ModelResponse response) {
    List<String> texts = new java.util.ArrayList<>(response.retriedErrors());
    texts.add(String.valueOf(response.errorMessage()));
    return texts;
  }

  private ModelResponse call(MockWebServer server) {
    Map<String, String> values =
        Map.of(
            Constants.RECORDING_MODE,
            "off",
            Constants.RETRY_INITIAL_DELAY,
            "5ms",
            Constants.RETRY_MAX_ATTEMPTS,
            "4");
    EngineConfiguration config =
        EngineConfiguration.from(Settings.of(k -> Optional.ofNullable(values.get(k))));
    VariantSpec variant =
        VariantSpec.http("control", VariantSpec.OPENAI, "gpt-4o-mini")
            .asControl()
            .withBaseUrl(server.url("/v1").toString())
            .withHeaders(Map.of("X-Gateway", GATEWAY));
    try (HttpResponder responder =
        HttpResponder.create(
            "suite",
            config,
            k -> KEY,
            pool,
            (attempt, delay) -> {},
            Secrets.of(List.of(variant), k -> KEY))) {
      return responder
          .answer(
              new CallRequest(
                  "suite",
                  variant,
                  EvalCase.of("c-1", Map.of()),
                  0,
                  List.of(ChatMessage.user("Hi"))))
          .join();
    }
  }
}

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
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A body over the configured maximum, or over a JSON parser limit, is a too_large error read in
 * bounded memory.
 */
class ResponseSizeTest {
  MockWebServer server;
  ExecutorService pool;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    pool = Executors.newSingleThreadExecutor();
  }

  @AfterEach
  void stop() {
    server.close();
    pool.shutdownNow();
  }

  ModelResponse answer(String maxSize) {
    Map<String, String> values =
        Map.of(
            Constants.RECORDING_MODE,
            "off",
            Constants.RESPONSE_MAX_SIZE,
            maxSize,
            Constants.RETRY_INITIAL_DELAY,
            "10ms",
            Constants.TIMEOUT,
            "20s");
    EngineConfiguration config =
        EngineConfiguration.from(Settings.of(k -> Optional.ofNullable(values.get(k))));
    VariantSpec variant =
        VariantSpec.http("control", VariantSpec.OPENAI, "gpt-4o-mini")
            .asControl()
            .withBaseUrl(server.url("/v1").toString());
    try (HttpResponder responder =
        HttpResponder.create("suite", config, k -> "sk-test-key-123456", pool)) {
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

  static String answerOf(int chars) {
    return "{\"choices\":[{\"message\":{\"content\":\""
        + "a".repeat(chars)
        + "\"},\"finish_reason\":\"stop\"}]}";
  }

  @Test
  void aBodyOverTheMaximumIsTooLargeAndNotRetried() {
    server.enqueue(new MockResponse.Builder().code(200).body(answerOf(3 << 20)).build());

    ModelResponse response = answer("1MB");

    assertThat(response.error()).isEqualTo(ErrorClass.TOO_LARGE);
    assertThat(response.errorMessage())
        .isEqualTo(
            "the response body is larger than 1MB (evalgate.response.max-size); it was not read"
                + " whole");
    assertThat(server.getRequestCount()).as("not retried").isEqualTo(1);
  }

  @Test
  void aStreamedBodyWithoutALengthIsReadOnlyUntilItPassesTheMaximum() {
    Buffer chunked = new Buffer().writeUtf8(answerOf(3 << 20));
    server.enqueue(new MockResponse.Builder().code(200).chunkedBody(chunked, 64 << 10).build());

    ModelResponse response = answer("1MB");

    assertThat(response.error()).isEqualTo(ErrorClass.TOO_LARGE);
    assertThat(response.errorMessage()).startsWith("the response body is larger than 1MB");
  }

  @Test
  void aBodyUnderTheMaximumIsAnswered() {
    server.enqueue(new MockResponse.Builder().code(200).body(answerOf(500_000)).build());

    assertThat(answer("1MB").content()).hasSize(500_000);
  }

  @Test
  void aBodyOverAJsonParserLimitSaysSoInsteadOfNotJson() {
    String deep = "{\"choices\":" + "[".repeat(1_001) + "]".repeat(1_001) + "}";
    server.enqueue(new MockResponse.Builder().code(200).body(deep).build());

    ModelResponse response = answer("1MB");

    assertThat(response.error()).isEqualTo(ErrorClass.TOO_LARGE);
    assertThat(response.errorMessage())
        .isEqualTo(
            "the response body is over the JSON parser's limit: Document nesting depth"
                + " (1001) exceeds the maximum allowed (1000)");
  }

  @Test
  void anInvalidMaximumIsAWarningAndTheDefaultIsUsed() {
    Settings settings =
        Settings.of(k -> Optional.ofNullable(Map.of(Constants.RESPONSE_MAX_SIZE, "huge").get(k)));

    assertThat(EngineConfiguration.from(settings).responseMaxBytes()).isEqualTo(4L << 20);
    assertThat(settings.warnings())
        .containsExactly(
            "Invalid value 'huge' for configuration parameter 'evalgate.response.max-size':"
                + " expected a size from 1KB to 1GB such as 512KB or 4MB; using the default"
                + " '4MB'.");
  }
}

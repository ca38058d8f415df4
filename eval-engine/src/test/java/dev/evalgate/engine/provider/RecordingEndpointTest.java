package dev.evalgate.engine.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalgate.api.AppEndpoint;
import dev.evalgate.api.AppFunction;
import dev.evalgate.api.CallStep;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.config.Settings;
import dev.evalgate.engine.model.CallRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recording endpoint of an app variant, over real sockets: an agent of three model calls with
 * two tool rounds is recorded through it from a provider (MockWebServer) and replayed with the
 * provider gone and no key, byte for byte; a stream replays as the stream it was; a call that was
 * never recorded errs the case as not_recorded and says which call.
 */
class RecordingEndpointTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TOOLS =
      """
      [{"type":"function","function":{"name":"lookup_order","parameters":{"type":"object","properties":{"order_id":{"type":"string"}}}}},
       {"type":"function","function":{"name":"request_refund","parameters":{"type":"object","properties":{"order_id":{"type":"string"}}}}}]\
      """;

  @TempDir Path recordings;
  MockWebServer provider;
  ExecutorService pool;
  final Map<String, String> environment =
      new HashMap<>(Map.of("OPENAI_API_KEY", "sk-test-1234", "ANTHROPIC_API_KEY", "sk-ant-1234"));

  /** Every body the application received, in order. */
  final List<String> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    provider = new MockWebServer();
    provider.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answerOf(request);
          }
        });
    provider.start();
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void stop() {
    provider.close();
    pool.shutdownNow();
  }

  /**
   * The provider: a tool call per round until both tools have answered, then text; a stream when
   * asked.
   */
  static MockResponse answerOf(RecordedRequest request) {
    JsonNode body;
    try {
      body = JSON.readTree(request.getBody().utf8());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    if (body.path("stream").asBoolean()) {
      return new MockResponse.Builder()
          .code(200)
          .addHeader("Content-Type", "text/event-stream")
          .body(
              """
              event: message_start
              data: {"type":"message_start","message":{"usage":{"input_tokens":12,"output_tokens":1}}}

              event: content_block_delta
              data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

              event: message_delta
              data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":3}}

              event: message_stop
              data: {"type":"message_stop"}

              """)
          .build();
    }
    long results = 0;
    for (JsonNode message : body.path("messages")) {
      results += message.path("role").asText().equals("tool") ? 1 : 0;
    }
    String message =
        results == 0
            ? "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"lookup_order\",\"arguments\":\"{\\\"order_id\\\":\\\"A-1\\\"}\"}}]}"
            : results == 1
                ? "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":\"request_refund\",\"arguments\":\"{\\\"order_id\\\":\\\"A-1\\\"}\"}}]}"
                : "{\"role\":\"assistant\",\"content\":\"Refund filed for A-1.\"}";
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(
            "{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":"
                + message
                + ",\"finish_reason\":\""
                + (results < 2 ? "tool_calls" : "stop")
                + "\"}],\"usage\":{\"prompt_tokens\":"
                + (40 + results * 10)
                + ",\"completion_tokens\":7}}")
        .build();
  }

  /**
   * The application: an agent loop over Chat Completions with the JDK's HTTP client, running the
   * tools itself.
   */
  final AppFunction agent =
      (prompt, endpoint) -> {
        HttpClient http = HttpClient.newHttpClient();
        ObjectNode request = JSON.createObjectNode().put("model", "gpt-4.1-mini");
        ArrayNode messages = request.putArray("messages");
        messages
            .addObject()
            .put("role", "user")
            .put("content", prompt.get(prompt.size() - 1).content());
        request.set("tools", JSON.readTree(TOOLS));
        for (int round = 0; round < 5; round++) {
          HttpResponse<String> response =
              http.send(
                  HttpRequest.newBuilder(URI.create(endpoint.openAiBaseUrl() + "/chat/completions"))
                      .header("Authorization", "Bearer " + endpoint.apiKey())
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          received.add(response.body());
          if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
          }
          JsonNode message = JSON.readTree(response.body()).path("choices").path(0).path("message");
          if (!message.has("tool_calls") || message.path("tool_calls").isEmpty()) {
            return message.path("content").asText();
          }
          messages.add(message);
          for (JsonNode call : message.path("tool_calls")) {
            messages
                .addObject()
                .put("role", "tool")
                .put("tool_call_id", call.path("id").asText())
                .put(
                    "content",
                    "{\"status\":\"ok\",\"tool\":\""
                        + call.path("function").path("name").asText()
                        + "\"}");
          }
        }
        throw new IllegalStateException("the agent did not finish");
      };

  HttpResponder responder(String mode) {
    Map<String, String> values =
        Map.of(
            Constants.RECORDING_MODE,
            mode,
            Constants.RECORDING_DIR,
            recordings.toString(),
            Constants.TIMEOUT,
            "5s",
            Constants.RETRY_MAX_ATTEMPTS,
            "1");
    return HttpResponder.create(
        "suite",
        EngineConfiguration.from(Settings.of(k -> Optional.ofNullable(values.get(k)))),
        environment::get,
        pool);
  }

  CallRequest call(AppFunction app, String caseId, String question) {
    VariantSpec variant =
        VariantSpec.app("assistant", "gpt-4.1-mini", app)
            .asControl()
            .withBaseUrl(provider.url("/v1").toString());
    return new CallRequest(
        "suite", variant, EvalCase.of(caseId, Map.of()), 0, List.of(ChatMessage.user(question)));
  }

  @Test
  void aThreeCallAgentIsRecordedThroughTheEndpointAndReplaysByteForByteWithoutTheProviderOrAKey()
      throws Exception {
    ModelResponse live;
    try (HttpResponder responder = responder("record")) {
      live = responder.answer(call(agent, "c-1", "Refund my late order A-1")).join();
    }
    assertThat(live.error()).as(String.valueOf(live.errorMessage())).isNull();
    assertThat(live.content()).isEqualTo("Refund filed for A-1.");
    assertThat(live.steps()).hasSize(3).allSatisfy(step -> assertThat(step.recorded()).isFalse());
    assertThat(live.toolCalls())
        .extracting(c -> c.name())
        .containsExactly("lookup_order", "request_refund");
    assertThat(live.usage().promptTokens()).isEqualTo(40 + 50 + 60);
    assertThat(live.usage().completionTokens()).isEqualTo(21);
    assertThat(live.steps().get(0).tools())
        .extracting(t -> t.name())
        .containsExactly("lookup_order", "request_refund");
    assertThat(provider.getRequestCount()).isEqualTo(3);
    RecordedRequest first = provider.takeRequest();
    assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer sk-test-1234");
    assertThat(first.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    List<String> recordedBodies = List.copyOf(received);
    String journal = Files.readString(recordings.resolve("suite").resolve("assistant.jsonl"));
    assertThat(journal).doesNotContain("sk-test-1234").contains("\"format\":2");

    provider.close();
    environment.clear();
    received.clear();
    ModelResponse replayed;
    try (HttpResponder responder = responder("replay")) {
      replayed = responder.answer(call(agent, "c-1", "Refund my late order A-1")).join();
    }
    assertThat(replayed.error()).as(String.valueOf(replayed.errorMessage())).isNull();
    assertThat(replayed.content()).isEqualTo("Refund filed for A-1.");
    assertThat(received).isEqualTo(recordedBodies);
    assertThat(replayed.recorded()).isTrue();
    assertThat(replayed.steps())
        .hasSize(3)
        .allSatisfy(step -> assertThat(step.recorded()).isTrue());
    assertThat(replayed.toolCalls()).isEqualTo(live.toolCalls());
    assertThat(replayed.usage()).isEqualTo(live.usage());
    assertThat(replayed.latency())
        .isEqualTo(
            replayed.steps().stream()
                .map(CallStep::latency)
                .reduce(java.time.Duration.ZERO, java.time.Duration::plus));
  }

  /** As for an HTTP variant: a local provider needs no key, so auto forwards a miss to it. */
  @Test
  void autoModeForwardsAMissToALocalProviderWithoutAKey() {
    environment.clear();
    ModelResponse answer;
    try (HttpResponder responder = responder("auto")) {
      answer = responder.answer(call(agent, "c-1", "Refund my late order A-1")).join();
    }
    assertThat(answer.error()).as(String.valueOf(answer.errorMessage())).isNull();
    assertThat(answer.content()).isEqualTo("Refund filed for A-1.");
    assertThat(provider.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aCallThatWasNeverRecordedErrsTheCaseAsNotRecordedAndSaysWhichCall() {
    ModelResponse answer;
    try (HttpResponder responder = responder("replay")) {
      answer = responder.answer(call(agent, "c-9", "Where is A-9?")).join();
    }
    assertThat(answer.error()).isEqualTo(ErrorClass.NOT_RECORDED);
    assertThat(answer.errorMessage())
        .startsWith(
            "call 1 of 1: no recording of call 1 of case 'c-9' of variant 'assistant' (model"
                + " gpt-4.1-mini); record the missing answers with: OPENAI_API_KEY=... mvn verify"
                + " -Devalgate.recording.mode=record");
    assertThat(answer.steps())
        .singleElement()
        .satisfies(step -> assertThat(step.httpStatus()).isEqualTo(404));
    assertThat(provider.getRequestCount()).isZero();
  }

  @Test
  void aStreamIsRecordedAndReplayedAsTheStreamItWasWithItsTimeToFirstToken() throws Exception {
    List<String> types = new CopyOnWriteArrayList<>();
    AppFunction streaming =
        (prompt, endpoint) -> {
          HttpResponse<String> response =
              HttpClient.newHttpClient()
                  .send(
                      HttpRequest.newBuilder(
                              URI.create(endpoint.anthropicBaseUrl() + "/v1/messages"))
                          .header("x-api-key", endpoint.apiKey())
                          .header("anthropic-version", "2023-06-01")
                          .POST(
                              HttpRequest.BodyPublishers.ofString(
                                  "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":64,\"stream\":true,"
                                      + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
          received.add(response.body());
          types.add(response.headers().firstValue("Content-Type").orElse(""));
          return "streamed";
        };
    ModelResponse live;
    try (HttpResponder responder = responder("record")) {
      live = responder.answer(call(streaming, "s-1", "Hi")).join();
    }
    assertThat(live.steps())
        .singleElement()
        .satisfies(
            step -> {
              assertThat(step.provider()).isEqualTo(VariantSpec.ANTHROPIC);
              assertThat(step.stream()).isTrue();
              assertThat(step.timeToFirstToken()).isNotNull();
              assertThat(step.usage().completionTokens()).isEqualTo(3);
            });
    assertThat(provider.takeRequest().getHeaders().get("x-api-key")).isEqualTo("sk-ant-1234");
    provider.close();
    String recorded = received.get(0);
    received.clear();
    ModelResponse replayed;
    try (HttpResponder responder = responder("replay")) {
      replayed = responder.answer(call(streaming, "s-1", "Hi")).join();
    }
    assertThat(received).containsExactly(recorded);
    assertThat(recorded).startsWith("event: message_start");
    assertThat(types).allSatisfy(type -> assertThat(type).startsWith("text/event-stream"));
    assertThat(replayed.steps())
        .singleElement()
        .satisfies(
            step -> {
              assertThat(step.recorded()).isTrue();
              assertThat(step.timeToFirstToken())
                  .isEqualTo(
                      live.steps()
                          .get(0)
                          .timeToFirstToken()
                          .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            });
  }

  @Test
  void theEndpointAnswersOnlyItsTwoApisOnlyWhileACaseRunsAndARefusedCallErrsTheCase()
      throws Exception {
    AppEndpoint[] kept = new AppEndpoint[1];
    List<Integer> statuses = new CopyOnWriteArrayList<>();
    AppFunction probing =
        (prompt, endpoint) -> {
          kept[0] = endpoint;
          HttpClient http = HttpClient.newHttpClient();
          statuses.add(
              http.send(
                      HttpRequest.newBuilder(URI.create(endpoint.openAiBaseUrl() + "/embeddings"))
                          .POST(HttpRequest.BodyPublishers.ofString("{}"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode());
          statuses.add(
              http.send(
                      HttpRequest.newBuilder(
                              URI.create(endpoint.openAiBaseUrl() + "/chat/completions"))
                          .POST(HttpRequest.BodyPublishers.ofString("not json"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode());
          return "done";
        };
    try (HttpResponder responder = responder("replay")) {
      ModelResponse answer = responder.answer(call(probing, "p-1", "Hi")).join();
      assertThat(answer.error())
          .as("the application answered without the calls it was refused")
          .isEqualTo(ErrorClass.CLIENT);
      assertThat(answer.errorMessage())
          .isEqualTo(
              "call 1 of 2: HTTP 404 from EvalGate's recording endpoint: EvalGate's recording"
                  + " endpoint answers POST .../chat/completions (OpenAI) and POST .../messages"
                  + " (Anthropic), not POST /v1/embeddings");
      assertThat(answer.steps())
          .extracting(CallStep::errorMessage)
          .element(1)
          .isEqualTo(
              "HTTP 400 from EvalGate's recording endpoint: the request body is not a JSON"
                  + " object");
      HttpResponse<String> late =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(kept[0].openAiBaseUrl() + "/chat/completions"))
                      .POST(HttpRequest.BodyPublishers.ofString("{}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(late.statusCode()).isEqualTo(404);
      assertThat(late.body()).contains("no case is running under this URL");
    }
    assertThat(statuses).containsExactly(404, 400);
    assertThat(kept[0].openAiBaseUrl()).startsWith("http://127.0.0.1:").endsWith("/v1");
  }
}

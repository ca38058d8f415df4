package dev.evalgate.engine.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.Parameters;
import dev.evalgate.api.ToolCall;
import dev.evalgate.api.ToolChoice;
import dev.evalgate.api.ToolSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.config.Settings;
import dev.evalgate.engine.model.CallRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each provider's own shape of tools, tool calls, tool results and streams, request and answer,
 * over a real socket.
 */
class ToolCallShapesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ToolSpec LOOKUP =
      ToolSpec.of(
          "lookup_order",
          "Looks an order up by its id",
          "{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"}},\"required\":[\"order_id\"]}");
  static final ToolSpec REFUND =
      ToolSpec.of(
          "request_refund",
          null,
          "{\"type\":\"object\",\"properties\":{\"reason\":{\"type\":\"string\"}}}");

  /** A conversation that already called a tool and holds its result. */
  static final List<ChatMessage> CONVERSATION =
      List.of(
          ChatMessage.system("You are Acme's assistant."),
          ChatMessage.user("Where is A-100037?"),
          ChatMessage.assistant(
              "Let me check.",
              List.of(ToolCall.of("call_1", "lookup_order", "{\"order_id\":\"A-100037\"}"))),
          ChatMessage.toolResult("call_1", "{\"status\":\"late\"}"),
          ChatMessage.user("Refund it, please."));

  @TempDir Path recordings;
  MockWebServer server;
  ExecutorService pool;
  final Map<String, String> environment =
      new HashMap<>(Map.of("OPENAI_API_KEY", "sk-test-1234", "ANTHROPIC_API_KEY", "sk-ant-1234"));

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void stop() {
    server.close();
    pool.shutdownNow();
  }

  HttpResponder responder(String mode, String... more) {
    Map<String, String> values =
        new HashMap<>(
            Map.of(
                Constants.RECORDING_MODE,
                mode,
                Constants.RECORDING_DIR,
                recordings.toString(),
                Constants.RETRY_INITIAL_DELAY,
                "10ms",
                Constants.TIMEOUT,
                "5s",
                Constants.RETRY_MAX_ATTEMPTS,
                "1"));
    for (int i = 0; i < more.length; i += 2) {
      values.put(more[i], more[i + 1]);
    }
    return HttpResponder.create(
        "suite",
        EngineConfiguration.from(Settings.of(k -> Optional.ofNullable(values.get(k)))),
        environment::get,
        pool);
  }

  VariantSpec openai(boolean stream) {
    return VariantSpec.http("control", VariantSpec.OPENAI, "gpt-4o-mini")
        .asControl()
        .withBaseUrl(server.url("/v1").toString())
        .withTools(List.of(LOOKUP, REFUND), ToolChoice.REQUIRED)
        .withParameters(Parameters.DEFAULTS.withStream(stream));
  }

  VariantSpec anthropic(boolean stream) {
    return VariantSpec.http("challenger", VariantSpec.ANTHROPIC, "claude-haiku-4-5")
        .withBaseUrl(server.url("/").toString())
        .withTools(List.of(LOOKUP, REFUND), ToolChoice.tool("request_refund"))
        .withParameters(Parameters.DEFAULTS.withStream(stream));
  }

  static CallRequest call(VariantSpec variant) {
    return new CallRequest("suite", variant, EvalCase.of("c-1", Map.of()), 0, CONVERSATION);
  }

  static MockResponse json(String body) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  static MockResponse events(String body) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "text/event-stream")
        .body(body)
        .build();
  }

  JsonNode sent() throws InterruptedException {
    RecordedRequest request = server.takeRequest();
    try {
      return JSON.readTree(request.getBody().utf8());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void openAiSendsToolsChoiceCallsAndResultsInItsShapeAndReadsToolCalls() throws Exception {
    server.enqueue(
        json(
            """
            {"id":"chatcmpl-1","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
              {"id":"call_2","type":"function","function":{"name":"request_refund","arguments":"{\\"reason\\":\\"late\\"}"}}]},
              "finish_reason":"tool_calls"}],"usage":{"prompt_tokens":80,"completion_tokens":12}}\
            """));
    ModelResponse answer;
    try (HttpResponder responder = responder("off")) {
      answer = responder.answer(call(openai(false))).join();
    }

    assertThat(answer.error()).isNull();
    assertThat(answer.text()).isEmpty();
    assertThat(answer.finishReason()).isEqualTo("tool_calls");
    assertThat(answer.toolCalls())
        .containsExactly(ToolCall.of("call_2", "request_refund", "{\"reason\":\"late\"}"));
    assertThat(answer.timeToFirstToken()).isNull();
    assertThat(sent())
        .isEqualTo(
            JSON.readTree(
                """
                {"model":"gpt-4o-mini","messages":[
                  {"role":"system","content":"You are Acme's assistant."},
                  {"role":"user","content":"Where is A-100037?"},
                  {"role":"assistant","content":"Let me check.","tool_calls":[{"id":"call_1","type":"function",
                    "function":{"name":"lookup_order","arguments":"{\\"order_id\\":\\"A-100037\\"}"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"{\\"status\\":\\"late\\"}"},
                  {"role":"user","content":"Refund it, please."}],
                 "tools":[{"type":"function","function":{"name":"lookup_order","description":"Looks an order up by its id",
                    "parameters":{"type":"object","properties":{"order_id":{"type":"string"}},"required":["order_id"]}}},
                  {"type":"function","function":{"name":"request_refund","parameters":{"type":"object","properties":{"reason":{"type":"string"}}}}}],
                 "tool_choice":"required"}\
                """));
  }

  @Test
  void anthropicSendsToolsChoiceToolUseAndToolResultBlocksAndReadsToolUse() throws Exception {
    server.enqueue(
        json(
            """
            {"id":"msg_1","type":"message","role":"assistant","content":[{"type":"text","text":"Refunding."},
              {"type":"tool_use","id":"toolu_2","name":"request_refund","input":{"reason":"late"}}],
             "stop_reason":"tool_use","usage":{"input_tokens":90,"output_tokens":20}}\
            """));
    ModelResponse answer;
    try (HttpResponder responder = responder("off")) {
      answer = responder.answer(call(anthropic(false))).join();
    }

    assertThat(answer.text()).isEqualTo("Refunding.");
    assertThat(answer.finishReason()).isEqualTo("tool_use");
    assertThat(answer.toolCalls())
        .containsExactly(ToolCall.of("toolu_2", "request_refund", "{\"reason\":\"late\"}"));
    assertThat(answer.usage().promptTokens()).isEqualTo(90);
    assertThat(sent())
        .isEqualTo(
            JSON.readTree(
                """
                {"model":"claude-haiku-4-5","max_tokens":1024,"messages":[
                  {"role":"user","content":"Where is A-100037?"},
                  {"role":"assistant","content":[{"type":"text","text":"Let me check."},
                    {"type":"tool_use","id":"call_1","name":"lookup_order","input":{"order_id":"A-100037"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"{\\"status\\":\\"late\\"}"},
                    {"type":"text","text":"Refund it, please."}]}],
                 "system":"You are Acme's assistant.",
                 "tools":[{"name":"lookup_order","description":"Looks an order up by its id",
                    "input_schema":{"type":"object","properties":{"order_id":{"type":"string"}},"required":["order_id"]}},
                  {"name":"request_refund","input_schema":{"type":"object","properties":{"reason":{"type":"string"}}}}],
                 "tool_choice":{"type":"tool","name":"request_refund"}}\
                """));
  }

  @Test
  void openAiStreamIsReassembledWithItsUsageAndTheTimeToFirstTokenIsMeasuredLive()
      throws Exception {
    String first =
        "data:"
            + " {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Your\"},\"finish_reason\":null}]}\n\n";
    StringBuilder body = new StringBuilder(first);
    for (String word :
        " order is on its way and should arrive within three to five working days".split("(?= )")) {
      body.append("data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"")
          .append(word)
          .append("\"},\"finish_reason\":null}]}\n\n");
    }
    body.append(
            "data:"
                + " {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n")
        .append(
            "data:"
                + " {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":16}}\n\n")
        .append("data: [DONE]\n\n");
    // the first event arrives at once, the rest slowly: the first token is measured when it comes,
    // not at the end
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "text/event-stream; charset=utf-8")
            .body(body.toString())
            .throttleBody(first.length(), 40, TimeUnit.MILLISECONDS)
            .build());
    ModelResponse answer;
    try (HttpResponder responder = responder("off")) {
      answer = responder.answer(call(openai(true).withTools(List.of(), null))).join();
    }

    assertThat(answer.error()).as(answer.errorMessage()).isNull();
    assertThat(answer.text())
        .isEqualTo("Your order is on its way and should arrive within three to five working days");
    assertThat(answer.finishReason()).isEqualTo("stop");
    assertThat(answer.usage().promptTokens()).isEqualTo(50);
    assertThat(answer.usage().estimated()).isFalse();
    assertThat(answer.timeToFirstToken()).isNotNull();
    assertThat(answer.timeToFirstToken().toNanos())
        .as("first token against the whole stream")
        .isLessThan(answer.latency().toNanos() / 3);
    JsonNode request = sent();
    assertThat(request.get("stream").asBoolean()).isTrue();
    assertThat(request.get("stream_options").get("include_usage").asBoolean()).isTrue();
  }

  @Test
  void openAiStreamedToolCallsAreAssembledFromTheirPieces() {
    server.enqueue(
        events(
            """
            data: {"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_9","type":"function","function":{"name":"lookup_order","arguments":""}}]},"finish_reason":null}]}

            data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"order_"}}]},"finish_reason":null}]}

            data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"id\\":\\"A-7\\"}"}},{"index":1,"id":"call_10","function":{"name":"request_refund","arguments":"{}"}}]},"finish_reason":null}]}

            data: {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

            data: [DONE]

            """));
    try (HttpResponder responder = responder("off")) {
      ModelResponse answer = responder.answer(call(openai(true))).join();
      assertThat(answer.toolCalls())
          .containsExactly(
              ToolCall.of("call_9", "lookup_order", "{\"order_id\":\"A-7\"}"),
              ToolCall.of("call_10", "request_refund", "{}"));
      assertThat(answer.finishReason()).isEqualTo("tool_calls");
      assertThat(answer.usage().estimated()).as("no usage chunk: estimated").isTrue();
      assertThat(answer.timeToFirstToken()).isNotNull();
    }
  }

  @Test
  void anthropicStreamOfTextAndToolUseIsReassembled() throws Exception {
    server.enqueue(
        events(
            """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1","role":"assistant","content":[],"usage":{"input_tokens":70,"output_tokens":1}}}

            event: ping
            data: {"type":"ping"}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Refunding "}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"now."}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: content_block_start
            data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_3","name":"request_refund","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"reason\\": "}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\\"late\\"}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":1}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":25}}

            event: message_stop
            data: {"type":"message_stop"}

            """));
    try (HttpResponder responder = responder("off")) {
      ModelResponse answer = responder.answer(call(anthropic(true))).join();
      assertThat(answer.error()).as(answer.errorMessage()).isNull();
      assertThat(answer.text()).isEqualTo("Refunding now.");
      assertThat(answer.toolCalls())
          .containsExactly(ToolCall.of("toolu_3", "request_refund", "{\"reason\": \"late\"}"));
      assertThat(answer.finishReason()).isEqualTo("tool_use");
      assertThat(answer.usage().promptTokens()).isEqualTo(70);
      assertThat(answer.usage().completionTokens()).isEqualTo(25);
      assertThat(answer.timeToFirstToken()).isNotNull();
    }
    assertThat(sent().get("stream").asBoolean()).isTrue();
  }

  @Test
  void aStreamThatEndsEarlyOrReportsAnErrorIsABadResponseThatSaysWhy() {
    server.enqueue(
        events(
            "data:"
                + " {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hal\"},\"finish_reason\":null}]}\n\n"));
    server.enqueue(
        events(
            "event: message_start\n"
                + "data:"
                + " {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":1}}}\n\n"
                + "event: error\n"
                + "data:"
                + " {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"));
    server.enqueue(events("data: {not json}\n\n"));
    try (HttpResponder responder = responder("off")) {
      ModelResponse cut = responder.answer(call(openai(true))).join();
      assertThat(cut.error()).isEqualTo(ErrorClass.BAD_RESPONSE);
      assertThat(cut.errorMessage())
          .isEqualTo(
              "malformed stream: the stream ended before its end (no [DONE] and no finish_reason)");
      ModelResponse error = responder.answer(call(anthropic(true))).join();
      assertThat(error.errorMessage())
          .isEqualTo("malformed stream: the stream reported an error: Overloaded");
      ModelResponse garbled = responder.answer(call(openai(true))).join();
      assertThat(garbled.errorMessage()).isEqualTo("malformed stream: a stream chunk is not JSON");
    }
  }

  @Test
  void aStreamLargerThanTheLimitIsTooLargeAndReadNoFurther() {
    String chunk =
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
            + "x".repeat(1000)
            + "\"},\"finish_reason\":null}]}\n\n";
    server.enqueue(events(chunk.repeat(50) + "data: [DONE]\n\n"));
    try (HttpResponder responder = responder("off", Constants.RESPONSE_MAX_SIZE, "16KB")) {
      ModelResponse answer = responder.answer(call(openai(true))).join();
      assertThat(answer.error()).isEqualTo(ErrorClass.TOO_LARGE);
      assertThat(answer.errorMessage())
          .isEqualTo(
              "the response body is larger than 16KB (evalgate.response.max-size); it was not read"
                  + " whole");
    }
  }

  @Test
  void aServerThatAnswersAStreamRequestWithJsonIsReadAsJson() {
    server.enqueue(
        json("{\"choices\":[{\"message\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}"));
    try (HttpResponder responder = responder("off")) {
      ModelResponse answer = responder.answer(call(openai(true))).join();
      assertThat(answer.text()).isEqualTo("Hi");
      assertThat(answer.timeToFirstToken()).isNull();
    }
  }

  @Test
  void toolCallsAndTheTimeToFirstTokenAreRecordedAndReplayedWithoutTheNetwork() throws Exception {
    server.enqueue(
        events(
            """
            data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_5","function":{"name":"lookup_order","arguments":"{\\"order_id\\":\\"A-1\\"}"}}]},"finish_reason":"tool_calls"}]}

            data: [DONE]

            """));
    ModelResponse live;
    try (HttpResponder responder = responder("record")) {
      live = responder.answer(call(openai(true))).join();
    }
    environment.clear();
    try (HttpResponder responder = responder("replay")) {
      ModelResponse replayed = responder.answer(call(openai(true))).join();
      assertThat(replayed.recorded()).isTrue();
      assertThat(replayed.toolCalls())
          .isEqualTo(live.toolCalls())
          .containsExactly(ToolCall.of("call_5", "lookup_order", "{\"order_id\":\"A-1\"}"));
      assertThat(replayed.timeToFirstToken())
          .isEqualTo(Duration.ofMillis(live.timeToFirstToken().toMillis()));
      ModelResponse unstreamed = responder.answer(call(openai(false))).join();
      assertThat(unstreamed.toolCalls())
          .as("a stream is not part of the key")
          .isEqualTo(live.toolCalls());
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(Files.readString(recordings.resolve("suite").resolve("control.jsonl")))
        .contains(
            "\"tool_calls\":[{\"id\":\"call_5\",\"name\":\"lookup_order\",\"arguments\":\"{\\\"order_id\\\":\\\"A-1\\\"}\"}],\"first_token_ms\":")
        .contains("\"format\":2}");
  }
}

package dev.evalgate.engine.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.Parameters;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.config.Settings;
import dev.evalgate.engine.model.CallRequest;
import dev.evalgate.engine.recording.RecordingException;
import dev.evalgate.engine.recording.RecordingStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpResponderTest {
  static final String CANARY = "sk-canary-4f9a2c7e1b";
  static final ObjectMapper JSON = new ObjectMapper();
  static final String OK =
      "{\"id\":\"x\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Hello!\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3}}";

  @TempDir Path recordings;
  MockWebServer server;
  final List<Duration> retries = new CopyOnWriteArrayList<>();
  final Map<String, String> environment =
      new HashMap<>(Map.of("OPENAI_API_KEY", CANARY, "ANTHROPIC_API_KEY", CANARY));

  /**
   * The run's worker pool, as SuiteRunner hands it over (one thread per core); notes the thread of
   * each task run on it.
   */
  ExecutorService pool;

  final List<String> pooled = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    AtomicInteger threads = new AtomicInteger();
    int cores = Runtime.getRuntime().availableProcessors();
    pool =
        new ThreadPoolExecutor(
            cores,
            cores,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "test-worker-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            }) {
          @Override
          protected void beforeExecute(Thread thread, Runnable task) {
            pooled.add(thread.getName());
          }
        };
  }

  @AfterEach
  void stop() {
    server.close();
    pool.shutdownNow();
  }

  EngineConfiguration config(String mode, String... more) {
    Map<String, String> values =
        new HashMap<>(
            Map.of(
                Constants.RECORDING_MODE, mode,
                Constants.RECORDING_DIR, recordings.toString(),
                Constants.RETRY_INITIAL_DELAY, "10ms",
                Constants.RETRY_MAX_DELAY, "2s",
                Constants.TIMEOUT, "2s"));
    for (int i = 0; i < more.length; i += 2) {
      values.put(more[i], more[i + 1]);
    }
    return EngineConfiguration.from(Settings.of(k -> Optional.ofNullable(values.get(k))));
  }

  HttpResponder responder(String mode, String... more) {
    return HttpResponder.create(
        "suite",
        config(mode, more),
        environment::get,
        pool,
        (attempt, delay) -> retries.add(delay));
  }

  VariantSpec openai() {
    return VariantSpec.http("control", VariantSpec.OPENAI, "gpt-4o-mini")
        .asControl()
        .withBaseUrl(server.url("/v1").toString())
        .withParameters(
            Parameters.DEFAULTS.withTemperature(0.0).withMaxTokens(50).withResponseFormat("json"));
  }

  /** A second OpenAI-compatible variant on the same server, with its own model. */
  VariantSpec challenger() {
    return VariantSpec.http("challenger", VariantSpec.OPENAI, "gpt-4o")
        .withBaseUrl(server.url("/v1").toString());
  }

  VariantSpec anthropic() {
    return VariantSpec.http("challenger", VariantSpec.ANTHROPIC, "claude-haiku-4-5")
        .withBaseUrl(server.url("/").toString());
  }

  static CallRequest call(VariantSpec variant, String caseId) {
    return new CallRequest(
        "suite",
        variant,
        EvalCase.of(caseId, Map.of()),
        0,
        List.of(ChatMessage.system("Be brief."), ChatMessage.user("Say hello to " + caseId)));
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  @Test
  void openAiRequestShapeAndUsage() throws Exception {
    server.enqueue(
        new MockResponse.Builder().code(200).addHeader("x-request-id", "req-1").body(OK).build());
    try (HttpResponder responder = responder("off")) {
      ModelResponse response = responder.answer(call(openai(), "c-1")).join();

      assertThat(response.content()).isEqualTo("Hello!");
      assertThat(response.finishReason()).isEqualTo("stop");
      assertThat(response.usage().promptTokens()).isEqualTo(12);
      assertThat(response.usage().estimated()).isFalse();
      assertThat(response.requestId()).isEqualTo("req-1");
      assertThat(response.httpStatus()).isEqualTo(200);
    }
    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/v1/chat/completions");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + CANARY);
    JsonNode body = JSON.readTree(request.getBody().utf8());
    assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(body.get("messages").get(0).get("role").asText()).isEqualTo("system");
    assertThat(body.get("temperature").asDouble()).isZero();
    assertThat(body.get("max_tokens").asInt()).isEqualTo(50);
    assertThat(body.get("response_format").get("type").asText()).isEqualTo("json_object");
  }

  @Test
  void anthropicRequestShapeAndUsage() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"content\":[{\"type\":\"text\",\"text\":\"Hi there\"}],\"stop_reason\":\"end_turn\","
                + "\"usage\":{\"input_tokens\":20,\"output_tokens\":4}}"));
    try (HttpResponder responder = responder("off")) {
      ModelResponse response = responder.answer(call(anthropic(), "c-1")).join();
      assertThat(response.content()).isEqualTo("Hi there");
      assertThat(response.finishReason()).isEqualTo("end_turn");
      assertThat(response.usage().completionTokens()).isEqualTo(4);
    }
    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/v1/messages");
    assertThat(request.getHeaders().get("x-api-key")).isEqualTo(CANARY);
    assertThat(request.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
    JsonNode body = JSON.readTree(request.getBody().utf8());
    assertThat(body.get("system").asText()).isEqualTo("Be brief.");
    assertThat(body.get("max_tokens").asInt()).isEqualTo(1024);
    assertThat(body.get("messages")).hasSize(1);
  }

  @Test
  void missingUsageIsEstimatedAndMarked() {
    server.enqueue(
        json(
            200,
            "{\"choices\":[{\"message\":{\"content\":\"Hello there,"
                + " friend.\"},\"finish_reason\":\"stop\"}]}"));
    try (HttpResponder responder = responder("off")) {
      ModelResponse response = responder.answer(call(openai(), "c-1")).join();
      assertThat(response.usage().estimated()).isTrue();
      assertThat(response.usage().completionTokens()).isEqualTo(5);
      assertThat(response.usage().promptTokens()).isGreaterThan(5);
    }
  }

  @Test
  void rateLimitsAreRetriedHonouringRetryAfter() {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("Retry-After", "1")
            .body("{\"error\":\"slow down\"}")
            .build());
    server.enqueue(json(200, OK));
    try (HttpResponder responder = responder("off")) {
      assertThat(responder.answer(call(openai(), "c-1")).join().content()).isEqualTo("Hello!");
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(retries).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void serverErrorsResetsAndMalformedBodiesAreRetried() {
    server.enqueue(json(500, "{\"error\":\"boom\"}"));
    server.enqueue(json(503, "{\"error\":\"busy\"}"));
    server.enqueue(
        new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(json(200, "{\"choices\": [ {\"mess"));
    server.enqueue(json(200, OK));
    try (HttpResponder responder = responder("off", Constants.RETRY_MAX_ATTEMPTS, "5")) {
      assertThat(responder.answer(call(openai(), "c-1")).join().content()).isEqualTo("Hello!");
    }
    assertThat(server.getRequestCount()).isEqualTo(5);
    assertThat(retries).hasSize(4);
  }

  @Test
  void aCallThatStillFailsIsClassifiedNotLost() {
    server.enqueue(json(200, "not json"));
    server.enqueue(json(200, "{\"choices\": []}"));
    try (HttpResponder responder = responder("off", Constants.RETRY_MAX_ATTEMPTS, "2")) {
      ModelResponse response = responder.answer(call(openai(), "c-1")).join();
      assertThat(response.error()).isEqualTo(ErrorClass.BAD_RESPONSE);
      assertThat(response.errorMessage())
          .isEqualTo(
              "failed after 2 attempts: malformed response body: expected"
                  + " choices[0].message.content to be text: {\"choices\": []}");
      assertThat(response.retriedErrors())
          .containsExactly("malformed response body: the body is not JSON: not json");
    }
  }

  @Test
  void aRequestThatCannotBeBuiltIsAnErroredAnswerNotAnException() {
    VariantSpec unreachable = openai().withBaseUrl("ftp://example.invalid/v1");
    try (HttpResponder responder = responder("off")) {
      ModelResponse response = responder.answer(call(unreachable, "c-1")).join();
      assertThat(response.error()).isEqualTo(ErrorClass.CONNECTION);
      assertThat(response.errorMessage())
          .isEqualTo(
              "call failed: java.lang.IllegalArgumentException: Expected URL scheme 'http' or"
                  + " 'https' but was 'ftp'");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  /**
   * The answer to one call the server answers as {@code served}, with a 300 ms timeout and no
   * retry.
   */
  private ModelResponse answerWithin300ms(MockResponse served) {
    server.enqueue(served);
    try (HttpResponder responder =
        responder("off", Constants.RETRY_MAX_ATTEMPTS, "1", Constants.TIMEOUT, "300ms")) {
      return responder.answer(call(openai(), "c-1")).join();
    }
  }

  @Test
  void aHangBecomesATimeout() {
    ModelResponse response =
        answerWithin300ms(
            new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).body(OK).build());
    assertThat(response.error()).isEqualTo(ErrorClass.TIMEOUT);
    assertThat(response.errorMessage()).startsWith("no response within the timeout");
  }

  @Test
  void aBodyThatStallsAfterItsHeadersBecomesATimeout() {
    // the headers and the first bytes arrive at once, the rest of the body never within the timeout
    ModelResponse response =
        answerWithin300ms(
            new MockResponse.Builder().body(OK).throttleBody(8, 5, TimeUnit.SECONDS).build());
    assertThat(response.error()).isEqualTo(ErrorClass.TIMEOUT);
    assertThat(response.errorMessage()).startsWith("no response within the timeout");
    assertThat(response.latency())
        .as("the timeout, not the stalled body, ended the call")
        .isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void theTimeoutBoundsTheWholeCallNotEachRead() {
    // every 8 bytes arrive within 150 ms, so no single read waits 300 ms, but the body takes longer
    ModelResponse response =
        answerWithin300ms(
            new MockResponse.Builder()
                .body(OK)
                .throttleBody(8, 150, TimeUnit.MILLISECONDS)
                .build());
    assertThat(response.error()).isEqualTo(ErrorClass.TIMEOUT);
  }

  @Test
  void authFailureStopsTheVariantEarlyAndNeverShowsTheKey() {
    server.enqueue(
        json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + CANARY + "\"}}"));
    try (HttpResponder responder = responder("off")) {
      ModelResponse first = responder.answer(call(openai(), "c-1")).join();
      ModelResponse second = responder.answer(call(openai(), "c-2")).join();

      assertThat(first.error()).isEqualTo(ErrorClass.AUTH);
      assertThat(first.errorMessage())
          .isEqualTo(
              "authentication failed (HTTP 401): {\"error\":{\"message\":\"Incorrect API key"
                  + " provided: [REDACTED]\"}}");
      assertThat(second.error()).isEqualTo(ErrorClass.AUTH);
      assertThat(second.errorMessage())
          .startsWith("variant 'control' stopped after authentication failed (HTTP 401)")
          .endsWith("; check OPENAI_API_KEY")
          .doesNotContain(CANARY);
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aMissingKeyIsAnAuthErrorNamingTheVariable() {
    environment.clear();
    VariantSpec hosted = VariantSpec.http("control", VariantSpec.OPENAI, "gpt-4o-mini").asControl();
    try (HttpResponder responder = responder("off")) {
      assertThat(responder.answer(call(hosted, "c-1")).join().errorMessage())
          .isEqualTo(
              "environment variable OPENAI_API_KEY is not set; variant 'control' needs it for live"
                  + " calls");
    }
  }

  @Test
  void recordThenReplayWithoutTheNetwork() throws IOException {
    server.enqueue(json(200, OK));
    try (HttpResponder responder = responder("record")) {
      assertThat(responder.answer(call(openai(), "c-1")).join().recorded()).isFalse();
    }
    environment.clear();
    try (HttpResponder responder = responder("replay")) {
      ModelResponse replayed = responder.answer(call(openai(), "c-1")).join();
      assertThat(replayed.content()).isEqualTo("Hello!");
      assertThat(replayed.recorded()).isTrue();
      assertThat(replayed.usage().promptTokens()).isEqualTo(12);
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
    Path file = recordings.resolve("suite").resolve("control.jsonl");
    assertThat(Files.readAllLines(file))
        .hasSize(1)
        .first()
        .asString()
        .startsWith("{\"key\":\"")
        .contains("\"case\":\"c-1\",\"variant\":\"control\",\"model\":\"gpt-4o-mini\"");
  }

  @Test
  void anEditedResponseSchemaIsNotAnsweredWithTheAnswerToTheOldOne() throws IOException {
    Path schema = recordings.resolve("answer.schema.json");
    Files.writeString(schema, "{\"type\":\"object\",\"required\":[\"answer\"]}");
    VariantSpec structured =
        openai().withParameters(Parameters.DEFAULTS.withResponseFormat("schema:" + schema));
    server.enqueue(json(200, OK));
    try (HttpResponder responder = responder("record")) {
      assertThat(responder.answer(call(structured, "c-1")).join().error()).isNull();
    }
    try (HttpResponder responder = responder("replay")) {
      assertThat(responder.answer(call(structured, "c-1")).join().recorded()).isTrue();
    }
    // the schema sent with every request changes; the answer recorded was made to the old one
    Files.writeString(schema, "{\"type\":\"object\",\"required\":[\"answer\",\"ticket\"]}");
    Files.setLastModifiedTime(schema, FileTime.from(Instant.now().plusSeconds(60)));
    try (HttpResponder responder = responder("replay")) {
      ModelResponse stale = responder.answer(call(structured, "c-1")).join();
      assertThat(stale.error()).isEqualTo(ErrorClass.NOT_RECORDED);
      assertThat(stale.errorMessage())
          .startsWith("no recording for case 'c-1' of variant 'control'");
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aResponseSchemaThatCannotBeReadErrsTheCaseInReplayToo() {
    VariantSpec structured =
        openai().withParameters(Parameters.DEFAULTS.withResponseFormat("schema:no/such.json"));
    try (HttpResponder responder = responder("replay")) {
      ModelResponse response = responder.answer(call(structured, "c-1")).join();
      assertThat(response.error()).isEqualTo(ErrorClass.CLIENT);
      assertThat(response.errorMessage())
          .isEqualTo(
              "response-format schema 'no/such.json' not found in the working directory or on the"
                  + " classpath");
    }
  }

  /** The names of the live threads whose names start with {@code prefix}. */
  static List<String> threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(name -> name.startsWith(prefix))
        .toList();
  }

  /**
   * The threads named so that are still alive after waiting up to 5 s for each to end: a pool
   * reports itself terminated while its last thread is still returning, so a thread seen at once
   * after {@code close} may be one that is ending. A caller that close did not stop stays (idle
   * callers end after 30 s).
   */
  static List<String> threadsNamedAfterTheyEnd(String prefix) throws InterruptedException {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith(prefix)) {
        thread.join(5_000);
      }
    }
    return threadsNamed(prefix);
  }

  @Test
  void liveCallsAndTheirRetriesRunOnTheRespondersCallersReplayLookUpsOnTheGivenWorkers()
      throws Exception {
    CountDownLatch chained = new CountDownLatch(1);
    AtomicInteger served = new AtomicInteger();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            // answer once the test has chained to the answer, so that the chained step runs where
            // the answer completes
            chained.await(5, TimeUnit.SECONDS);
            return served.incrementAndGet() == 1 ? json(503, "{}") : json(200, OK);
          }
        });
    try (HttpResponder responder = responder("record", Constants.RETRY_INITIAL_DELAY, "10ms")) {
      CompletableFuture<String> where =
          responder
              .answer(call(openai(), "c-1"))
              .thenApply(
                  answer -> {
                    assertThat(answer.content()).isEqualTo("Hello!");
                    return Thread.currentThread().getName();
                  });
      chained.countDown();
      assertThat(where.join())
          .as("the call, its retry and what is chained to its answer run on a caller thread")
          .startsWith("evalgate-call-");
      assertThat(threadsNamed("evalgate-call-")).isNotEmpty();
    }
    assertThat(served).hasValue(2);
    assertThat(pooled).as("live calls never use the run's workers").isEmpty();
    assertThat(threadsNamedAfterTheyEnd("evalgate-call-"))
        .as("closing the responder stops its callers")
        .isEmpty();
    try (HttpResponder responder = responder("replay")) {
      assertThat(responder.answer(call(openai(), "c-1")).join().content()).isEqualTo("Hello!");
      assertThat(responder.answer(call(openai(), "c-2")).join().error())
          .isEqualTo(ErrorClass.NOT_RECORDED);
    }
    assertThat(pooled)
        .hasSize(2)
        .allSatisfy(thread -> assertThat(thread).startsWith("test-worker-"));
    assertThat(pool.isShutdown()).as("the responder leaves the run's pool to the run").isFalse();
  }

  /**
   * A server that holds each request until {@code wave} requests are in flight (or a second has
   * passed), and notes the most in flight at once, overall and by model.
   */
  static final class InFlight extends Dispatcher {
    final int wave;
    final AtomicInteger now = new AtomicInteger();
    final AtomicInteger peak = new AtomicInteger();
    final Map<String, AtomicInteger> nowByModel = new ConcurrentHashMap<>();
    final Map<String, Integer> peakByModel = new ConcurrentHashMap<>();

    InFlight(int wave) {
      this.wave = wave;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      String model;
      try {
        model = JSON.readTree(request.getBody().utf8()).get("model").asText();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      AtomicInteger ofModel = nowByModel.computeIfAbsent(model, m -> new AtomicInteger());
      peak.accumulateAndGet(now.incrementAndGet(), Math::max);
      peakByModel.merge(model, ofModel.incrementAndGet(), Math::max);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
      while (now.get() < wave && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Thread.sleep(20);
      ofModel.decrementAndGet();
      now.decrementAndGet();
      return json(200, OK);
    }
  }

  @Test
  void noMoreCallsAreInFlightThanTheConcurrencyAllows() {
    InFlight inFlight = new InFlight(3);
    server.setDispatcher(inFlight);
    try (HttpResponder responder = responder("off", Constants.CONCURRENCY, "3")) {
      List<CompletableFuture<ModelResponse>> answers = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        answers.add(responder.answer(call(i % 2 == 0 ? openai() : challenger(), "c-" + i)));
      }
      assertThat(answers)
          .allSatisfy(answer -> assertThat(answer.join().content()).isEqualTo("Hello!"));
    }
    assertThat(server.getRequestCount()).isEqualTo(12);
    assertThat(inFlight.peak).as("the limit holds, and is used").hasValue(3);
  }

  @Test
  void noMoreCallsOfAVariantAreInFlightThanItsOwnLimitAllows() {
    InFlight inFlight = new InFlight(2);
    server.setDispatcher(inFlight);
    try (HttpResponder responder =
        responder("off", Constants.CONCURRENCY, "4", Constants.CONCURRENCY_PER_VARIANT, "2")) {
      List<CompletableFuture<ModelResponse>> answers = new ArrayList<>();
      // all of one variant's calls first: without its own limit, four of them would be in flight at
      // once
      for (int i = 0; i < 12; i++) {
        answers.add(responder.answer(call(i < 6 ? openai() : challenger(), "c-" + i)));
      }
      assertThat(answers)
          .allSatisfy(answer -> assertThat(answer.join().content()).isEqualTo("Hello!"));
    }
    assertThat(inFlight.peakByModel).containsEntry("gpt-4o-mini", 2).containsEntry("gpt-4o", 2);
  }

  @Test
  void closingMakesNoCallThatWasStillQueuedAndWaitsForTheOneInFlight() {
    server.enqueue(
        new MockResponse.Builder().headersDelay(300, TimeUnit.MILLISECONDS).body(OK).build());
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(200, OK));
    }
    List<CompletableFuture<ModelResponse>> answers = new ArrayList<>();
    try (HttpResponder responder = responder("off", Constants.CONCURRENCY, "1")) {
      for (int i = 0; i < 5; i++) {
        answers.add(responder.answer(call(openai(), "c-" + i)));
      }
      // the run stops here, as when a sink throws: the responder is closed with calls still queued
    }
    assertThat(answers).allSatisfy(answer -> assertThat(answer).isDone());
    assertThat(answers.get(0).join().content())
        .as("the call in flight was waited for")
        .isEqualTo("Hello!");
    assertThat(answers.subList(1, 5))
        .allSatisfy(
            answer -> {
              assertThat(answer.join().error()).isEqualTo(ErrorClass.CONNECTION);
              assertThat(answer.join().errorMessage())
                  .isEqualTo("not called: the run stopped before this call was made");
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void callsQueuedBeforeTheKeyWasRefusedAreNotMade() {
    server.enqueue(json(401, "{\"error\":\"bad key\"}"));
    server.enqueue(json(200, OK));
    server.enqueue(json(200, OK));
    List<CompletableFuture<ModelResponse>> answers = new ArrayList<>();
    try (HttpResponder responder = responder("off", Constants.CONCURRENCY, "1")) {
      for (int i = 0; i < 3; i++) {
        answers.add(responder.answer(call(openai(), "c-" + i)));
      }
      answers.forEach(CompletableFuture::join);
    }
    assertThat(answers.get(0).join().errorMessage())
        .isEqualTo("authentication failed (HTTP 401): {\"error\":\"bad key\"}");
    assertThat(answers.subList(1, 3))
        .allSatisfy(
            answer ->
                assertThat(answer.join().errorMessage())
                    .isEqualTo(
                        "variant 'control' stopped after authentication failed (HTTP 401):"
                            + " {\"error\":\"bad key\"}; check OPENAI_API_KEY"));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aReplayMissNamesTheCaseAndHowToRecord() {
    try (HttpResponder responder = responder("replay")) {
      ModelResponse miss = responder.answer(call(openai(), "t-17")).join();
      assertThat(miss.error()).isEqualTo(ErrorClass.NOT_RECORDED);
      assertThat(miss.errorMessage())
          .isEqualTo(
              "no recording for case 't-17' of variant 'control' (model gpt-4o-mini); record the"
                  + " missing answers with: OPENAI_API_KEY=... mvn verify"
                  + " -Devalgate.recording.mode=record");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void autoModeCallsLiveOnlyForMissesWithAKey() {
    server.enqueue(json(200, OK));
    try (HttpResponder responder = responder("auto")) {
      assertThat(responder.answer(call(openai(), "c-1")).join().content()).isEqualTo("Hello!");
      assertThat(responder.answer(call(openai(), "c-1")).join().recorded()).isTrue();
    }
    try (HttpResponder responder = responder("auto")) {
      assertThat(responder.answer(call(openai(), "c-1")).join().recorded()).isTrue();
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  /**
   * A local server needs no key (record mode calls it without one), so auto mode calls it for a
   * miss instead of answering not_recorded with a command that asks for a key it does not need.
   */
  @Test
  void autoModeCallsALocalServerWithoutAKeyButNotARemoteOne() {
    environment.clear();
    server.enqueue(json(200, OK));
    try (HttpResponder responder = responder("auto")) {
      ModelResponse local = responder.answer(call(openai(), "c-1")).join();
      assertThat(local.content()).isEqualTo("Hello!");
      assertThat(local.recorded()).isFalse();
      ModelResponse remote =
          responder
              .answer(call(openai().withBaseUrl("https://api.example.invalid/v1"), "c-2"))
              .join();
      assertThat(remote.error()).isEqualTo(ErrorClass.NOT_RECORDED);
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aCorruptRecordingFileIsNamedWithItsLine() throws IOException {
    Path folder = Files.createDirectories(recordings.resolve("suite"));
    Files.writeString(
        folder.resolve("control.jsonl"),
        "{\"key\":\"k\",\"case\":\"c\",\"variant\":\"control\",\"repeat\":0,\"content\":\"x\",\"prompt_tokens\":1,\"completion_tokens\":1,\"tokens_estimated\":false,\"latency_ms\":1,\"status\":200}\n"
            + "{\"key\": \"trunc\n");

    assertThatThrownBy(() -> RecordingStore.open(recordings, "suite"))
        .isInstanceOf(RecordingException.class)
        .hasMessageStartingWith(folder.resolve("control.jsonl") + ":2: corrupt recording (")
        .hasMessageEndingWith(
            "); expected one JSON object per line with key, case, variant, content and usage; "
                + "delete the line, or the file, and record again");
  }

  @Test
  void theCanaryKeyReachesNoFile() throws IOException {
    server.enqueue(json(200, OK));
    server.enqueue(json(500, "{\"error\":\"upstream said " + CANARY + "\"}"));
    server.enqueue(json(500, "{\"error\":\"again\"}"));
    try (HttpResponder responder = responder("record", Constants.RETRY_MAX_ATTEMPTS, "2")) {
      responder.answer(call(openai(), "c-1")).join();
      ModelResponse failed = responder.answer(call(openai(), "c-2")).join();
      assertThat(String.valueOf(failed)).doesNotContain(CANARY);
      assertThat(responder.toString()).doesNotContain(CANARY);
    }
    try (Stream<Path> files = Files.walk(recordings)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
            .as(file.toString())
            .doesNotContain(CANARY);
      }
    }
  }

  @Test
  void requestsPerMinuteAreNeverExceeded() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(200, OK));
    }
    long start = System.nanoTime();
    try (HttpResponder responder = responder("off", Constants.REQUESTS_PER_MINUTE, "120")) {
      for (int i = 0; i < 4; i++) {
        assertThat(responder.answer(call(openai(), "c-" + i)).join().content()).isEqualTo("Hello!");
      }
    }
    // 120 per minute is one every 500 ms: four calls cannot all be made in less than 1.5 s
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1400));
  }

  @Test
  void callsThatWaitedInTheQueueStillStartNoFasterThanTheRateLimit() {
    List<Long> arrivals = new CopyOnWriteArrayList<>();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            arrivals.add(System.nanoTime());
            if (arrivals.size() == 1) {
              Thread.sleep(1500); // the other calls wait in the queue meanwhile
            }
            return json(200, OK);
          }
        });
    try (HttpResponder responder =
        responder("off", Constants.CONCURRENCY, "1", Constants.REQUESTS_PER_MINUTE, "120")) {
      List<CompletableFuture<ModelResponse>> answers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        answers.add(responder.answer(call(openai(), "c-" + i)));
      }
      assertThat(answers)
          .allSatisfy(answer -> assertThat(answer.join().content()).isEqualTo("Hello!"));
    }
    // 120 a minute is one every 500 ms, also for the three calls that were queued behind the slow
    // first one: a burst would bring them in within a few ms of each other. Measured where the
    // requests arrive, each gap carries the scheduling delay of two requests, which a loaded
    // machine stretches by tens of ms; over the span of the three queued calls it counts once
    assertThat(arrivals).hasSize(4);
    assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0)))
        .as("the first queued call waited for the slow one and its turn")
        .isGreaterThanOrEqualTo(Duration.ofMillis(1400));
    assertThat(Duration.ofNanos(arrivals.get(3) - arrivals.get(1)))
        .as("the two calls after it, spaced by the rate limit")
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  void anHttpsBaseUrlIsCalledOverTls() throws Exception {
    // a server that answers whatever it is sent with plain HTTP: a client speaking TLS cannot read
    // that as a handshake
    try (java.net.ServerSocket plain =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Thread answering =
          new Thread(
              () -> {
                try (java.net.Socket socket = plain.accept()) {
                  socket
                      .getOutputStream()
                      .write(
                          "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                              .getBytes(StandardCharsets.US_ASCII));
                  socket.getOutputStream().flush();
                } catch (IOException e) {
                  // the test's assertion says what went wrong
                }
              });
      answering.start();
      VariantSpec secure =
          openai().withBaseUrl("https://127.0.0.1:" + plain.getLocalPort() + "/v1");
      try (HttpResponder responder = responder("off", Constants.RETRY_MAX_ATTEMPTS, "1")) {
        ModelResponse response = responder.answer(call(secure, "c-1")).join();
        assertThat(response.error()).isEqualTo(ErrorClass.CONNECTION);
        assertThat(response.errorMessage()).startsWith("connection failed (SSL");
        // a plain HTTP call through the same responder still works
        server.enqueue(json(200, OK));
        assertThat(responder.answer(call(openai(), "c-2")).join().content()).isEqualTo("Hello!");
      }
      answering.join(5_000);
    }
  }
}

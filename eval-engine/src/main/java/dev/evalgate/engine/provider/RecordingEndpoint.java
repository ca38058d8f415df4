package dev.evalgate.engine.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.evalgate.api.AppEndpoint;
import dev.evalgate.api.CallStep;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.api.ToolSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.concurrent.EngineThreads;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.config.RecordingMode;
import dev.evalgate.engine.recording.Recording;
import dev.evalgate.engine.recording.RecordingStore;
import dev.evalgate.engine.recording.RequestKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * The recording endpoint of one app variant: an OpenAI- and Anthropic-compatible HTTP server on
 * loopback that the user's application calls instead of the provider. Each request is keyed by its
 * body ({@link RequestKey#ofBody}) and answered from the variant's recordings, or forwarded to the
 * real provider and recorded, as {@code evalgate.recording.mode} says (replay, record, refresh,
 * auto, off); a recorded answer is sent back as the provider sent it, byte for byte, a stream as a
 * stream. Every call is added to the trace of the case whose token its path holds ({@code
 * /c/TOKEN/v1/chat/completions}, {@code /c/TOKEN/v1/messages}).
 *
 * <p>The server is the JDK's own ({@code com.sun.net.httpserver}, module {@code jdk.httpserver}): a
 * maintained HTTP/1.1 server that parses requests and writes fixed-length responses, with no
 * dependency added to the user's test class path, where a web framework's own dependencies could
 * clash with the application's (LangChain4j, Spring). It listens on 127.0.0.1 only.
 */
final class RecordingEndpoint implements AutoCloseable {
  static final MediaType JSON_TYPE = MediaType.get("application/json");
  static final String EVENT_STREAM = "text/event-stream";

  /** A request handler without work ends after this. */
  private static final Duration HANDLER_IDLE = Duration.ofSeconds(60);

  private final String suite;
  private final VariantSpec variant;
  private final EngineConfiguration config;
  private final @Nullable RecordingStore store;
  private final Function<String, @Nullable String> environment;
  private final Secrets secrets;
  private final @Nullable OkHttpClient client;
  private final HttpServer server;
  private final ExecutorService handlers;
  private final Map<String, Trace> traces = new ConcurrentHashMap<>();

  private RecordingEndpoint(
      String suite,
      VariantSpec variant,
      EngineConfiguration config,
      @Nullable RecordingStore store,
      Function<String, @Nullable String> environment,
      Secrets secrets)
      throws IOException {
    this.suite = suite;
    this.variant = variant;
    this.config = config;
    this.store = store;
    this.environment = environment;
    this.secrets = secrets;
    Duration timeout = variant.timeout() != null ? variant.timeout() : config.timeout();
    this.client =
        config.recordingMode() == RecordingMode.REPLAY
            ? null
            : new OkHttpClient.Builder()
                .callTimeout(timeout)
                .readTimeout(timeout)
                .retryOnConnectionFailure(false)
                .build();
    // as many handlers as the application has requests open (it waits for each answer), none idle
    this.handlers =
        EngineThreads.elastic("endpoint-" + variant.name(), Integer.MAX_VALUE, HANDLER_IDLE);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(handlers);
    server.start();
  }

  /**
   * Starts the endpoint of {@code variant}, whose recordings are in {@code store} (null: mode off).
   */
  static RecordingEndpoint start(
      String suite,
      VariantSpec variant,
      EngineConfiguration config,
      @Nullable RecordingStore store,
      Function<String, @Nullable String> environment,
      Secrets secrets) {
    try {
      return new RecordingEndpoint(suite, variant, config, store, environment, secrets);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start the recording endpoint of variant '"
              + variant.name()
              + "' on loopback: "
              + e.getMessage(),
          e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The calls one case made, in the order they were answered. */
  static final class Trace {
    final String token = UUID.randomUUID().toString();
    final String caseId;
    final int repeat;
    final List<CallStep> steps = Collections.synchronizedList(new ArrayList<>());
    final AppEndpoint endpoint;

    Trace(String caseId, int repeat, int port) {
      this.caseId = caseId;
      this.repeat = repeat;
      String root = "http://127.0.0.1:" + port + "/c/" + token;
      this.endpoint = new AppEndpoint(root + "/v1", root, "evalgate-recording-endpoint");
    }

    List<CallStep> steps() {
      synchronized (steps) {
        return List.copyOf(steps);
      }
    }
  }

  /** A new trace for a case; its URLs answer until {@link #close(Trace)}. */
  Trace open(String caseId, int repeat) {
    Trace trace = new Trace(caseId, repeat, port());
    traces.put(trace.token, trace);
    return trace;
  }

  void close(Trace trace) {
    traces.remove(trace.token);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String[] parts = path.split("/", 4);
      Trace trace = parts.length == 4 && parts[1].equals("c") ? traces.get(parts[2]) : null;
      String api =
          path.endsWith("/chat/completions")
              ? VariantSpec.OPENAI
              : path.endsWith("/messages") ? VariantSpec.ANTHROPIC : null;
      if (api == null || !exchange.getRequestMethod().equals("POST")) {
        refused(
            exchange,
            trace,
            VariantSpec.OPENAI,
            404,
            "not_found",
            "EvalGate's recording endpoint answers POST .../chat/completions"
                + " (OpenAI) and POST .../messages (Anthropic), not "
                + exchange.getRequestMethod()
                + " "
                + (trace == null ? path : path.substring(("/c/" + trace.token).length())));
        return;
      }
      if (trace == null) {
        send(
            exchange,
            404,
            error(
                api,
                "not_found",
                "no case is running under this URL: an app function must call the endpoint"
                    + " it was given while it runs"));
        return;
      }
      byte[] request = readBounded(exchange.getRequestBody(), config.responseMaxBytes());
      JsonNode body;
      try {
        body = request == null ? null : Protocol.JSON.readTree(request);
      } catch (JsonProcessingException e) {
        body = null;
      }
      if (request == null || body == null || !body.isObject()) {
        refused(
            exchange,
            trace,
            api,
            400,
            "invalid_request_error",
            request == null
                ? "the request body is larger than " + Constants.RESPONSE_MAX_SIZE
                : "the request body is not a JSON object");
        return;
      }
      answer(exchange, trace, api, body, request);
    }
  }

  /**
   * Answers one parsed request from the recordings, or forwards it, and adds its step to the trace.
   */
  private void answer(HttpExchange exchange, Trace trace, String api, JsonNode body, byte[] request)
      throws IOException {
    RecordingMode mode = config.recordingMode();
    String key = RequestKey.ofBody(api, body, trace.repeat);
    String model = body.path("model").isTextual() ? body.path("model").textValue() : null;
    boolean stream = body.path("stream").asBoolean(false);
    List<ToolSpec> tools = tools(api, body.path("tools"));
    if (store != null && mode != RecordingMode.REFRESH) {
      Recording hit = store.get(variant.name(), key);
      if (hit != null && hit.body() != null) {
        ModelResponse recorded = hit.toResponse();
        trace.steps.add(step(api, model, recorded, stream, tools));
        send(
            exchange,
            hit.status(),
            hit.contentType() == null ? "application/json" : hit.contentType(),
            hit.body().getBytes(StandardCharsets.UTF_8));
        return;
      }
    }
    String keyVariable =
        variant.apiKeyEnv() != null ? variant.apiKeyEnv() : Protocol.of(api).defaultKeyVariable();
    String apiKey = environment.apply(keyVariable);
    boolean noKey = apiKey == null || apiKey.isBlank();
    // a local provider needs no key: auto forwards to it without one, as record mode does
    boolean local = variant.baseUrl() != null && BaseUrls.isLocal(variant.baseUrl());
    if (client == null || mode == RecordingMode.AUTO && noKey && !local) {
      String message =
          "no recording of call "
              + (trace.steps.size() + 1)
              + " of case '"
              + trace.caseId
              + "' of variant '"
              + variant.name()
              + "' (model "
              + model
              + ")"
              + (trace.repeat > 0 ? " repeat " + trace.repeat : "")
              + "; record the missing answers with: "
              + keyVariable
              + "=... mvn verify -D"
              + Constants.RECORDING_MODE
              + "=record";
      failed(
          exchange,
          trace,
          api,
          model,
          stream,
          tools,
          ErrorClass.NOT_RECORDED,
          message,
          404,
          Duration.ZERO);
      return;
    }
    forward(
        exchange,
        trace,
        api,
        body,
        request,
        key,
        model,
        stream,
        tools,
        apiKey == null || noKey ? "" : apiKey,
        keyVariable);
  }

  private void forward(
      HttpExchange exchange,
      Trace trace,
      String api,
      JsonNode body,
      byte[] request,
      String key,
      @Nullable String model,
      boolean stream,
      List<ToolSpec> tools,
      String apiKey,
      String keyVariable)
      throws IOException {
    Protocol protocol = Protocol.of(api);
    String base = variant.baseUrl() != null ? variant.baseUrl() : protocol.defaultBaseUrl();
    Request.Builder call =
        new Request.Builder()
            .url(
                Protocol.endpoint(
                    base, api.equals(VariantSpec.OPENAI) ? "/chat/completions" : "/v1/messages"))
            .post(RequestBody.create(request, JSON_TYPE));
    if (api.equals(VariantSpec.OPENAI)) {
      if (!apiKey.isEmpty()) {
        call.header("Authorization", "Bearer " + apiKey);
      }
    } else {
      String version = exchange.getRequestHeaders().getFirst("anthropic-version");
      call.header("anthropic-version", version != null ? version : AnthropicProtocol.VERSION);
      String beta = exchange.getRequestHeaders().getFirst("anthropic-beta");
      if (beta != null) {
        call.header("anthropic-beta", beta);
      }
      if (!apiKey.isEmpty()) {
        call.header("x-api-key", apiKey);
      }
    }
    variant.headers().forEach(call::header);
    long start = System.nanoTime();
    int status;
    String contentType;
    byte[] answer;
    long firstByte;
    // forward() runs only in the modes that call the provider, which build the client
    OkHttpClient http = Objects.requireNonNull(client, "a recording mode has an HTTP client");
    try (Response response = http.newCall(call.build()).execute();
        ResponseBody responseBody = response.body()) {
      status = response.code();
      MediaType type = responseBody.contentType();
      contentType = type == null ? "application/json" : type.toString();
      responseBody.source().request(1);
      firstByte = System.nanoTime();
      answer = HttpCaller.bounded(responseBody, config.responseMaxBytes());
    } catch (IOException e) {
      boolean timeout = e instanceof SocketTimeoutException || e instanceof InterruptedIOException;
      String message =
          (timeout ? "no response within the timeout" : "connection failed")
              + " forwarding call "
              + (trace.steps.size() + 1)
              + " of case '"
              + trace.caseId
              + "': "
              + secrets.scrub(String.valueOf(e.getMessage()));
      failed(
          exchange,
          trace,
          api,
          model,
          stream,
          tools,
          timeout ? ErrorClass.TIMEOUT : ErrorClass.CONNECTION,
          message,
          502,
          Duration.ofNanos(System.nanoTime() - start));
      return;
    }
    Duration latency = Duration.ofNanos(System.nanoTime() - start);
    if (answer == null) {
      failed(
          exchange,
          trace,
          api,
          model,
          stream,
          tools,
          ErrorClass.TOO_LARGE,
          "the provider's answer is larger than " + Constants.RESPONSE_MAX_SIZE,
          502,
          latency);
      return;
    }
    String text = secrets.scrub(new String(answer, StandardCharsets.UTF_8));
    if (status / 100 != 2) {
      ErrorClass error =
          status == 429
              ? ErrorClass.RATE_LIMITED
              : status >= 500
                  ? ErrorClass.SERVER_ERROR
                  : status == 401 || status == 403 ? ErrorClass.AUTH : ErrorClass.CLIENT;
      String snippet = text.replaceAll("\\s+", " ").strip();
      trace.steps.add(
          errorStep(
              api,
              model,
              stream,
              tools,
              error,
              "HTTP "
                  + status
                  + " from the provider ("
                  + keyVariable
                  + "): "
                  + (snippet.length() > 200 ? snippet.substring(0, 200) + "..." : snippet),
              status,
              latency));
      send(exchange, status, contentType, text.getBytes(StandardCharsets.UTF_8));
      return;
    }
    ModelResponse parsed;
    try {
      WireResponse wire =
          contentType.startsWith(EVENT_STREAM)
              ? StreamReader.assemble(protocol, answer)
              : protocol.parse(Protocol.JSON.readTree(answer));
      parsed =
          new ModelResponse(
                  wire.content(),
                  wire.finishReason(),
                  usage(wire),
                  latency,
                  Duration.ofNanos(firstByte - start),
                  status,
                  null,
                  null,
                  null,
                  false)
              .withToolCalls(wire.toolCalls())
              .withTimeToFirstToken(
                  contentType.startsWith(EVENT_STREAM)
                      ? Duration.ofNanos(firstByte - start)
                      : null);
    } catch (IllegalArgumentException | IOException e) {
      failed(
          exchange,
          trace,
          api,
          model,
          stream,
          tools,
          ErrorClass.BAD_RESPONSE,
          "the provider's answer to call "
              + (trace.steps.size() + 1)
              + " is not what its API sends: "
              + e.getMessage(),
          502,
          latency);
      return;
    }
    parsed = secrets.scrub(parsed);
    if (store != null) {
      store.put(
          Recording.of(
              key, trace.caseId, variant.name(), model, trace.repeat, parsed, contentType, text));
    }
    trace.steps.add(step(api, model, parsed, stream, tools));
    send(exchange, status, contentType, text.getBytes(StandardCharsets.UTF_8));
  }

  private static TokenUsage usage(WireResponse wire) {
    return wire.promptTokens() != null && wire.completionTokens() != null
        ? new TokenUsage(wire.promptTokens(), wire.completionTokens(), false)
        : new TokenUsage(
            wire.promptTokens() == null ? 0 : wire.promptTokens(),
            wire.completionTokens() == null ? 0 : wire.completionTokens(),
            true);
  }

  private static CallStep step(
      String api,
      @Nullable String model,
      ModelResponse answer,
      boolean stream,
      List<ToolSpec> tools) {
    return new CallStep(
        api,
        model,
        answer.usage(),
        answer.latency(),
        answer.timeToFirstToken(),
        answer.toolCalls(),
        answer.finishReason(),
        stream,
        answer.recorded(),
        answer.httpStatus(),
        null,
        null,
        tools);
  }

  private static CallStep errorStep(
      String api,
      @Nullable String model,
      boolean stream,
      List<ToolSpec> tools,
      ErrorClass error,
      String message,
      int status,
      Duration latency) {
    return new CallStep(
        api,
        model,
        TokenUsage.NONE,
        latency,
        null,
        List.of(),
        null,
        stream,
        false,
        status,
        error,
        message,
        tools);
  }

  /**
   * Refuses a request the endpoint cannot answer (another API, a body that is no JSON object). The
   * case's trace gets a failed {@code client} step, so the case errs even when the application
   * catches the error and answers anyway: its answer was made without that call.
   */
  private void refused(
      HttpExchange exchange,
      @Nullable Trace trace,
      String api,
      int status,
      String type,
      String message)
      throws IOException {
    if (trace != null) {
      trace.steps.add(
          errorStep(
              api,
              null,
              false,
              List.of(),
              ErrorClass.CLIENT,
              "HTTP " + status + " from EvalGate's recording endpoint: " + message,
              status,
              Duration.ZERO));
    }
    send(exchange, status, error(api, type, message));
  }

  /** Adds a failed step and tells the application, in its API's error shape. */
  private void failed(
      HttpExchange exchange,
      Trace trace,
      String api,
      @Nullable String model,
      boolean stream,
      List<ToolSpec> tools,
      ErrorClass error,
      String message,
      int status,
      Duration latency)
      throws IOException {
    trace.steps.add(errorStep(api, model, stream, tools, error, message, status, latency));
    send(exchange, status, error(api, error.id(), message));
  }

  /**
   * The tools a request offers, for the trace (OpenAI {@code tools[].function}, Anthropic {@code
   * tools[]} with {@code input_schema}).
   */
  private static List<ToolSpec> tools(String api, JsonNode tools) {
    if (!tools.isArray()) {
      return List.of();
    }
    List<ToolSpec> result = new ArrayList<>();
    for (JsonNode tool : tools) {
      JsonNode t = api.equals(VariantSpec.OPENAI) ? tool.path("function") : tool;
      JsonNode schema =
          api.equals(VariantSpec.OPENAI) ? t.path("parameters") : t.path("input_schema");
      if (t.path("name").isTextual()) {
        result.add(
            ToolSpec.of(
                t.path("name").textValue(),
                t.path("description").isTextual() ? t.path("description").textValue() : null,
                schema.isObject() ? schema.toString() : ToolSpec.NO_PARAMETERS));
      }
    }
    return result;
  }

  private static byte[] error(String api, String type, String message) {
    ObjectNode body = Protocol.JSON.createObjectNode();
    if (api.equals(VariantSpec.ANTHROPIC)) {
      body.put("type", "error");
    }
    body.putObject("error").put("type", type).put("message", message);
    try {
      return Protocol.JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    send(exchange, status, "application/json", body);
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** The body, or null when it is longer than {@code max} bytes. */
  private static byte @Nullable [] readBounded(InputStream in, long max) throws IOException {
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
    return bytes.length > max ? null : bytes;
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
    if (client != null) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
    try {
      handlers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "recording endpoint of " + suite + "/" + variant.name() + " on port " + port();
  }
}

package dev.evalgate.engine.provider;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.api.ToolCall;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.checks.TokenCounter;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.config.Settings;
import dev.evalgate.engine.io.TextCut;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Makes one model call over HTTP on the calling thread, with retries: exponential backoff with
 * jitter on 429, 5xx, timeouts, resets and malformed bodies, honouring {@code Retry-After}, up to
 * the attempt budget. A call never throws; a call that still fails is an errored response.
 */
final class HttpCaller {
  /** Retry behaviour. */
  record Retries(int maxAttempts, Duration initialDelay, Duration maxDelay) {}

  private final OkHttpClient client;
  private final Retries retries;
  private final RetryPolicy<Attempt> policy;
  private final Map<Duration, OkHttpClient> clientsByTimeout = new ConcurrentHashMap<>();
  private final long maxBodyBytes;

  /** The longest error text a response keeps, note included. */
  static final int MAX_ERROR = 300;

  HttpCaller(OkHttpClient client, Retries retries, BiConsumer<Integer, Duration> retryObserver) {
    this(client, retries, retryObserver, EngineConfiguration.DEFAULT_RESPONSE_MAX_BYTES);
  }

  /**
   * @param maxBodyBytes the largest body read; a larger one is a {@code too_large} error, read no
   *     further
   */
  HttpCaller(
      OkHttpClient client,
      Retries retries,
      BiConsumer<Integer, Duration> retryObserver,
      long maxBodyBytes) {
    this.client = client;
    this.retries = retries;
    this.maxBodyBytes = maxBodyBytes;
    this.policy =
        RetryPolicy.<Attempt>builder()
            .handleResultIf(Attempt::retryable)
            // a request that cannot be built (a malformed base URL) fails the same way every time
            .abortOn(IllegalArgumentException.class)
            .withMaxAttempts(retries.maxAttempts())
            .withDelayFn(context -> delay(context.getLastResult(), context.getAttemptCount()))
            .onRetryScheduled(
                event -> retryObserver.accept(event.getAttemptCount(), event.getDelay()))
            .build();
  }

  /**
   * Makes the call and its retries on this thread, which waits out each retry's delay: the thread
   * stands for one call in flight, so the delay keeps the call's place in the concurrency limit.
   */
  ModelResponse call(
      Protocol protocol,
      VariantSpec variant,
      List<ChatMessage> messages,
      String apiKey,
      Duration timeout) {
    // the call timeout bounds the whole call (connect, request, waiting, reading the body); socket
    // read and write timeouts would add nothing to it but a watchdog entry and a poll per socket
    // operation, about a tenth of the HTTP client's CPU at concurrency 64 (benchmarks/README.md)
    OkHttpClient timed =
        clientsByTimeout.computeIfAbsent(
            timeout,
            t ->
                client
                    .newBuilder()
                    .callTimeout(t)
                    .readTimeout(Duration.ZERO)
                    .writeTimeout(Duration.ZERO)
                    .build());
    long start = System.nanoTime();
    List<ModelResponse> attempts = new ArrayList<>(1);
    try {
      ModelResponse last =
          Failsafe.with(policy)
              .get(
                  () -> {
                    Attempt attempt =
                        attempt(timed, protocol, variant, messages, apiKey, maxBodyBytes);
                    attempts.add(attempt.response());
                    return attempt;
                  })
              .response();
      // the answer's latency is the last attempt's; the call took every attempt and the waits
      // between them
      return withAttempts(last, attempts).withCallTime(Duration.ofNanos(System.nanoTime() - start));
    } catch (RuntimeException e) {
      // a request that cannot be built (a base URL that is not HTTP), or a wait between attempts
      // interrupted
      Throwable cause = e instanceof FailsafeException && e.getCause() != null ? e.getCause() : e;
      ModelResponse failure =
          ModelResponse.failure(
              ErrorClass.CONNECTION,
              "call failed: " + redact(String.valueOf(cause), apiKey),
              Duration.ZERO,
              0);
      // every request sent so far failed and was to be retried
      return failure
          .withAttempts(attempts.size(), errors(attempts))
          .withCallTime(Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /**
   * The last attempt's response with the count of requests sent and what each earlier one failed
   * with; a call that still failed after more than one says so first: {@code failed after 4
   * attempts: server error (HTTP 503): ...}.
   */
  static ModelResponse withAttempts(ModelResponse last, List<ModelResponse> attempts) {
    List<String> retried = errors(attempts.subList(0, Math.max(0, attempts.size() - 1)));
    if (!last.isError() || attempts.size() < 2) {
      return last.withAttempts(attempts.size(), retried);
    }
    return withErrors(
        last,
        ModelResponse.failedAfter(attempts.size()) + last.errorMessage(),
        attempts.size(),
        retried);
  }

  private static List<String> errors(List<ModelResponse> attempts) {
    List<String> errors = new ArrayList<>(attempts.size());
    for (ModelResponse attempt : attempts) {
      errors.add(String.valueOf(attempt.errorMessage()));
    }
    return errors;
  }

  /**
   * The wait before the next attempt: the server's {@code Retry-After} when it sent one (capped at
   * the maximum delay), else exponential backoff from the initial delay with +-20 % jitter.
   */
  Duration delay(@Nullable Attempt last, int attempts) {
    if (last != null && last.retryAfter() != null) {
      return last.retryAfter().compareTo(retries.maxDelay()) > 0
          ? retries.maxDelay()
          : last.retryAfter();
    }
    double base = retries.initialDelay().toMillis() * Math.pow(2, Math.max(0, attempts - 1));
    double jittered = base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble());
    return Duration.ofMillis(Math.round(Math.min(jittered, retries.maxDelay().toMillis())));
  }

  private static Attempt attempt(
      OkHttpClient client,
      Protocol protocol,
      VariantSpec variant,
      List<ChatMessage> messages,
      String apiKey,
      long maxBodyBytes) {
    Request request = protocol.request(variant, messages, apiKey);
    long start = System.nanoTime();
    Response response;
    try {
      response = client.newCall(request).execute();
    } catch (IOException e) {
      return failed(e, "connection failed", Duration.ofNanos(System.nanoTime() - start), 0, apiKey);
    }
    try (response;
        ResponseBody body = response.body()) {
      if (variant.parameters().stream()
          && response.isSuccessful()
          && StreamReader.isEventStream(body.contentType())) {
        return StreamReader.read(
            protocol, variant, messages, response, start, apiKey, maxBodyBytes);
      }
      byte[] bytes = bounded(body, maxBodyBytes);
      if (bytes == null) {
        return tooLarge(maxBodyBytes, start, response.code());
      }
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      Duration ttfb =
          Duration.ofMillis(
              Math.max(0, response.receivedResponseAtMillis() - response.sentRequestAtMillis()));
      return interpret(protocol, variant, messages, response, bytes, latency, ttfb, apiKey);
    } catch (IOException e) {
      return failed(
          e,
          "connection failed while reading the body",
          Duration.ofNanos(System.nanoTime() - start),
          response.code(),
          apiKey);
    } catch (RuntimeException e) {
      return new Attempt(
          ModelResponse.failure(
              ErrorClass.BAD_RESPONSE,
              "unreadable response: " + redact(String.valueOf(e.getMessage()), apiKey),
              Duration.ofNanos(System.nanoTime() - start),
              response.code()),
          true,
          null);
    }
  }

  /**
   * A body over the limit: not read whole and not retried, since a model that answered this much
   * would answer as much again.
   */
  static Attempt tooLarge(long maxBodyBytes, long start, int status) {
    return new Attempt(
        ModelResponse.failure(
            ErrorClass.TOO_LARGE,
            "the response body is larger than "
                + Settings.formatSize(maxBodyBytes)
                + " ("
                + Constants.RESPONSE_MAX_SIZE
                + "); it was not read whole",
            Duration.ofNanos(System.nanoTime() - start),
            status),
        false,
        null);
  }

  /**
   * The body, or null when it is larger than {@code max} bytes: a declared length is trusted, and
   * an undeclared one is read only until it passes the limit, so memory holds at most {@code max +
   * 1} bytes of it.
   */
  static byte @Nullable [] bounded(ResponseBody body, long max) throws IOException {
    if (body.contentLength() > max) {
      return null;
    }
    BufferedSource source = body.source();
    if (source.request(max + 1)) {
      return null;
    }
    return source.readByteArray();
  }

  /**
   * A retryable attempt that an I/O failure ended: a timeout when the call's time ran out, else a
   * connection failure.
   */
  static Attempt failed(IOException e, String what, Duration latency, int status, String apiKey) {
    boolean timeout =
        e instanceof SocketTimeoutException
            || e instanceof InterruptedIOException
            || String.valueOf(e.getMessage()).contains("timeout");
    String message =
        (timeout ? "no response within the timeout" : what)
            + " ("
            + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + redact(e.getMessage(), apiKey))
            + ")";
    return new Attempt(
        ModelResponse.failure(
            timeout ? ErrorClass.TIMEOUT : ErrorClass.CONNECTION, message, latency, status),
        true,
        null);
  }

  static Attempt interpret(
      Protocol protocol,
      VariantSpec variant,
      List<ChatMessage> messages,
      Response response,
      byte[] bytes,
      Duration latency,
      Duration ttfb,
      String apiKey) {
    int status = response.code();
    String body =
        status >= 200 && status < 300
            ? ""
            : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    String requestId = firstHeader(response, "x-request-id", "request-id", "x-amzn-requestid");
    Duration retryAfter = RetryAfter.parse(response.header("Retry-After"), Instant.now());
    if (status == 429) {
      return new Attempt(
          failure(
              ErrorClass.RATE_LIMITED,
              "rate limited (HTTP 429)",
              body,
              apiKey,
              latency,
              status,
              requestId),
          true,
          retryAfter);
    }
    if (status >= 500) {
      return new Attempt(
          failure(
              ErrorClass.SERVER_ERROR,
              "server error (HTTP " + status + ")",
              body,
              apiKey,
              latency,
              status,
              requestId),
          true,
          retryAfter);
    }
    if (status == 401 || status == 403) {
      return new Attempt(
          failure(
              ErrorClass.AUTH,
              "authentication failed (HTTP " + status + ")",
              body,
              apiKey,
              latency,
              status,
              requestId),
          false,
          null);
    }
    if (status >= 400) {
      return new Attempt(
          failure(
              ErrorClass.CLIENT,
              "request rejected (HTTP " + status + ")",
              body,
              apiKey,
              latency,
              status,
              requestId),
          false,
          null);
    }
    WireResponse wire;
    try {
      JsonNode json = Protocol.JSON.readTree(bytes);
      wire = protocol.parse(json);
    } catch (StreamConstraintsException e) {
      // e.g. a string over 20,000,000 characters or nesting deeper than 1,000: the parser's limit,
      // not bad syntax
      String limit =
          String.valueOf(e.getOriginalMessage()).replaceAll(", from `[^`]*`", "").strip();
      return new Attempt(
          failure(
              ErrorClass.TOO_LARGE,
              "the response body is over the JSON parser's limit: " + limit,
              "",
              apiKey,
              latency,
              status,
              requestId),
          false,
          null);
    } catch (IOException | IllegalArgumentException e) {
      String why = e instanceof IllegalArgumentException ? e.getMessage() : "the body is not JSON";
      body = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
      return new Attempt(
          failure(
              ErrorClass.BAD_RESPONSE,
              "malformed response body: " + why,
              body,
              apiKey,
              latency,
              status,
              requestId),
          true,
          null);
    }
    return new Attempt(
        answer(variant, messages, wire, latency, ttfb, status, requestId), false, null);
  }

  /**
   * The answer a parsed body or stream gave: usage as reported, else estimated with jtokkit and
   * marked so.
   */
  static ModelResponse answer(
      VariantSpec variant,
      List<ChatMessage> messages,
      WireResponse wire,
      Duration latency,
      @Nullable Duration ttfb,
      int status,
      @Nullable String requestId) {
    TokenUsage usage =
        wire.promptTokens() != null && wire.completionTokens() != null
            ? new TokenUsage(wire.promptTokens(), wire.completionTokens(), false)
            : estimate(variant, messages, wire);
    return new ModelResponse(
            wire.content(),
            wire.finishReason(),
            usage,
            latency,
            ttfb,
            status,
            requestId,
            null,
            null,
            false)
        .withToolCalls(wire.toolCalls());
  }

  static TokenUsage estimate(VariantSpec variant, List<ChatMessage> messages, WireResponse wire) {
    long prompt = 0;
    for (ChatMessage message : messages) {
      prompt += TokenCounter.count(message.content(), variant.model()) + 4;
      for (ToolCall call : message.toolCalls()) {
        prompt += TokenCounter.count(call.name() + call.arguments(), variant.model());
      }
    }
    long completion = TokenCounter.count(wire.content(), variant.model());
    for (ToolCall call : wire.toolCalls()) {
      completion += TokenCounter.count(call.name() + call.arguments(), variant.model());
    }
    return new TokenUsage(prompt, completion, true);
  }

  static ModelResponse failure(
      ErrorClass error,
      String what,
      String body,
      String apiKey,
      Duration latency,
      int status,
      @Nullable String requestId) {
    // cut only once every secret is out of it (cutErrors), so that no cut leaves half a secret
    String snippet = body.replaceAll("\\s+", " ").strip();
    String message = redact(what + (snippet.isEmpty() ? "" : ": " + snippet), apiKey);
    return new ModelResponse(
        null, null, TokenUsage.NONE, latency, null, status, requestId, error, message, false);
  }

  /**
   * The response with its error texts (the message, each retried attempt's) cut to {@value
   * #MAX_ERROR} characters with a note of what was left out ({@link TextCut}): a gateway's error
   * page can be 200 KB. Called once the run's secrets are out of them.
   */
  static ModelResponse cutErrors(ModelResponse response) {
    String message = response.errorMessage();
    List<String> retried = new ArrayList<>(response.retriedErrors().size());
    boolean same = message == null || message.length() <= MAX_ERROR;
    for (String error : response.retriedErrors()) {
      retried.add(TextCut.cut(error, MAX_ERROR));
      same &= error.length() <= MAX_ERROR;
    }
    if (same) {
      return response;
    }
    return withErrors(
        response,
        message == null ? null : TextCut.cut(message, MAX_ERROR),
        response.attempts(),
        retried);
  }

  /** {@code response} with these error texts and attempts. */
  private static ModelResponse withErrors(
      ModelResponse response, @Nullable String message, int attempts, List<String> retried) {
    return new ModelResponse(
        response.content(),
        response.finishReason(),
        response.usage(),
        response.latency(),
        response.timeToFirstByte(),
        response.httpStatus(),
        response.requestId(),
        response.error(),
        message,
        response.recorded(),
        response.callTime(),
        response.toolCalls(),
        response.timeToFirstToken(),
        response.steps(),
        attempts,
        retried);
  }

  /** Removes the key from anything that may be shown or written. */
  static String redact(String text, String apiKey) {
    return apiKey.length() >= 4 ? text.replace(apiKey, "[REDACTED]") : text;
  }

  static @Nullable String firstHeader(Response response, String... names) {
    for (String name : names) {
      String value = response.header(name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}

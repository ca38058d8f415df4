package dev.evalgate.engine.provider;

import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.concurrent.EngineThreads;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.config.RecordingMode;
import dev.evalgate.engine.model.CallRequest;
import dev.evalgate.engine.model.Responder;
import dev.evalgate.engine.recording.Recording;
import dev.evalgate.engine.recording.RecordingStore;
import dev.evalgate.engine.recording.RequestKey;
import dev.evalgate.engine.redact.Redactor;
import dev.failsafe.RateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Answers HTTP variants: from recordings, or live over OkHttp with concurrency limits, rate limits,
 * retries and timeouts, as {@link Constants#RECORDING_MODE} says. A live answer is written to the
 * recording journal before the call completes. API keys are read from the environment when a live
 * call needs them and never leave the request header.
 *
 * <pre>{@code
 * try (RunThreads threads = new RunThreads();
 *     HttpResponder responder = HttpResponder.create("support-bot", config, System::getenv, threads.workers())) {
 *   ModelResponse answer = responder.answer(request).join();
 * }
 * }</pre>
 */
public final class HttpResponder implements Responder {
  private final String suite;
  private final EngineConfiguration config;
  private final Secrets secrets;

  /**
   * Recordings redacted because they held credential-shaped text; the first few are named on the
   * console.
   */
  private final AtomicInteger redactedRecordings = new AtomicInteger();

  private final Function<String, @Nullable String> environment;
  private final @Nullable RecordingStore store;

  /** Null in replay mode, which never calls: the HTTP client is not even built. */
  private final @Nullable HttpCaller caller;

  private final @Nullable OkHttpClient client;

  /**
   * Live modes: the threads that make the calls, one per call in flight, at most {@code
   * concurrency} of them. A caller makes its call (and its retries) itself and then runs what the
   * run chained to the answer (the checks), then takes the next call from the queue. Null in replay
   * mode.
   */
  private final @Nullable ThreadPoolExecutor callers;

  /**
   * Per-variant limits, only when {@code concurrency.per-variant} is below {@code concurrency}
   * (else they can never bind).
   */
  private final Map<String, Semaphore> perVariant = new ConcurrentHashMap<>();

  private final Map<String, RateLimiter<Object>> requestLimits = new ConcurrentHashMap<>();
  private final Map<String, RateLimiter<Object>> tokenLimits = new ConcurrentHashMap<>();
  private final Map<String, String> authFailures = new ConcurrentHashMap<>();

  /**
   * In replay mode, the run's worker threads, which look recordings up (and then check them); the
   * run owns them and shuts them down, not this responder. Null in the other modes.
   */
  private final @Nullable ExecutorService replayers;

  /**
   * The app variants' recording endpoints and the threads that run the user's functions; made on
   * first use.
   */
  private @Nullable AppResponder apps;

  private HttpResponder(
      String suite,
      EngineConfiguration config,
      Function<String, @Nullable String> environment,
      @Nullable RecordingStore store,
      ExecutorService workers,
      BiConsumer<Integer, Duration> retryObserver,
      Secrets secrets) {
    this.suite = suite;
    this.config = config;
    this.secrets = secrets;
    this.environment = environment;
    this.store = store;
    this.replayers =
        store != null && config.recordingMode() == RecordingMode.REPLAY ? workers : null;
    if (replayers == null) {
      this.client =
          new OkHttpClient.Builder()
              .connectionPool(
                  new ConnectionPool(Math.min(config.concurrency(), 256), 5, TimeUnit.MINUTES))
              .retryOnConnectionFailure(false)
              .build();
      this.caller =
          new HttpCaller(
              client,
              new HttpCaller.Retries(
                  config.retryMaxAttempts(), config.retryInitialDelay(), config.retryMaxDelay()),
              retryObserver,
              config.responseMaxBytes());
      this.callers = EngineThreads.elastic("call", config.concurrency(), Duration.ofSeconds(30));
    } else {
      this.client = null;
      this.caller = null;
      this.callers = null;
    }
  }

  /**
   * A responder for one suite.
   *
   * @param suite the suite's name (recordings are grouped by it)
   * @param config engine configuration (mode, recording folder, limits, retries, timeout)
   * @param environment where API keys are read, by variable name; {@code System::getenv} in
   *     production
   * @param workers the run's worker threads: replay mode looks recordings up on them, so that the
   *     engine never borrows the common fork-join pool; the caller owns them and shuts them down
   *     after closing this responder. Live calls are made on the responder's own threads, one per
   *     call in flight, which {@link #close()} stops
   */
  public static HttpResponder create(
      String suite,
      EngineConfiguration config,
      Function<String, @Nullable String> environment,
      ExecutorService workers) {
    return create(suite, config, environment, workers, (attempt, delay) -> {});
  }

  /**
   * As {@link #create(String, EngineConfiguration, Function, ExecutorService)}, telling {@code
   * retryObserver} of each scheduled retry.
   */
  public static HttpResponder create(
      String suite,
      EngineConfiguration config,
      Function<String, @Nullable String> environment,
      ExecutorService workers,
      BiConsumer<Integer, Duration> retryObserver) {
    return create(suite, config, environment, workers, retryObserver, Secrets.NONE);
  }

  /**
   * As {@link #create(String, EngineConfiguration, Function, ExecutorService, BiConsumer)},
   * replacing {@code secrets} in every answer, error message and request id before it is recorded
   * or returned.
   */
  public static HttpResponder create(
      String suite,
      EngineConfiguration config,
      Function<String, @Nullable String> environment,
      ExecutorService workers,
      BiConsumer<Integer, Duration> retryObserver,
      Secrets secrets) {
    Objects.requireNonNull(workers, "workers");
    RecordingStore store =
        config.recordingMode() == RecordingMode.OFF
            ? null
            : RecordingStore.open(config.recordingDir(), suite);
    return new HttpResponder(suite, config, environment, store, workers, retryObserver, secrets);
  }

  /**
   * Answers a call. In replay mode the look-up (request hash, recording read) runs on one of the
   * run's worker threads, so that the caller's thread only hands out work; the returned future then
   * completes there.
   */
  @Override
  public CompletableFuture<ModelResponse> answer(CallRequest request) {
    if (VariantSpec.APP.equals(request.variant().provider())) {
      return apps().answer(request);
    }
    if (replayers != null) {
      return CompletableFuture.supplyAsync(() -> replay(request), replayers);
    }
    VariantSpec variant = request.variant();
    RecordingMode mode = config.recordingMode();
    @Nullable String key = null;
    if (store != null) {
      String stored;
      try {
        stored = key(request);
      } catch (IllegalArgumentException e) {
        return CompletableFuture.completedFuture(unsendable(e));
      }
      key = stored;
      Recording hit = mode == RecordingMode.REFRESH ? null : store.get(variant.name(), stored);
      if (hit != null) {
        return CompletableFuture.completedFuture(secrets.scrub(hit.toResponse()));
      }
    }
    Protocol protocol = Protocol.of(variant.provider());
    String keyVariable = keyVariable(variant, protocol);
    String apiKey = environment.apply(keyVariable);
    // a local server needs no key: record mode calls it without one, and so does auto
    boolean local = variant.baseUrl() != null && BaseUrls.isLocal(variant.baseUrl());
    if (mode == RecordingMode.AUTO && (apiKey == null || apiKey.isBlank()) && !local) {
      return CompletableFuture.completedFuture(notRecorded(request, keyVariable));
    }
    if (apiKey == null || apiKey.isBlank()) {
      if (variant.baseUrl() == null) {
        return CompletableFuture.completedFuture(
            ModelResponse.failure(
                ErrorClass.AUTH,
                "environment variable "
                    + keyVariable
                    + " is not set; variant '"
                    + variant.name()
                    + "' needs it for live calls",
                Duration.ZERO,
                0));
      }
      apiKey = "";
    }
    Semaphore variantPermits = acquireVariantPermit(variant);
    CompletableFuture<ModelResponse> answer = new CompletableFuture<>();
    Objects.requireNonNull(callers, "every mode but replay has callers")
        .execute(new LiveCall(request, protocol, keyVariable, apiKey, key, variantPermits, answer));
    return answer;
  }

  /**
   * One live call waiting for, or running on, a caller thread. Running it completes the answer on
   * that thread, so what the run chained to the answer runs there too.
   */
  private final class LiveCall implements Runnable {
    private final CallRequest request;
    private final Protocol protocol;
    private final String keyVariable;
    private final String apiKey;
    private final @Nullable String key;
    private final @Nullable Semaphore variantPermits;
    private final CompletableFuture<ModelResponse> answer;

    LiveCall(
        CallRequest request,
        Protocol protocol,
        String keyVariable,
        String apiKey,
        @Nullable String key,
        @Nullable Semaphore variantPermits,
        CompletableFuture<ModelResponse> answer) {
      this.request = request;
      this.protocol = protocol;
      this.keyVariable = keyVariable;
      this.apiKey = apiKey;
      this.key = key;
      this.variantPermits = variantPermits;
      this.answer = answer;
    }

    @Override
    public void run() {
      ModelResponse response = null;
      Throwable failure = null;
      try {
        response = call();
      } catch (RuntimeException | Error e) {
        failure =
            e; // a recording that cannot be written: the run reports it where it joins the answer
      } finally {
        if (variantPermits != null) {
          variantPermits.release();
        }
      }
      if (failure != null) {
        answer.completeExceptionally(failure);
      } else {
        answer.complete(response);
      }
    }

    /** Completes the answer of a call that was never started: the run stopped first. */
    void abandon() {
      if (variantPermits != null) {
        variantPermits.release();
      }
      answer.complete(
          ModelResponse.failure(
              ErrorClass.CONNECTION,
              "not called: the run stopped before this call was made",
              Duration.ZERO,
              0));
    }

    private ModelResponse call() {
      VariantSpec variant = request.variant();
      String stopped = authFailures.get(variant.name());
      if (stopped != null) {
        // an earlier call of the variant found the key refused, whether before or after this one
        // was queued
        return ModelResponse.failure(ErrorClass.AUTH, stopped, Duration.ZERO, 0);
      }
      try {
        awaitRateLimits(variant, request);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ModelResponse.failure(
            ErrorClass.CONNECTION,
            "not called: interrupted while waiting for the rate limit",
            Duration.ZERO,
            0);
      }
      Duration timeout = variant.timeout() != null ? variant.timeout() : config.timeout();
      // a server may echo a key or header value anywhere: nothing below sees them
      HttpCaller http = Objects.requireNonNull(caller, "every mode but replay has a caller");
      ModelResponse response =
          HttpCaller.cutErrors(
              secrets.scrub(http.call(protocol, variant, request.messages(), apiKey, timeout)));
      if (response.error() == ErrorClass.AUTH) {
        String message =
            "variant '"
                + variant.name()
                + "' stopped after "
                + response.errorMessage()
                + "; check "
                + keyVariable;
        if (authFailures.putIfAbsent(variant.name(), message) == null) {
          System.err.println("[evalgate] " + HttpCaller.redact(message, apiKey));
        }
      }
      RecordingStore recordings = store;
      String recordingKey = key;
      if (!response.isError() && recordings != null && recordingKey != null) {
        response = record(recordings, recordingKey, request, response);
      }
      return response;
    }

    /**
     * Records the answer, after a scan for credential-shaped text (private keys, JWTs, bearer
     * tokens, cloud and API keys): what it finds is recorded, and answered, as {@code
     * [REDACTED:RULE]}, and the console names the journal line and the rule.
     */
    private ModelResponse record(
        RecordingStore recordings, String key, CallRequest request, ModelResponse response) {
      VariantSpec variant = request.variant();
      String rule = Redactor.SECRETS.firstMatch(response.text());
      if (rule == null && response.requestId() != null) {
        rule = Redactor.SECRETS.firstMatch(response.requestId());
      }
      for (int i = 0; rule == null && i < response.toolCalls().size(); i++) {
        rule = Redactor.SECRETS.firstMatch(response.toolCalls().get(i).arguments());
      }
      ModelResponse kept = rule == null ? response : response.mapText(Redactor.SECRETS::apply);
      long line =
          recordings.put(
              Recording.of(
                  key,
                  request.evalCase().id(),
                  variant.name(),
                  variant.model(),
                  request.repeat(),
                  kept));
      if (rule != null && redactedRecordings.incrementAndGet() <= MAX_REDACTION_WARNINGS) {
        System.err.println(
            "[evalgate] "
                + recordings.journalFile()
                + ":"
                + line
                + ": the answer of case '"
                + request.evalCase().id()
                + "' (variant '"
                + variant.name()
                + "') holds text shaped like a credential (rule "
                + rule
                + "); it is recorded"
                + " as [REDACTED:"
                + rule
                + "], and moved into "
                + variant.name()
                + ".jsonl when the run ends");
      }
      return kept;
    }
  }

  private synchronized AppResponder apps() {
    if (apps == null) {
      apps = new AppResponder(suite, config, store, environment, secrets);
    }
    return apps;
  }

  /**
   * Recordings redacted for credential-shaped text that the console names one by one; the rest are
   * counted.
   */
  static final int MAX_REDACTION_WARNINGS = 5;

  /** The recorded answer, or a not_recorded failure that says how to record it. */
  private ModelResponse replay(CallRequest request) {
    VariantSpec variant = request.variant();
    try {
      RecordingStore recordings = Objects.requireNonNull(store, "replay mode has a store");
      String key;
      try {
        key = key(request);
      } catch (IllegalArgumentException e) {
        return unsendable(e);
      }
      Recording hit = recordings.get(variant.name(), key);
      return hit != null
          ? secrets.scrub(hit.toResponse())
          : notRecorded(request, keyVariable(variant, Protocol.of(variant.provider())));
    } catch (RuntimeException e) {
      // the recording files were checked when opened; this is a file changed or unreadable since
      return ModelResponse.failure(
          ErrorClass.EXCEPTION,
          e.getMessage() == null ? e.toString() : e.getMessage(),
          Duration.ZERO,
          0);
    }
  }

  /** The request's recording key, with the response schema it sends (read now, as a call would). */
  private static String key(CallRequest request) {
    VariantSpec variant = request.variant();
    return RequestKey.of(
        variant,
        request.messages(),
        request.repeat(),
        ResponseSchemas.keyText(variant.parameters().responseFormat()));
  }

  /** A request that cannot be built, such as one whose response schema cannot be read. */
  private static ModelResponse unsendable(IllegalArgumentException e) {
    return ModelResponse.failure(
        ErrorClass.CLIENT, String.valueOf(e.getMessage()), Duration.ZERO, 0);
  }

  private static String keyVariable(VariantSpec variant, Protocol protocol) {
    return variant.apiKeyEnv() != null ? variant.apiKeyEnv() : protocol.defaultKeyVariable();
  }

  private static ModelResponse notRecorded(CallRequest request, String keyVariable) {
    VariantSpec variant = request.variant();
    return ModelResponse.failure(
        ErrorClass.NOT_RECORDED,
        "no recording for case '"
            + request.evalCase().id()
            + "' of variant '"
            + variant.name()
            + "' (model "
            + variant.model()
            + ")"
            + (request.repeat() > 0 ? " repeat " + request.repeat() : "")
            + "; record the missing answers with: "
            + keyVariable
            + "=... mvn verify -D"
            + Constants.RECORDING_MODE
            + "=record",
        Duration.ZERO,
        0);
  }

  /**
   * Waits for a permit of the variant's own concurrency limit, when it is lower than the overall
   * one (the number of caller threads); the call releases it when it is over. Null when there is no
   * such limit. The calling thread waiting here is the run's backpressure besides its window.
   */
  private @Nullable Semaphore acquireVariantPermit(VariantSpec variant) {
    if (config.concurrencyPerVariant() >= config.concurrency()) {
      return null;
    }
    Semaphore permits =
        perVariant.computeIfAbsent(
            variant.name(), v -> new Semaphore(config.concurrencyPerVariant()));
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to call " + variant.name(), e);
    }
    return permits;
  }

  /**
   * Waits, on the caller thread, until the variant's rate limits let the call start. Waiting here,
   * not where the call is queued, is what keeps calls that waited in the queue from starting in a
   * burst.
   */
  private void awaitRateLimits(VariantSpec variant, CallRequest request)
      throws InterruptedException {
    if (config.requestsPerMinute() > 0) {
      requestLimits
          .computeIfAbsent(
              variant.name(),
              v ->
                  RateLimiter.smoothBuilder(config.requestsPerMinute(), Duration.ofMinutes(1))
                      .build())
          .acquirePermit();
    }
    if (config.tokensPerMinute() > 0) {
      int estimate =
          request.messages().stream().mapToInt(m -> m.content().length() / 4 + 4).sum()
              + (variant.parameters().maxTokens() == null ? 256 : variant.parameters().maxTokens());
      tokenLimits
          .computeIfAbsent(
              variant.name(),
              v ->
                  RateLimiter.smoothBuilder(config.tokensPerMinute(), Duration.ofMinutes(1))
                      .build())
          .acquirePermits(Math.min(estimate, config.tokensPerMinute()));
    }
  }

  /** The recordings folder of this suite, when recordings are used. */
  public java.nio.file.@Nullable Path recordingFolder() {
    return store == null ? null : store.folder();
  }

  /**
   * Waits for the calls in flight, then closes the recordings. Calls still queued (only when the
   * run stopped early) are not made: their answers complete as {@code connection} errors.
   */
  @Override
  public void close() {
    try {
      synchronized (this) {
        if (apps != null) {
          apps.close();
        }
      }
      if (callers != null) {
        List<Runnable> queued = new ArrayList<>();
        callers.getQueue().drainTo(queued);
        for (Runnable call : queued) {
          ((LiveCall) call).abandon();
        }
        // a call is bounded by its timeout and retries: wait for it to end
        EngineThreads.stop(callers, null);
      }
    } finally {
      int redacted = redactedRecordings.get();
      if (redacted > MAX_REDACTION_WARNINGS) {
        System.err.println(
            "[evalgate] "
                + redacted
                + " recordings of suite '"
                + suite
                + "' held text shaped like a credential;"
                + " each was recorded redacted (the first "
                + MAX_REDACTION_WARNINGS
                + " are named above)");
      }
      try {
        if (store != null) {
          store.close();
        }
      } finally {
        if (client != null) {
          client.connectionPool().evictAll();
        }
      }
    }
  }

  @Override
  public String toString() {
    return "HttpResponder[" + suite + ", " + config.recordingMode() + "]";
  }
}

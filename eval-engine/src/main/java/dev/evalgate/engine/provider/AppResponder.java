package dev.evalgate.engine.provider;

import dev.evalgate.api.AppFunction;
import dev.evalgate.api.CallStep;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.api.ToolCall;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.concurrent.TimedPool;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.model.CallRequest;
import dev.evalgate.engine.recording.RecordingStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Answers the cases of app variants ({@link VariantSpec#app}): runs the user's function with the
 * URLs of the variant's {@link RecordingEndpoint} (started on first use, one per variant, stopped
 * by {@link #close()}) and makes the case's answer from what the function returned and the calls it
 * made: the final text, every step's tool calls, the tokens of all steps, and the steps themselves.
 */
final class AppResponder implements AutoCloseable {
  private final String suite;
  private final EngineConfiguration config;
  private final @Nullable RecordingStore store;
  private final Function<String, @Nullable String> environment;
  private final Secrets secrets;
  private final Map<String, RecordingEndpoint> endpoints = new ConcurrentHashMap<>();
  private final TimedPool pool;
  private final TimedPool.Limit limit;

  AppResponder(
      String suite,
      EngineConfiguration config,
      @Nullable RecordingStore store,
      Function<String, @Nullable String> environment,
      Secrets secrets) {
    this.suite = suite;
    this.config = config;
    this.store = store;
    this.environment = environment;
    this.secrets = secrets;
    this.pool = new TimedPool("app", Math.max(1, Math.min(config.concurrency(), 64)));
    this.limit = config.functionLimit();
  }

  CompletableFuture<ModelResponse> answer(CallRequest request) {
    return pool.call(
        "app function",
        request.variant().name(),
        request.evalCase().id(),
        () -> call(request),
        limit,
        (message, latency) -> ModelResponse.failure(ErrorClass.TIMEOUT, message, latency, 0));
  }

  private ModelResponse call(CallRequest request) {
    VariantSpec variant = request.variant();
    AppFunction app =
        ((AppFunction.Bound)
                Objects.requireNonNull(variant.function(), "an app variant has a function"))
            .app();
    RecordingEndpoint endpoint =
        endpoints.computeIfAbsent(
            variant.name(),
            name -> RecordingEndpoint.start(suite, variant, config, store, environment, secrets));
    RecordingEndpoint.Trace trace = endpoint.open(request.evalCase().id(), request.repeat());
    long start = System.nanoTime();
    String answer = null;
    Throwable thrown = null;
    try {
      answer = app.answer(request.messages(), trace.endpoint);
    } catch (Exception | LinkageError | AssertionError e) {
      thrown = e;
    } finally {
      endpoint.close(trace);
    }
    return answerOf(
        variant, answer, thrown, trace.steps(), Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * The case's answer: a failed call makes the case errored with that call's class (the
   * application's own exception, if any, usually only reports it); an exception without a failed
   * call is an {@code exception}. A case whose every call was replayed takes the recorded
   * latencies' sum as its latency, so replays compare as the recorded run did.
   */
  static ModelResponse answerOf(
      VariantSpec variant,
      @Nullable String answer,
      @Nullable Throwable thrown,
      List<CallStep> steps,
      Duration wall) {
    CallStep failed = steps.stream().filter(CallStep::isError).findFirst().orElse(null);
    boolean recorded = !steps.isEmpty() && steps.stream().allMatch(CallStep::recorded);
    Duration latency =
        recorded
            ? steps.stream().map(CallStep::latency).reduce(Duration.ZERO, Duration::plus)
            : wall;
    if (failed != null || thrown != null || answer == null) {
      ErrorClass stepError = failed == null ? null : failed.error();
      ErrorClass error = stepError != null ? stepError : ErrorClass.EXCEPTION;
      String message =
          failed != null
              ? "call "
                  + (steps.indexOf(failed) + 1)
                  + " of "
                  + steps.size()
                  + ": "
                  + failed.errorMessage()
              : thrown != null
                  ? thrown.getClass().getSimpleName()
                      + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage())
                  : "the app function of variant '" + variant.name() + "' returned null";
      return ModelResponse.failure(
              error, message, latency, failed != null ? failed.httpStatus() : 0)
          .withSteps(steps);
    }
    long prompt = 0;
    long completion = 0;
    boolean estimated = false;
    List<ToolCall> calls = new ArrayList<>();
    for (CallStep step : steps) {
      prompt += step.usage().promptTokens();
      completion += step.usage().completionTokens();
      estimated |= step.usage().estimated();
      calls.addAll(step.toolCalls());
    }
    CallStep last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
    return new ModelResponse(
        answer,
        last == null ? null : last.finishReason(),
        new TokenUsage(prompt, completion, estimated || steps.isEmpty()),
        latency,
        null,
        200,
        null,
        null,
        null,
        recorded,
        latency,
        calls,
        steps.isEmpty() ? null : steps.get(0).timeToFirstToken(),
        steps);
  }

  @Override
  public void close() {
    try {
      pool.close();
    } finally {
      endpoints.values().forEach(RecordingEndpoint::close);
    }
  }
}

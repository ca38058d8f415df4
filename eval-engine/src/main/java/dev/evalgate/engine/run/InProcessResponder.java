package dev.evalgate.engine.run;

import dev.evalgate.api.DatasetAnswers;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.ModelFunction;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.checks.TokenCounter;
import dev.evalgate.engine.concurrent.TimedPool;
import dev.evalgate.engine.model.CallRequest;
import dev.evalgate.engine.model.Responder;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Answers in-process variants by calling their {@link ModelFunction} on a bounded pool, and dataset
 * variants ({@link DatasetAnswers}) from their field of the case's row. A thrown exception becomes
 * an errored response of class {@code exception}; latency is measured here when the function
 * reports none. The pool is the run's ({@code RunThreads.inProcess}), which stops it after this
 * responder is closed.
 */
public final class InProcessResponder implements Responder {
  private final TimedPool pool;
  private final String dataset;
  private final TimedPool.Limit limit;

  /**
   * @param pool where the functions are called; its size bounds the calls in flight
   * @param dataset the dataset's location as the suite names it, for the errors of dataset variants
   * @param limit how long a function may take to answer one case ({@code
   *     evalgate.function.timeout})
   */
  public InProcessResponder(TimedPool pool, String dataset, TimedPool.Limit limit) {
    this.pool = pool;
    this.dataset = dataset;
    this.limit = limit;
  }

  @Override
  public CompletableFuture<ModelResponse> answer(CallRequest request) {
    ModelFunction function = request.variant().function();
    if (function instanceof DatasetAnswers stored) {
      return CompletableFuture.completedFuture(stored(stored.field(), request));
    }
    if (function == null) {
      return CompletableFuture.completedFuture(
          ModelResponse.failure(
              ErrorClass.CLIENT,
              "variant '" + request.variant().name() + "' is in-process but has no function",
              Duration.ZERO,
              0));
    }
    return pool.call(
        "function",
        request.variant().name(),
        request.evalCase().id(),
        () -> call(function, request),
        limit,
        (message, latency) -> ModelResponse.failure(ErrorClass.TIMEOUT, message, latency, 0));
  }

  /**
   * The row's answer, as if recorded: nothing was called, so no latency, and tokens counted with
   * jtokkit. A row without the field is an errored case that says where.
   */
  private ModelResponse stored(String field, CallRequest request) {
    String answer = request.evalCase().variable(field);
    if (answer == null) {
      return ModelResponse.failure(
          ErrorClass.CLIENT,
          dataset
              + ":"
              + request.evalCase().line()
              + ": the row has no field '"
              + field
              + "', which holds the answers of variant '"
              + request.variant().name()
              + "' (provider: dataset)",
          Duration.ZERO,
          0);
    }
    ModelResponse response = ModelResponse.ofText(answer);
    return withUsage(response, estimatedUsage(request, answer), Duration.ZERO, true);
  }

  private static TokenUsage estimatedUsage(CallRequest request, String answer) {
    long prompt = 0;
    for (dev.evalgate.api.ChatMessage message : request.messages()) {
      prompt += TokenCounter.count(message.content(), request.variant().model());
    }
    return new TokenUsage(prompt, TokenCounter.count(answer, request.variant().model()), true);
  }

  private static ModelResponse withUsage(
      ModelResponse response, TokenUsage usage, Duration latency, boolean recorded) {
    // every field kept: the tool calls, time to first token and pipeline steps are the function's
    // evidence too
    return new ModelResponse(
        response.content(),
        response.finishReason(),
        usage,
        latency,
        response.timeToFirstByte(),
        response.httpStatus(),
        response.requestId(),
        response.error(),
        response.errorMessage(),
        recorded,
        latency,
        response.toolCalls(),
        response.timeToFirstToken(),
        response.steps());
  }

  private static ModelResponse call(ModelFunction function, CallRequest request) {
    long start = System.nanoTime();
    try {
      ModelResponse response = function.answer(request.messages());
      if (response == null) {
        return ModelResponse.failure(
            ErrorClass.EXCEPTION,
            "the function of variant '" + request.variant().name() + "' returned null",
            Duration.ofNanos(System.nanoTime() - start),
            0);
      }
      Duration latency =
          response.latency().isZero()
              ? Duration.ofNanos(System.nanoTime() - start)
              : response.latency();
      TokenUsage usage = response.usage();
      String content = response.content();
      if (usage.equals(TokenUsage.NONE) && content != null) {
        // no usage reported: count with jtokkit, marked as estimated
        usage = estimatedUsage(request, content);
      }
      return withUsage(response, usage, latency, response.recorded());
    } catch (Exception | LinkageError | AssertionError e) {
      return ModelResponse.failure(
          ErrorClass.EXCEPTION,
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          Duration.ofNanos(System.nanoTime() - start),
          0);
    }
  }

  /** Nothing to persist or release: the run's threads stop the pool. */
  @Override
  public void close() {}
}

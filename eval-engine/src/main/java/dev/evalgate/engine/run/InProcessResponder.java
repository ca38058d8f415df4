package dev.evalgate.engine.run;

import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.ModelFunction;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.checks.TokenCounter;
import dev.evalgate.engine.model.CallRequest;
import dev.evalgate.engine.model.Responder;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Answers in-process variants by calling their {@link ModelFunction} on a bounded pool. A thrown
 * exception becomes an errored response of class {@code exception}; latency is measured here when
 * the function reports none. The pool is the run's ({@code RunThreads.inProcess}), which stops it
 * after this responder is closed.
 */
public final class InProcessResponder implements Responder {
  private final ExecutorService pool;

  /**
   * @param pool where the functions are called; its size bounds the calls in flight
   */
  public InProcessResponder(ExecutorService pool) {
    this.pool = pool;
  }

  @Override
  public CompletableFuture<ModelResponse> answer(CallRequest request) {
    ModelFunction function = request.variant().function();
    if (function == null) {
      return CompletableFuture.completedFuture(
          ModelResponse.failure(
              ErrorClass.CLIENT,
              "variant '" + request.variant().name() + "' is in-process but has no function",
              Duration.ZERO,
              0));
    }
    return CompletableFuture.supplyAsync(() -> call(function, request), pool);
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
      if (usage.equals(TokenUsage.NONE) && response.content() != null) {
        // no usage reported: count with jtokkit, marked as estimated
        long prompt = 0;
        for (dev.evalgate.api.ChatMessage message : request.messages()) {
          prompt += TokenCounter.count(message.content(), request.variant().model());
        }
        usage =
            new TokenUsage(
                prompt, TokenCounter.count(response.content(), request.variant().model()), true);
      }
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
          response.recorded(),
          latency,
          response.toolCalls(),
          response.timeToFirstToken(),
          response.steps());
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

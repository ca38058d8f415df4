package dev.evalgate.engine.model;

import dev.evalgate.api.ModelResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Answers calls: from recordings, live over HTTP, or in process, with concurrency limits, rate
 * limits, retries and timeouts applied. A call never completes exceptionally: failures come back as
 * a {@link ModelResponse} with an error class.
 */
public interface Responder extends AutoCloseable {
  CompletableFuture<ModelResponse> answer(CallRequest request);

  /** Waits for calls in flight, persists what must be persisted and releases connections. */
  @Override
  void close();
}

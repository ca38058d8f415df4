package dev.evalgate.engine.run;

import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.engine.model.CallRequest;
import dev.evalgate.engine.model.Responder;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Sends in-process and dataset variants to the in-process responder and HTTP variants to the HTTP
 * responder.
 */
public final class RoutingResponder implements Responder {
  private final Responder inProcess;
  private final @Nullable Responder http;

  public RoutingResponder(Responder inProcess, @Nullable Responder http) {
    this.inProcess = inProcess;
    this.http = http;
  }

  @Override
  public CompletableFuture<ModelResponse> answer(CallRequest request) {
    if (request.variant().answeredInProcess()) {
      return inProcess.answer(request);
    }
    if (http == null) {
      return CompletableFuture.completedFuture(
          ModelResponse.failure(
              ErrorClass.CLIENT,
              "no HTTP responder for provider '" + request.variant().provider() + "'",
              Duration.ZERO,
              0));
    }
    return http.answer(request);
  }

  @Override
  public void close() {
    try {
      inProcess.close();
    } finally {
      if (http != null) {
        http.close();
      }
    }
  }
}

package dev.evalgate.engine.telemetry;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the spans its exporter delivered, so that a run can say how many of the spans it made
 * never reached the collector (dropped from a full queue, refused, or still waiting when the
 * timeout ran out) instead of losing them silently.
 */
final class CountingExporter implements SpanExporter {
  private final SpanExporter delegate;
  private final AtomicLong exported = new AtomicLong();

  CountingExporter(SpanExporter delegate) {
    this.delegate = delegate;
  }

  /** Spans the collector accepted so far. */
  long exported() {
    return exported.get();
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    int size = spans.size();
    CompletableResultCode result = delegate.export(spans);
    result.whenComplete(
        () -> {
          if (result.isSuccess()) {
            exported.addAndGet(size);
          }
        });
    return result;
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }
}

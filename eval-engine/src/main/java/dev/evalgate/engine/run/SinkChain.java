package dev.evalgate.engine.run;

import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.CaseSink;
import dev.evalgate.engine.model.PreparingSink;
import java.util.List;

/**
 * The sinks of a run, fed together: {@link #prepare} on any thread, then {@link #accept} in dataset
 * order.
 */
public final class SinkChain {
  private final List<CaseSink> sinks;

  public SinkChain(List<CaseSink> sinks) {
    this.sinks = List.copyOf(sinks);
  }

  /** A result with what each sink prepared for it, in the sinks' order. */
  public record Prepared(CaseResult result, Object[] parts) {}

  public Prepared prepare(CaseResult result) {
    Object[] parts = new Object[sinks.size()];
    for (int i = 0; i < parts.length; i++) {
      if (sinks.get(i) instanceof PreparingSink<?> preparing) {
        parts[i] = preparing.prepare(result);
      }
    }
    return new Prepared(result, parts);
  }

  public void accept(Prepared prepared) {
    for (int i = 0; i < sinks.size(); i++) {
      CaseSink sink = sinks.get(i);
      if (sink instanceof PreparingSink<?> preparing) {
        deliver(preparing, prepared.result(), prepared.parts()[i]);
      } else {
        sink.accept(prepared.result());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <P> void deliver(PreparingSink<P> sink, CaseResult result, Object part) {
    sink.accept(result, (P) part);
  }
}

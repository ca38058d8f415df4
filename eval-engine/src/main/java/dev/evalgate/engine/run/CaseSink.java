package dev.evalgate.engine.run;

/**
 * Receives case results as they complete: the results file, Allure results and the metric
 * accumulators are sinks. Called from one thread at a time, in dataset order.
 */
public interface CaseSink extends AutoCloseable {
  void accept(CaseResult result);

  /** Flushes and releases resources; called once after the last case. */
  @Override
  default void close() {}
}

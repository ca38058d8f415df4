package dev.evalgate.engine.model;

/**
 * Receives case results as they complete: the results file, Allure results and the metric
 * accumulators are sinks. Called from one thread at a time, in dataset order. The pipeline never
 * closes a sink: whoever made it does ({@code RunReports} closes the report sinks when it finishes
 * or abandons a run).
 */
public interface CaseSink {
  void accept(CaseResult result);
}

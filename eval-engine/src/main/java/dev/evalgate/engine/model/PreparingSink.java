package dev.evalgate.engine.model;

/**
 * A sink that does the part of its work that does not depend on order (serialising a result,
 * counting words) before {@link #accept(CaseResult, Object)}: the pipeline calls {@link #prepare}
 * on the thread that finished the case, so that this work uses every core while results are still
 * delivered one at a time, in dataset order.
 *
 * @param <P> what {@link #prepare} hands to {@link #accept(CaseResult, Object)}
 */
public interface PreparingSink<P> extends CaseSink {
  /**
   * Called on any thread, possibly for several results at once: must not touch the sink's state.
   */
  P prepare(CaseResult result);

  /** Called from one thread at a time, in dataset order, with what {@link #prepare} returned. */
  void accept(CaseResult result, P prepared);

  @Override
  default void accept(CaseResult result) {
    accept(result, prepare(result));
  }
}

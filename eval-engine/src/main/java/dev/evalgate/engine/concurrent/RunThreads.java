package dev.evalgate.engine.concurrent;

import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * The thread pools of one suite run, made when first asked for and stopped together by {@link
 * #close()} when the run ends: first the in-process pool (its functions may still run when the run
 * stopped early), then the workers. A live HTTP responder's callers are its own (it must drain them
 * before closing the recordings); {@link EngineThreads} makes those too.
 */
public final class RunThreads implements AutoCloseable {
  private @Nullable ExecutorService workers;
  private @Nullable TimedPool inProcess;
  private boolean closed;

  /**
   * The run's workers, one per core ({@code evalgate-worker-N}): they check the answers, replay
   * recordings and compute the metrics, so that the engine never borrows the common fork-join pool.
   */
  public synchronized ExecutorService workers() {
    requireOpen();
    if (workers == null) {
      workers = EngineThreads.fixed("worker", EngineThreads.cores());
    }
    return workers;
  }

  /**
   * The pool that calls in-process variants' functions ({@code evalgate-in-process-N}), of {@code
   * threads} threads (the first call decides).
   */
  public synchronized TimedPool inProcess(int threads) {
    requireOpen();
    if (inProcess == null) {
      inProcess = new TimedPool("in-process", threads);
    }
    return inProcess;
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the run's threads are stopped");
    }
  }

  /**
   * Stops every pool of the run; each gets {@link EngineThreads#GRACE} to end the work it holds
   * (the in-process pool does not wait for the functions it gave up on: {@link TimedPool#close()}).
   */
  @Override
  public void close() {
    @Nullable TimedPool functions;
    @Nullable ExecutorService work;
    synchronized (this) {
      closed = true;
      functions = inProcess;
      work = workers;
    }
    if (functions != null) {
      functions.close();
    }
    if (work != null) {
      EngineThreads.stop(work, EngineThreads.GRACE);
    }
  }
}

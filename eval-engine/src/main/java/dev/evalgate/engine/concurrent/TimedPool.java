package dev.evalgate.engine.concurrent;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A pool that runs the user's own code (a Java variant's function) with a time limit per call: past
 * it the call's result is its late value and the call is interrupted, so a function that never
 * returns errs its case instead of holding up the run. The limit counts from when the call starts,
 * not from the queue; its timer is cancelled when the call ends first ({@link
 * CompletableFuture#completeOnTimeout}), so pending limits never pile up over a long run.
 *
 * <p>Code that takes no notice of the interrupt (a loop that swallows {@link InterruptedException})
 * keeps its thread. The pool gives up on it: it adds a thread in its place, so that the calls
 * queued behind it still run, and takes that thread away again when the code returns; {@link
 * #close()} does not wait for it. Past {@link #mostAbandoned} such calls of one owner (a variant's
 * function) at once, the pool calls that owner no more, and each of its calls left gets its refused
 * value instead, so a function that is deaf on every case costs a bounded number of threads, the
 * run still ends, and the other owners' calls go on.
 */
public final class TimedPool implements AutoCloseable {
  private static final int QUEUED = 0;
  private static final int RUNNING = 1;
  private static final int DONE = 2;
  private static final int ABANDONED = 3;

  private final ThreadPoolExecutor pool;
  private final int threads;
  private final int mostAbandoned;
  private final Object lock = new Object();
  private int abandoned; // guarded by lock
  private final Map<String, Integer> abandonedBy = new HashMap<>(); // guarded by lock
  private int unanswered; // guarded by lock

  /**
   * A pool of {@code threads} threads named {@code evalgate-ROLE-N}, which gives up on at most as
   * many calls of one owner again (and at least 16) before it refuses that owner more.
   */
  public TimedPool(String role, int threads) {
    this(role, threads, Math.max(16, threads));
  }

  TimedPool(String role, int threads, int mostAbandoned) {
    this.pool = EngineThreads.fixed(role, threads);
    this.threads = threads;
    this.mostAbandoned = mostAbandoned;
  }

  /**
   * Why a case of a Java variant errs when its function did not return in time, and what to do:
   * {@code the app function of variant 'v2' did not answer case 'q-1' within 2s
   * (evalgate.function.timeout), so the case errs and the function was interrupted; make it return,
   * or raise evalgate.function.timeout}.
   *
   * @param limit the limit as the configuration writes it (the key's own format, e.g. {@code 2s})
   * @param key the configuration key that sets it
   */
  public static String late(String what, String variant, String caseId, String limit, String key) {
    return "the "
        + what
        + " of variant '"
        + variant
        + "' did not answer case '"
        + caseId
        + "' within "
        + limit
        + " ("
        + key
        + "), so the case errs and the function was interrupted; make it return, or raise "
        + key;
  }

  /**
   * Why a case of a Java variant errs without its function being called: {@code the function of
   * variant 'v2' was not called for case 'q-9': 16 of its calls passed evalgate.function.timeout
   * (2s) and still run though they were interrupted, so no more are made; make it return when it is
   * interrupted}.
   */
  public static String refused(
      String what, String variant, String caseId, int stillRunning, String limit, String key) {
    return "the "
        + what
        + " of variant '"
        + variant
        + "' was not called for case '"
        + caseId
        + "': "
        + stillRunning
        + " of its calls passed "
        + key
        + " ("
        + limit
        + ") and still run though they were interrupted, so no more are made; make it return when"
        + " it is interrupted";
  }

  /**
   * A time limit as the user's configuration sets it: its length, written as the key writes it
   * ({@code 2s}), and the key that sets it, for the messages of a late or refused call.
   */
  public record Limit(Duration duration, String text, String key) {}

  /**
   * Runs one call of a Java variant's function: as {@link #supply}, its late and refused results
   * made by {@code failure} from the message ({@link #late}, {@link #refused}) and the latency to
   * report (the limit, or none for a call not made).
   *
   * @param what the code's kind as the messages name it ({@code function}, {@code app function})
   */
  public <T> CompletableFuture<T> call(
      String what,
      String variant,
      String caseId,
      Supplier<T> task,
      Limit limit,
      BiFunction<String, Duration, T> failure) {
    return supply(
        variant,
        task,
        limit.duration(),
        () ->
            failure.apply(late(what, variant, caseId, limit.text(), limit.key()), limit.duration()),
        stillRunning ->
            failure.apply(
                refused(what, variant, caseId, stillRunning, limit.text(), limit.key()),
                Duration.ZERO));
  }

  /**
   * Runs {@code task} on the pool.
   *
   * @param owner whose code it is (a variant's name): the calls given up on are counted per owner
   * @param limit how long it may take once started
   * @param late the result when it takes longer, made only then (a message and a failed answer per
   *     call would otherwise be built for every call that answers in time)
   * @param refused the result when the call is not made because {@code n} (the argument) calls of
   *     its owner that the pool gave up on still run
   */
  public <T> CompletableFuture<T> supply(
      String owner, Supplier<T> task, Duration limit, Supplier<T> late, IntFunction<T> refused) {
    CompletableFuture<T> result = new CompletableFuture<>();
    AtomicInteger state = new AtomicInteger(QUEUED);
    AtomicReference<@Nullable FutureTask<@Nullable Void>> running = new AtomicReference<>();
    FutureTask<@Nullable Void> call =
        new FutureTask<>(
            () -> {
              int deaf = abandoned(owner);
              if (deaf >= mostAbandoned) {
                result.complete(refused.apply(deaf));
                return;
              }
              state.set(RUNNING);
              CompletableFuture<Boolean> timer =
                  new CompletableFuture<Boolean>()
                      .completeOnTimeout(true, limit.toNanos(), TimeUnit.NANOSECONDS);
              timer.thenAccept(
                  timedOut -> {
                    if (timedOut && result.complete(late.get())) {
                      giveUp(owner, state, running.get());
                    }
                  });
              try {
                result.complete(task.get());
              } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
              } finally {
                timer.complete(false);
                if (!state.compareAndSet(RUNNING, DONE)) {
                  returnedAfterAll(owner);
                }
              }
            },
            null);
    running.set(call);
    synchronized (lock) {
      unanswered++;
    }
    result.whenComplete((value, failure) -> answered());
    pool.execute(call);
    return result;
  }

  private int abandoned(String owner) {
    synchronized (lock) {
      return abandonedBy.getOrDefault(owner, 0);
    }
  }

  /**
   * A call is late: interrupt it, and while it still runs, run the calls behind it on one thread
   * more. Under the lock, so that a call returning at this moment takes its thread away only after
   * it was added.
   */
  private void giveUp(
      String owner, AtomicInteger state, @Nullable FutureTask<@Nullable Void> call) {
    synchronized (lock) {
      if (!state.compareAndSet(RUNNING, ABANDONED)) {
        return; // it has just returned
      }
      abandoned++;
      abandonedBy.merge(owner, 1, Integer::sum);
      // the largest size first: the core may never exceed it
      pool.setMaximumPoolSize(threads + abandoned);
      pool.setCorePoolSize(threads + abandoned);
    }
    if (call != null) {
      call.cancel(true);
    }
  }

  /** A call the pool gave up on has returned after all: its thread is the pool's own again. */
  private void returnedAfterAll(String owner) {
    synchronized (lock) {
      abandoned--;
      abandonedBy.merge(owner, -1, Integer::sum);
      // the core first: it may never exceed the largest size; a thread too many ends when idle
      pool.setCorePoolSize(threads + abandoned);
      pool.setMaximumPoolSize(threads + abandoned);
    }
  }

  private void answered() {
    synchronized (lock) {
      unanswered--;
      if (unanswered == 0) {
        lock.notifyAll();
      }
    }
  }

  /**
   * Stops the pool: it takes no new calls and waits up to {@link EngineThreads#GRACE} for the calls
   * not yet answered (queued or running within their limit), then interrupts what still runs. It
   * does not wait for calls it gave up on: their answer is given, and their threads are daemons.
   * Returns at once when interrupted, keeping the interrupt.
   */
  @Override
  public void close() {
    pool.shutdown();
    long end = System.nanoTime() + EngineThreads.GRACE.toNanos();
    try {
      synchronized (lock) {
        for (long left = EngineThreads.GRACE.toNanos(); unanswered > 0 && left > 0; ) {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
          left = end - System.nanoTime();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      pool.shutdownNow();
    }
  }

  /** Whether every thread has ended (calls given up on may still hold theirs). */
  boolean isTerminated() {
    return pool.isTerminated();
  }
}

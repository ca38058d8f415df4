package dev.evalgate.engine.concurrent;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs the user's own code (a Java variant's function) with a time limit: past it the result is the
 * given late value and the task is interrupted, so a function that never returns errs its case
 * instead of holding up the run forever. The limit counts from when the task starts; the timer is
 * cancelled when the task finishes first ({@link CompletableFuture#completeOnTimeout}), so pending
 * limits never pile up over a long run.
 */
public final class Deadline {
  private Deadline() {}

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
   * @param task what to run on {@code pool}
   * @param limit how long it may take
   * @param late the result when it takes longer, made only then (a message and a failed answer per
   *     case would otherwise be built for every case that answers in time)
   */
  public static <T> CompletableFuture<T> supply(
      Supplier<T> task, ExecutorService pool, Duration limit, Supplier<T> late) {
    CompletableFuture<T> result = new CompletableFuture<>();
    AtomicReference<@Nullable FutureTask<@Nullable Void>> running = new AtomicReference<>();
    FutureTask<@Nullable Void> work =
        new FutureTask<>(
            () -> {
              // the limit counts from the start, not from the queue: a call waiting for a thread
              // behind a stuck one is not late; completing the timer first cancels its schedule
              CompletableFuture<Boolean> timer =
                  new CompletableFuture<Boolean>()
                      .completeOnTimeout(true, limit.toNanos(), TimeUnit.NANOSECONDS);
              timer.thenAccept(
                  timedOut -> {
                    if (timedOut && result.complete(late.get())) {
                      FutureTask<@Nullable Void> self = running.get();
                      if (self != null) {
                        self.cancel(true);
                      }
                    }
                  });
              try {
                result.complete(task.get());
              } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
              } finally {
                timer.complete(false);
              }
            },
            null);
    running.set(work);
    pool.execute(work);
    return result;
  }
}

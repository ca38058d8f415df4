package dev.evalgate.engine.concurrent;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The one place where the engine makes threads. Every thread is a daemon (a run never keeps the
 * build's JVM alive) named {@code evalgate-ROLE} or {@code evalgate-ROLE-N}, so that a thread dump
 * says what each one does; every pool is stopped by {@link #stop}.
 */
public final class EngineThreads {
  /** How long a stopping pool waits for work still running before interrupting it. */
  public static final Duration GRACE = Duration.ofSeconds(30);

  private EngineThreads() {}

  /** The number of cores the JVM may use, at least one. */
  public static int cores() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /**
   * A pool of {@code threads} threads named {@code evalgate-ROLE-1}, {@code evalgate-ROLE-2}, ...
   */
  public static ThreadPoolExecutor fixed(String role, int threads) {
    return new ThreadPoolExecutor(
        threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), numbered(role));
  }

  /**
   * A pool of at most {@code threads} threads named {@code evalgate-ROLE-N} that end after {@code
   * idle} without work (and are made again when work comes), so that an idle pool holds no thread.
   * Its queue is unbounded.
   */
  public static ThreadPoolExecutor elastic(String role, int threads, Duration idle) {
    return elastic(threads, idle, numbered(role));
  }

  /**
   * As {@link #elastic(String, int, Duration)}, every thread named {@code evalgate-ROLE} (no
   * number).
   */
  public static ThreadPoolExecutor elasticUnnumbered(String role, int threads, Duration idle) {
    return elastic(threads, idle, task -> daemon(task, "evalgate-" + role));
  }

  private static ThreadPoolExecutor elastic(int threads, Duration idle, ThreadFactory factory) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            idle.toNanos(),
            TimeUnit.NANOSECONDS,
            new LinkedBlockingQueue<>(),
            factory);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** One thread named {@code evalgate-ROLE} running {@code task}, not yet started. */
  public static Thread thread(String role, Runnable task) {
    return daemon(task, "evalgate-" + role);
  }

  /**
   * Stops a pool: it takes no new work, finishes what it holds and ends. With a {@code grace}, work
   * still running after it is interrupted; without one ({@code null}), this waits as long as the
   * work runs (for work bounded by its own timeouts). Returns at once when interrupted, keeping the
   * interrupt.
   */
  public static void stop(ExecutorService pool, @Nullable Duration grace) {
    pool.shutdown();
    try {
      if (grace == null) {
        while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
          // the work is bounded by its own timeouts; keep waiting for it to end
        }
      } else if (!pool.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory numbered(String role) {
    AtomicInteger count = new AtomicInteger();
    return task -> daemon(task, "evalgate-" + role + "-" + count.incrementAndGet());
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}

package dev.evalgate.engine.run;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread pools of the engine: one daemon thread per core, named for thread dumps. */
public final class Workers {
  private Workers() {}

  /** A pool of one daemon thread per core, named {@code name-1}, {@code name-2}, ... */
  public static ExecutorService perCore(String name) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
      Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }
}

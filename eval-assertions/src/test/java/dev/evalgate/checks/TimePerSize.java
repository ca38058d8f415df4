package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Shows that an operation's time per character does not grow with the input's size, as a ratio
 * measured within one JVM (never an absolute time, so a loaded machine slows both sides alike).
 * Each size is warmed up, then timed as the fastest of several samples (the fastest is the one
 * other processes disturbed least); a run of the large input that takes far longer than linear
 * growth allows is abandoned, so a quadratic operation fails in seconds instead of hanging.
 */
final class TimePerSize {
  /** A sample repeats the operation until it lasts this long, so small inputs are timed above the clock's noise. */
  private static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(40);
  private static final int SAMPLES = 5;

  private TimePerSize() {}

  /** Nanoseconds per character of {@code input} for {@code operation}: the fastest of the samples. */
  static double nanosPerChar(String input, Consumer<String> operation, long abandonAfterNanos) {
    ExecutorService runner = abandonAfterNanos == Long.MAX_VALUE ? null : Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "time-per-size");
      thread.setDaemon(true); // a run that is abandoned keeps its thread until the JVM ends
      return thread;
    });
    try {
      return nanosPerChar(input, operation, runner, abandonAfterNanos);
    } finally {
      if (runner != null) {
        runner.shutdownNow();
      }
    }
  }

  private static double nanosPerChar(String input, Consumer<String> operation, @Nullable ExecutorService runner,
      long abandonAfterNanos) {
    // warm-up: the first runs include class loading and compilation
    long start = System.nanoTime();
    int warmRuns = 0;
    while (warmRuns < 3 || System.nanoTime() - start < SAMPLE_NANOS * 2 && warmRuns < 1_000) {
      timed(input, operation, runner, abandonAfterNanos);
      warmRuns++;
    }
    double best = Double.MAX_VALUE;
    for (int sample = 0; sample < SAMPLES; sample++) {
      long began = System.nanoTime();
      int runs = 0;
      do {
        timed(input, operation, runner, abandonAfterNanos);
        runs++;
      } while (System.nanoTime() - began < SAMPLE_NANOS);
      best = Math.min(best, (double) (System.nanoTime() - began) / runs);
    }
    return best / input.length();
  }

  /**
   * Fails when the large input's time per character exceeds {@code slack} times the small one's:
   * linear work keeps the ratio near 1, quadratic work multiplies it by the size ratio.
   *
   * @return the large input's nanoseconds per character
   */
  static double assertLinear(String what, String small, String large, Consumer<String> operation, double slack) {
    double smallPerChar = nanosPerChar(small, operation, Long.MAX_VALUE);
    // A run that exceeds the allowed growth four times over (and a generous constant) already fails.
    long abandonAfter = (long) (smallPerChar * large.length() * slack * 4) + TimeUnit.SECONDS.toNanos(2);
    double largePerChar = nanosPerChar(large, operation, abandonAfter);
    assertThat(largePerChar / smallPerChar)
        .as("%s: %.1f ns per character at %,d characters, %.1f at %,d", what, smallPerChar, small.length(), largePerChar,
            large.length())
        .isLessThanOrEqualTo(slack);
    return largePerChar;
  }

  private static void timed(String input, Consumer<String> operation, @Nullable ExecutorService runner,
      long abandonAfterNanos) {
    if (runner == null) {
      operation.accept(input);
      return;
    }
    try {
      runner.submit(() -> operation.accept(input)).get(abandonAfterNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      fail("%,d characters took over %,d ms: far slower per character than the small input (not linear)", input.length(),
          TimeUnit.NANOSECONDS.toMillis(abandonAfterNanos));
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

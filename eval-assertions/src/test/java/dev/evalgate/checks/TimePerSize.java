package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Shows that an operation's time per character does not grow with the input's size, as a ratio
 * measured within one JVM (never an absolute time, so a loaded machine slows both sides alike).
 * Each size is warmed up, then timed as the fastest of several samples (the fastest is the one
 * other processes disturbed least); only the operation is timed, not the preparing of its input. A
 * run of the large input that takes far longer than linear growth allows is abandoned, so a
 * quadratic operation fails in seconds instead of hanging.
 */
final class TimePerSize {
  /**
   * A sample repeats the operation until it has run this long, so small inputs are timed above the
   * clock's noise.
   */
  private static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

  private static final int SAMPLES = 3;

  private TimePerSize() {}

  /**
   * Nanoseconds per character of {@code input} for {@code operation}: the fastest of the samples.
   */
  static double nanosPerChar(String input, Consumer<String> operation, long abandonAfterNanos) {
    return nanosPerChar(input, text -> text, operation, abandonAfterNanos);
  }

  /**
   * As {@link #nanosPerChar(String, Consumer, long)}, with {@code prepare} making each run's own
   * argument from the input, outside the timing (a fresh copy, where the operation remembers the
   * last input it saw).
   */
  static <T> double nanosPerChar(
      String input, Function<String, T> prepare, Consumer<T> operation, long abandonAfterNanos) {
    ExecutorService runner =
        abandonAfterNanos == Long.MAX_VALUE
            ? null
            : Executors.newSingleThreadExecutor(
                r -> {
                  Thread thread = new Thread(r, "time-per-size");
                  thread.setDaemon(
                      true); // a run that is abandoned keeps its thread until the JVM ends
                  return thread;
                });
    try {
      // warm-up: the first runs include class loading and compilation
      long warmed = 0;
      for (int runs = 0; runs < 2 || warmed < SAMPLE_NANOS * 2 && runs < 1_000; runs++) {
        long time = timed(prepare.apply(input), operation, runner, abandonAfterNanos);
        if (time == ABANDONED) {
          return Double.POSITIVE_INFINITY;
        }
        warmed += time;
      }
      double best = Double.MAX_VALUE;
      for (int sample = 0; sample < SAMPLES; sample++) {
        long spent = 0;
        int runs = 0;
        do {
          long time = timed(prepare.apply(input), operation, runner, abandonAfterNanos);
          if (time == ABANDONED) {
            return Double.POSITIVE_INFINITY;
          }
          spent += time;
          runs++;
        } while (spent < SAMPLE_NANOS);
        best = Math.min(best, (double) spent / runs);
      }
      return best / input.length();
    } finally {
      if (runner != null) {
        runner.shutdownNow();
      }
    }
  }

  /**
   * Fails when the large input's time per character exceeds {@code slack} times the small one's:
   * linear work keeps the ratio near 1, quadratic work multiplies it by the size ratio.
   *
   * @return the large input's nanoseconds per character
   */
  static <T> double assertLinear(
      String what,
      String small,
      String large,
      Function<String, T> prepare,
      Consumer<T> operation,
      double slack) {
    // A ratio over the slack is measured again, twice at most: other processes on a shared machine
    // can
    // slow one measurement down, but not every one, while quadratic work fails each time.
    double smallPerChar = 0;
    double largePerChar = 0;
    double ratio = Double.POSITIVE_INFINITY;
    for (int attempt = 0; attempt < ATTEMPTS && ratio > slack; attempt++) {
      double smallNow = nanosPerChar(small, prepare, operation, Long.MAX_VALUE);
      // A run that exceeds the allowed growth four times over (and a generous constant) is
      // abandoned.
      long abandonAfter =
          (long) (smallNow * large.length() * slack * 4) + TimeUnit.SECONDS.toNanos(2);
      double largeNow = nanosPerChar(large, prepare, operation, abandonAfter);
      // The small input is timed again after the large one: the first timing can run before the JIT
      // has
      // finished compiling the operation (its warm-up is short on small input), which would make
      // the
      // small input look slow and let quadratic work pass; the faster of the two is the compiled
      // code's.
      smallNow = Math.min(smallNow, nanosPerChar(small, prepare, operation, Long.MAX_VALUE));
      if (attempt == 0 || largeNow / smallNow < ratio) {
        ratio = largeNow / smallNow;
        smallPerChar = smallNow;
        largePerChar = largeNow;
      }
    }
    assertThat(ratio)
        .as(
            "%s: %.1f ns per character at %,d characters, %.1f at %,d (infinite: every run of the"
                + " large input took far longer than linear growth allows and was abandoned)",
            what, smallPerChar, small.length(), largePerChar, large.length())
        .isLessThanOrEqualTo(slack);
    return largePerChar;
  }

  /** Measurements of one ratio at most. */
  private static final int ATTEMPTS = 3;

  /** What {@link #timed} returns for a run that exceeded its time and was abandoned. */
  private static final long ABANDONED = -1;

  static double assertLinear(
      String what, String small, String large, Consumer<String> operation, double slack) {
    return assertLinear(what, small, large, text -> text, operation, slack);
  }

  /** Runs the operation once and returns its time in nanoseconds, or {@link #ABANDONED}. */
  private static <T> long timed(
      T argument, Consumer<T> operation, @Nullable ExecutorService runner, long abandonAfterNanos) {
    if (runner == null) {
      long start = System.nanoTime();
      operation.accept(argument);
      return System.nanoTime() - start;
    }
    long[] elapsed = new long[1];
    try {
      runner
          .submit(
              () -> {
                long start = System.nanoTime();
                operation.accept(argument);
                elapsed[0] = System.nanoTime() - start;
              })
          .get(abandonAfterNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      // abandoned: far slower per character than the small input; assertLinear measures again,
      // since a
      // loaded machine can stall one run, and fails when every attempt is abandoned or too slow
      return ABANDONED;
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return elapsed[0];
  }
}

package dev.evalgate.engine.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TimedPoolTest {
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseTheDeafCalls() {
    release.countDown();
  }

  /** A call that swallows every interrupt until the test ends, then answers "deaf". */
  private Supplier<String> deaf() {
    return () -> {
      while (release.getCount() > 0) {
        try {
          release.await();
        } catch (InterruptedException ignored) {
          // deaf
        }
      }
      return "deaf";
    };
  }

  /** The answer, or a failure after 10 s (a join would wait through the test's timeout). */
  private static String answer(CompletableFuture<String> call) {
    try {
      return call.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError("no answer within 10 s", e);
    }
  }

  private static CompletableFuture<String> supply(TimedPool pool, Supplier<String> task) {
    return supply(pool, "v", task);
  }

  private static CompletableFuture<String> supply(
      TimedPool pool, String owner, Supplier<String> task) {
    return pool.supply(
        owner, task, Duration.ofMillis(200), () -> "late", n -> "refused after " + n);
  }

  @Test
  @Timeout(30)
  void aCallThatIgnoresItsInterruptGivesItsThreadUpToTheCallsBehindIt() {
    TimedPool pool = new TimedPool("probe", 1, 16);
    try {
      CompletableFuture<String> stuck = supply(pool, deaf());
      CompletableFuture<String> behind = supply(pool, () -> "answered");

      assertThat(answer(stuck)).isEqualTo("late");
      assertThat(answer(behind))
          .as("the one thread is held by the deaf call; the pool added one for the call queued")
          .isEqualTo("answered");
    } finally {
      pool.close();
    }
  }

  @Test
  @Timeout(30)
  void pastTheMostAbandonedCallsNoMoreAreMadeAndEachGetsItsRefusal() {
    TimedPool pool = new TimedPool("probe", 1, 2);
    try {
      List<CompletableFuture<String>> calls =
          IntStream.range(0, 4).mapToObj(i -> supply(pool, deaf())).toList();

      assertThat(calls.stream().map(TimedPoolTest::answer))
          .containsExactly("late", "late", "refused after 2", "refused after 2");
    } finally {
      pool.close();
    }
  }

  @Test
  @Timeout(30)
  void anOwnerPastTheMostAbandonedCallsIsRefusedWhileAnotherIsStillCalled() {
    TimedPool pool = new TimedPool("probe", 1, 1);
    try {
      assertThat(answer(supply(pool, "deaf", deaf()))).isEqualTo("late");
      assertThat(answer(supply(pool, "deaf", () -> "answered"))).isEqualTo("refused after 1");
      assertThat(answer(supply(pool, "control", () -> "answered")))
          .as("another variant's function is still called")
          .isEqualTo("answered");
    } finally {
      pool.close();
    }
  }

  @Test
  @Timeout(30)
  void aCallGivenUpOnThatReturnsAfterAllGivesItsThreadBack() throws InterruptedException {
    TimedPool pool = new TimedPool("probe", 1, 1);
    try {
      assertThat(answer(supply(pool, deaf()))).isEqualTo("late");
      release.countDown();
      // the deaf call has returned: the pool calls functions again (and would refuse if not)
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      String reply;
      do {
        reply = answer(supply(pool, () -> "answered"));
      } while (!reply.equals("answered") && System.nanoTime() < end);
      assertThat(reply).isEqualTo("answered");
    } finally {
      pool.close();
    }
  }

  @Test
  @Timeout(30)
  void closeWaitsForCallsWithinTheirLimitButNotForThoseGivenUpOn() {
    TimedPool pool = new TimedPool("probe", 2, 16);
    CompletableFuture<String> stuck = supply(pool, deaf());
    assertThat(answer(stuck)).isEqualTo("late");
    CompletableFuture<String> slow =
        pool.supply(
            "v",
            () -> {
              try {
                Thread.sleep(300);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
              }
              return "answered";
            },
            Duration.ofSeconds(20),
            () -> "late",
            n -> "refused");

    long start = System.nanoTime();
    pool.close();

    assertThat(slow).isCompletedWithValue("answered");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("not the grace period of %s: the deaf call's answer was given", EngineThreads.GRACE)
        .isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void theMessagesNameTheVariantTheCaseTheLimitAndTheKey() {
    assertThat(TimedPool.late("function", "v2", "q-1", "2s", "evalgate.function.timeout"))
        .isEqualTo(
            "the function of variant 'v2' did not answer case 'q-1' within 2s"
                + " (evalgate.function.timeout), so the case errs and the function was interrupted;"
                + " make it return, or raise evalgate.function.timeout");
    assertThat(
            TimedPool.refused("app function", "v2", "q-9", 16, "2s", "evalgate.function.timeout"))
        .isEqualTo(
            "the app function of variant 'v2' was not called for case 'q-9': 16 of its calls"
                + " passed evalgate.function.timeout (2s) and still run though they were"
                + " interrupted, so no more are made; make it return when it is interrupted");
  }
}

package dev.evalgate.engine.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EngineThreadsTest {
  @Test
  void threadsAreNamedDaemonsOfTheirRole() throws Exception {
    ExecutorService pool = EngineThreads.fixed("probe", 2);
    try {
      Future<String> name =
          pool.submit(
              () -> Thread.currentThread().getName() + " " + Thread.currentThread().isDaemon());
      assertThat(name.get()).isEqualTo("evalgate-probe-1 true");
    } finally {
      EngineThreads.stop(pool, Duration.ofSeconds(5));
    }
    assertThat(pool.isTerminated()).isTrue();
    assertThat(EngineThreads.thread("single", () -> {}).getName()).isEqualTo("evalgate-single");
  }

  @Test
  void stopInterruptsWorkStillRunningAfterTheGrace() throws Exception {
    ExecutorService pool = EngineThreads.fixed("stuck", 1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    pool.execute(
        () -> {
          started.countDown();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            interrupted.countDown();
          }
        });
    started.await();
    EngineThreads.stop(pool, Duration.ofMillis(50));
    assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void closingARunsThreadsStopsEveryPoolItMade() {
    RunThreads threads = new RunThreads();
    ExecutorService workers = threads.workers();
    TimedPool inProcess = threads.inProcess(3);
    assertThat(threads.inProcess(7)).as("made once").isSameAs(inProcess);

    threads.close();

    assertThat(workers.isTerminated()).isTrue();
    assertThat(inProcess.isTerminated()).isTrue();
    assertThatThrownBy(threads::workers).isInstanceOf(IllegalStateException.class);
  }
}

package dev.evalgate.engine.drills;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.engine.recording.Recording;
import dev.evalgate.engine.recording.RecordingStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drill 5: concurrent writers of one recording folder (readers of rewritten reports:
 * AtomicFilesTest).
 */
class ConcurrencyDrillTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void fourRunsRecordingIntoOneFolderAtOnceLoseNothingAndTearNothing() throws Exception {
    int writers = 4;
    int each = 250;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      done.add(
          pool.submit(
              () -> {
                start.await();
                try (RecordingStore store = RecordingStore.open(dir, "suite")) {
                  for (int i = 0; i < each; i++) {
                    String variant = i % 2 == 0 ? "control" : "challenger";
                    store.put(
                        Recording.of(
                            "w" + writer + "-" + i,
                            "c-" + i,
                            variant,
                            "m",
                            0,
                            ModelResponse.ofText("answer " + writer + "/" + i)));
                  }
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    try (RecordingStore reread = RecordingStore.open(dir, "suite")) {
      assertThat(reread.size()).isEqualTo(writers * each);
    }
    for (String variant : List.of("control", "challenger")) {
      List<String> lines = Files.readAllLines(dir.resolve("suite").resolve(variant + ".jsonl"));
      assertThat(lines).hasSize(writers * each / 2).isSorted();
      for (String line : lines) {
        JSON.readTree(line);
      }
    }
    assertThat(
            Files.list(dir.resolve("suite"))
                .map(p -> p.getFileName().toString())
                .filter(n -> n.endsWith(".journal") || n.endsWith(".tmp")))
        .as("no journal or temporary file left")
        .isEmpty();
  }
}

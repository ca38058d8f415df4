package dev.evalgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drill 5, second half: a report rewritten while someone reads it is never seen torn. */
class AtomicFilesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void aReportRewrittenWhileBeingReadIsAlwaysWhole() throws Exception {
    Path report = dir.resolve("report.json");
    Files.writeString(report, "{\"n\": 0}");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger reads = new AtomicInteger();
    Thread reader = new Thread(() -> {
      while (!stop.get()) {
        try {
          JSON.readTree(report.toFile());
          reads.incrementAndGet();
        } catch (Exception e) {
          throw new AssertionError("torn read after " + reads.get() + " reads", e);
        }
      }
    });
    List<Throwable> failures = new ArrayList<>();
    reader.setUncaughtExceptionHandler((t, e) -> failures.add(e));
    reader.start();
    String big = "x".repeat(200_000);
    for (int i = 0; i < 200; i++) {
      AtomicFiles.write(report, "{\"n\": " + i + ", \"pad\": \"" + big + "\"}");
    }
    stop.set(true);
    reader.join(10_000);
    assertThat(failures).isEmpty();
    assertThat(reads.get()).isGreaterThan(0);
  }
}

package dev.evalgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.engine.io.AtomicFiles;
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
    Thread reader =
        new Thread(
            () -> {
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

  @Test
  void leftoversOfDeadProcessesAreRemovedAndNothingElse() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    long dead = ended.pid();
    Process running = new ProcessBuilder("sleep", "30").start();
    try {
      long self = ProcessHandle.current().pid();
      List<String> removed =
          List.of(
              ".results.jsonl-" + dead + "-123.tmp",
              ".report-cases-" + dead + "-9.tmp",
              ".report.html-" + dead + "-77.tmp",
              ".results.jsonl555.tmp");
      List<String> kept =
          List.of(
              ".results.jsonl-" + self + "-1.tmp",
              ".report-cases-" + running.pid() + "-2.tmp",
              ".results.jsonl556.tmp",
              ".notes-" + dead + "-3.tmp",
              "results.jsonl-" + dead + "-4.tmp",
              ".results.jsonl-" + dead + "-5.tmp.bak",
              ".report-cases-" + dead + "-x.tmp",
              "report.html");
      for (String name : removed) {
        Files.writeString(dir.resolve(name), "x");
      }
      for (String name : kept) {
        Files.writeString(dir.resolve(name), "x");
      }
      Files.createDirectory(dir.resolve(".report.md-" + dead + "-6.tmp"));
      java.nio.file.attribute.FileTime old =
          java.nio.file.attribute.FileTime.from(
              java.time.Instant.now().minus(AtomicFiles.UNOWNED_AGE).minusSeconds(60));
      Files.setLastModifiedTime(dir.resolve(".results.jsonl555.tmp"), old);

      int count = AtomicFiles.removeLeftovers(dir, RunReports.TEMP_NAMES);

      assertThat(count).isEqualTo(removed.size());
      try (var files = Files.list(dir)) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(
                        kept.stream(), java.util.stream.Stream.of(".report.md-" + dead + "-6.tmp"))
                    .toList());
      }
    } finally {
      running.destroyForcibly();
    }
  }

  @Test
  void temporaryFilesCarryThisProcesssId() throws Exception {
    Path temp = AtomicFiles.temp(dir, "results.jsonl");

    assertThat(temp.getFileName().toString())
        .startsWith(".results.jsonl-" + ProcessHandle.current().pid() + "-")
        .endsWith(".tmp");
    assertThat(AtomicFiles.removeLeftovers(dir, RunReports.TEMP_NAMES)).isZero();
    assertThat(temp).exists();
  }
}

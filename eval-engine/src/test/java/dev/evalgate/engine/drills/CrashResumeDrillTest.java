package dev.evalgate.engine.drills;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.engine.metrics.VariantMetrics;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drill 2: kill the JVM (SIGKILL) half way through a live run, run again. No request that had its
 * response recorded is sent again, and the final report equals an uninterrupted run's.
 */
class CrashResumeDrillTest {
  static final int CASES = 300;
  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern CASE = Pattern.compile("Question (d-\\d+)");

  @TempDir Path dir;

  @Test
  void aKilledRunResumesWithoutRepeatingPaidCalls() throws Exception {
    Path dataset = dir.resolve("d.jsonl");
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < CASES; i++) {
      rows.append("{\"id\":\"d-")
          .append(i)
          .append("\",\"question\":\"What is item ")
          .append(i)
          .append("?\"}\n");
    }
    Files.writeString(dataset, rows);
    Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
              JsonNode body;
              try {
                body = JSON.readTree(request.getBody().utf8());
              } catch (Exception e) {
                return new MockResponse.Builder().code(400).build();
              }
              Matcher m = CASE.matcher(body.toString());
              String key = body.get("model").asText() + "/" + (m.find() ? m.group(1) : "?");
              requests.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
              Thread.sleep(25);
              String answer =
                  key.hashCode() % 7 == 0
                      ? "I'm sorry, but I can't help with that."
                      : "{\\\"answer\\\": \\\"" + key + "\\\"}";
              return new MockResponse.Builder()
                  .code(200)
                  .body(
                      "{\"choices\":[{\"message\":{\"content\":\""
                          + answer
                          + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":7}}")
                  .build();
            }
          });
      server.start();
      String url = server.url("/v1").toString();

      Map<String, String> config =
          Map.of(
              "evalgate.recording.mode",
              "record",
              "evalgate.recording.dir",
              dir.resolve("rec").toString(),
              "evalgate.concurrency",
              "8",
              "evalgate.output.dir",
              dir.resolve("out").toString(),
              "evalgate.allure.enabled",
              "false",
              "evalgate.variant.control.base-url",
              url,
              "evalgate.variant.challenger.base-url",
              url,
              "evalgate.progress",
              "off");
      Process first =
          ChildRun.start(
              Map.of(),
              dir.resolve("first.log"),
              "dev.evalgate.engine.fixtures.HttpSuites$Drill",
              dataset.toString(),
              config);
      Path journalDir = dir.resolve("rec").resolve("drill");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (journalLines(journalDir) < CASES && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Set<String> recordedBeforeKill = journalEntries(journalDir);
      Path reports = dir.resolve("out").resolve("drill");
      assertThat(hiddenTemporaryFiles(reports)).as("the killed run's temporary files").isNotEmpty();
      Files.writeString(reports.resolve(".notes-1-2.tmp"), "not EvalGate's");
      assertThat(recordedBeforeKill).as("killed half way").hasSizeBetween(CASES / 2, 2 * CASES - 1);

      Process second =
          ChildRun.start(
              Map.of(),
              dir.resolve("second.log"),
              "dev.evalgate.engine.fixtures.HttpSuites$Drill",
              dataset.toString(),
              config);
      assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).as(Files.readString(dir.resolve("second.log"))).isZero();

      for (String entry : recordedBeforeKill) {
        assertThat(requests.get(entry).get())
            .as("requests for %s, recorded before the kill", entry)
            .isEqualTo(1);
      }
      long resent = requests.values().stream().filter(c -> c.get() > 1).count();
      System.out.println(
          "crash drill: "
              + recordedBeforeKill.size()
              + " recorded before SIGKILL, "
              + resent
              + " in-flight requests sent again, "
              + requests.size()
              + " distinct requests");
      assertThat(resent)
          .as("only calls in flight at the kill are sent again")
          .isLessThanOrEqualTo(8);
      assertThat(requests).hasSize(2 * CASES);

      Map<String, String> fresh = new java.util.HashMap<>(config);
      fresh.put("evalgate.recording.dir", dir.resolve("rec-fresh").toString());
      fresh.put("evalgate.output.dir", dir.resolve("out-fresh").toString());
      Process uninterrupted =
          ChildRun.start(
              Map.of(),
              dir.resolve("fresh.log"),
              "dev.evalgate.engine.fixtures.HttpSuites$Drill",
              dataset.toString(),
              fresh);
      assertThat(uninterrupted.waitFor(120, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(hiddenTemporaryFiles(dir.resolve("out").resolve("drill")))
        .as("the killed run's leftovers, removed by the next run")
        .containsExactly(".notes-1-2.tmp");
    RunReport resumed =
        ReportReader.read(dir.resolve("out").resolve("drill").resolve("report.json"));
    RunReport reference =
        ReportReader.read(dir.resolve("out-fresh").resolve("drill").resolve("report.json"));
    assertThat(resumed.dataset()).isEqualTo(reference.dataset());
    for (int i = 0; i < 2; i++) {
      VariantMetrics a = resumed.evaluation().variants().get(i);
      VariantMetrics b = reference.evaluation().variants().get(i);
      assertThat(a.n()).isEqualTo(CASES).isEqualTo(b.n());
      assertThat(a.errored()).isZero();
      assertThat(a.checks()).isEqualTo(b.checks());
      assertThat(a.refusal()).isEqualTo(b.refusal());
      assertThat(a.promptTokens()).isEqualTo(b.promptTokens());
      assertThat(a.completionTokens()).isEqualTo(b.completionTokens());
    }
    assertThat(resumed.gate().verdicts())
        .extracting(v -> v.decision())
        .isEqualTo(reference.gate().verdicts().stream().map(v -> v.decision()).toList());
    try (Stream<Path> files = Files.list(dir.resolve("rec").resolve("drill"))) {
      assertThat(
              files
                  .map(f -> f.getFileName().toString())
                  .filter(n -> n.endsWith(".journal"))
                  .toList())
          .as("journals merged after the resumed run")
          .isEmpty();
    }
  }

  static List<String> hiddenTemporaryFiles(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith(".") && n.endsWith(".tmp"))
          .sorted()
          .toList();
    }
  }

  static int journalLines(Path folder) throws Exception {
    return journalEntries(folder).size();
  }

  static Set<String> journalEntries(Path folder) throws Exception {
    Set<String> entries = new HashSet<>();
    if (!Files.isDirectory(folder)) {
      return entries;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().endsWith(".journal")).toList()) {
        for (String line : Files.readAllLines(file)) {
          try {
            JsonNode row = JSON.readTree(line);
            entries.add(row.get("model").asText() + "/" + row.get("case").asText());
          } catch (Exception torn) {
            // the last line may be torn by the kill
          }
        }
      }
    }
    return entries;
  }
}

package dev.evalgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.DrillServer;
import dev.evalgate.engine.fixtures.HttpSuites;
import dev.evalgate.engine.fixtures.ReportSchema;
import dev.evalgate.engine.report.results.ResultsWriter;
import dev.evalgate.engine.report.summary.ReportReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * What happened on the wire is in every report: a live run against a server that answers the
 * control's first case only on the second attempt and never answers the challenger's second case
 * (four 503s), echoing the request's Authorization header and a gateway header in each error body;
 * then a replay of the recordings, whose answers sent no request.
 */
class RetryReportsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TOKEN = "Bearer gw-canary-5c1e9a7d3b";

  /** Not shaped like a credential, so only the run's own secret scrubbing can catch it. */
  static final String GATEWAY = "plaincanary4711";

  @TempDir static Path dir;

  @BeforeAll
  static void run() throws Exception {
    Path dataset = DrillServer.dataset(dir.resolve("d.jsonl"), "r", 3);
    System.setProperty("drill.dataset", dataset.toString());
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              String body = request.getBody() == null ? "" : request.getBody().utf8();
              String model = body.contains("gpt-4o-mini") ? "control" : "challenger";
              String id = body.contains("r-0") ? "r-0" : body.contains("r-1") ? "r-1" : "r-2";
              int n = calls.computeIfAbsent(model + id, k -> new AtomicInteger()).incrementAndGet();
              boolean fails =
                  model.equals("control") && id.equals("r-0") && n == 1
                      || model.equals("challenger") && id.equals("r-1");
              if (fails) {
                return new MockResponse.Builder()
                    .code(503)
                    .body(
                        "busy "
                            + n
                            + " ("
                            + request.getHeaders().get("Authorization")
                            + ", "
                            + request.getHeaders().get("X-Gateway")
                            + ")")
                    .build();
              }
              return new MockResponse.Builder()
                  .code(200)
                  .body(
                      "{\"choices\":[{\"message\":{\"content\":\"{\\\"answer\\\": 1}\"},"
                          + "\"finish_reason\":\"stop\"}]}")
                  .build();
            }
          });
      server.start();
      String url = server.url("/v1").toString();
      for (String mode : List.of("record", "replay")) {
        runIn(mode, url);
      }
    } finally {
      System.clearProperty("drill.dataset");
    }
  }

  private static void runIn(String mode, String url) {
    EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.RECORDING_MODE, mode)
        .configurationParameter(Constants.RECORDING_DIR, dir.resolve("rec").toString())
        .configurationParameter("evalgate.variant.control.base-url", url)
        .configurationParameter("evalgate.variant.challenger.base-url", url)
        .configurationParameter("evalgate.variant.control.header.Authorization", TOKEN)
        .configurationParameter("evalgate.variant.challenger.header.Authorization", TOKEN)
        .configurationParameter("evalgate.variant.control.header.X-Gateway", GATEWAY)
        .configurationParameter("evalgate.variant.challenger.header.X-Gateway", GATEWAY)
        .configurationParameter(Constants.RETRY_MAX_ATTEMPTS, "4")
        .configurationParameter(Constants.RETRY_INITIAL_DELAY, "5ms")
        .configurationParameter(Constants.OUTPUT_DIR, dir.resolve(mode).toString())
        .configurationParameter(
            Constants.ALLURE_RESULTS_DIR, dir.resolve(mode + "-allure").toString())
        .selectors(selectClass(HttpSuites.Drill.class))
        .execute();
  }

  static Path folder(String mode) {
    return dir.resolve(mode).resolve("drill");
  }

  static JsonNode line(String mode, String caseId, String variant) throws Exception {
    for (String text :
        Files.readAllLines(folder(mode).resolve(ResultsWriter.FILE), StandardCharsets.UTF_8)) {
      JsonNode line = JSON.readTree(text);
      assertThat(ReportsTest.schema("results-line-v1.schema.json").validate(line)).isEmpty();
      if (line.path("case_id").asText().equals(caseId)
          && line.path("variant").asText().equals(variant)) {
        return line;
      }
    }
    throw new AssertionError("no line for " + caseId + " " + variant);
  }

  @Test
  void resultsLinesSayHowManyRequestsEachLiveCallSentAndWhatTheRetriedOnesFailedWith()
      throws Exception {
    JsonNode retried = line("record", "r-0", "control");
    assertThat(retried.path("attempts").asInt()).isEqualTo(2);
    assertThat(retried.path("retried_errors").toString())
        .isEqualTo("[\"server error (HTTP 503): busy 1 ([REDACTED], [REDACTED])\"]");
    JsonNode failed = line("record", "r-1", "challenger");
    assertThat(failed.path("error").asText())
        .isEqualTo(
            "failed after 4 attempts: server error (HTTP 503): busy 4 ([REDACTED], [REDACTED])");
    assertThat(failed.path("attempts").asInt()).isEqualTo(4);
    assertThat(failed.path("retried_errors")).hasSize(3);
    JsonNode once = line("record", "r-2", "control");
    assertThat(once.path("attempts").asInt()).isEqualTo(1);
    assertThat(once.has("retried_errors")).isFalse();
  }

  @Test
  void aReplayedAnswerClaimsNoAttempt() throws Exception {
    JsonNode replayed = line("replay", "r-0", "control");
    assertThat(replayed.path("recorded").asBoolean()).isTrue();
    assertThat(replayed.has("attempts")).isFalse();
    assertThat(replayed.has("retried_errors")).isFalse();
    assertThat(Files.readString(folder("replay").resolve(RunReports.REPORT_MD)))
        .doesNotContain("| retries |");
    JsonNode report = JSON.readTree(folder("replay").resolve(RunReports.REPORT_JSON).toFile());
    for (JsonNode variant : report.path("evaluation").path("variants")) {
      assertThat(variant.path("retries").toString())
          .isEqualTo("{\"calls\":0,\"retried\":0,\"retries\":0,\"failed\":0}");
    }
  }

  @Test
  void eachVariantCountsItsRetriedCallsAndRetriesInReportJsonAndTheTables() throws Exception {
    JsonNode report = JSON.readTree(folder("record").resolve(RunReports.REPORT_JSON).toFile());
    assertThat(ReportSchema.runReport().validate(report)).isEmpty();
    List<String> retries = new ArrayList<>();
    for (JsonNode variant : report.path("evaluation").path("variants")) {
      retries.add(variant.path("variant").asText() + " " + variant.path("retries"));
    }
    assertThat(retries)
        .containsExactly(
            "control {\"calls\":3,\"retried\":1,\"retries\":1,\"failed\":0}",
            "challenger {\"calls\":3,\"retried\":1,\"retries\":3,\"failed\":1}");
    assertThat(Files.readString(folder("record").resolve(RunReports.REPORT_MD)))
        .contains(
            "| retries | 1 of 3 calls retried (1 retry) | 1 of 3 calls retried (3 retries; 1 still"
                + " failed) |")
        .contains(
            "failed after 4 attempts: server error (HTTP 503): busy 4 ([REDACTED], [REDACTED])");
  }

  @Test
  void thePageListsEachAttemptOfARetriedCallWrittenLiveOrRebuiltFromTheResults() throws Exception {
    Path rebuilt = Files.createDirectories(dir.resolve("rebuilt"));
    RunReports.writeRunLevel(
        rebuilt,
        ReportReader.read(folder("record").resolve(RunReports.REPORT_JSON)),
        folder("record").resolve(ResultsWriter.FILE));
    for (Path page :
        List.of(
            folder("record").resolve(RunReports.REPORT_HTML),
            rebuilt.resolve(RunReports.REPORT_HTML))) {
      assertPageListsEachAttempt(Files.readString(page, StandardCharsets.UTF_8));
    }
  }

  static void assertPageListsEachAttempt(String html) throws Exception {
    List<String> attempts = new ArrayList<>();
    for (JsonNode row : JSON.readTree(HostilePage.scripts(html).get("rows"))) {
      if (row.has("a")) {
        attempts.add(row.path("c").asText() + " " + row.path("v").asText() + " " + row.path("a"));
      }
    }
    assertThat(attempts)
        .containsExactlyInAnyOrder(
            "r-0 control [\"attempt 1 of 2: server error (HTTP 503): busy 1 ([REDACTED],"
                + " [REDACTED])\",\"attempt 2 of 2: answered\"]",
            "r-1 challenger [\"attempt 1 of 4: server error (HTTP 503): busy 1 ([REDACTED],"
                + " [REDACTED])\",\"attempt 2 of 4: server error (HTTP 503): busy 2 ([REDACTED],"
                + " [REDACTED])\",\"attempt 3 of 4: server error (HTTP 503): busy 3 ([REDACTED],"
                + " [REDACTED])\",\"attempt 4 of 4: server error (HTTP 503): busy 4 ([REDACTED],"
                + " [REDACTED])\"]");
    assertThat(html).contains("1 of 3 calls retried (3 retries; 1 still failed)");
  }

  @Test
  void allureHasAStepPerAttemptAndTheAttemptsAsAParameterOfLiveCallsOnly() throws Exception {
    JsonNode failed = allure("record", "r-1 [challenger]");
    assertThat(failed.path("parameters").toString())
        .contains("{\"name\":\"attempts\",\"value\":\"4\"}");
    List<String> steps = new ArrayList<>();
    for (JsonNode step : failed.path("steps")) {
      steps.add(step.path("status").asText() + " " + step.path("name").asText());
    }
    assertThat(steps)
        .startsWith(
            "broken attempt 1 of 4: server error (HTTP 503): busy 1 ([REDACTED], [REDACTED])",
            "broken attempt 2 of 4: server error (HTTP 503): busy 2 ([REDACTED], [REDACTED])",
            "broken attempt 3 of 4: server error (HTTP 503): busy 3 ([REDACTED], [REDACTED])",
            "broken attempt 4 of 4: server error (HTTP 503): busy 4 ([REDACTED], [REDACTED])");
    assertThat(allure("record", "r-0 [control]").path("steps").get(1).path("name").asText())
        .isEqualTo("attempt 2 of 2: answered");
    assertThat(allure("replay", "r-0 [control]").path("parameters").toString())
        .doesNotContain("attempts");
  }

  @Test
  void theHeadersTheServerEchoedReachNoFile() throws Exception {
    for (String folder : List.of("record", "record-allure", "replay", "replay-allure", "rec")) {
      try (Stream<Path> files = Files.walk(dir.resolve(folder))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          assertThat(Files.readString(file, StandardCharsets.ISO_8859_1))
              .as(file.toString())
              .doesNotContain("gw-canary")
              .doesNotContain(GATEWAY);
        }
      }
    }
  }

  static JsonNode allure(String mode, String name) throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve(mode + "-allure"))) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().endsWith("-result.json")).toList()) {
        JsonNode result = JSON.readTree(file.toFile());
        if (result.path("name").asText().startsWith(name)) {
          return result;
        }
      }
    }
    throw new AssertionError("no Allure result " + name);
  }
}

package dev.evalgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.EvidenceSuites;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * No gate passes on missing evidence (METRICS.md, "Missing evidence"): an unrecorded dataset row, a
 * challenger whose endpoint is down and a criterion judged on no case each leave the verdict
 * inconclusive, with the cause and the fix in the message the build prints.
 */
class MissingEvidenceTest {
  static final String ANSWER =
      "{\"choices\":[{\"message\":{\"content\":\"Your refund is on its"
          + " way.\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":7}}";
  static final String RECORD =
      "record the missing answers with: OPENAI_API_KEY=... mvn verify"
          + " -Devalgate.recording.mode=record";
  static final String TOLERATE =
      "fix them and run again, or state the errors the suite tolerates with a criterion such as "
          + "at-most: { metric: error-rate, limit: 1% }";

  @TempDir Path dir;
  MockWebServer server;
  Path dataset;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().code(200).body(ANSWER).build();
          }
        });
    server.start();
    dataset = dir.resolve("tickets.jsonl");
    Files.writeString(
        dataset,
        "{\"id\": \"r-1\", \"question\": \"Where is my refund?\"}\n"
            + "{\"id\": \"r-2\", \"question\": \"Can I change my address?\"}\n"
            + "{\"id\": \"r-3\", \"question\": \"Do you ship to Norway?\"}\n");
    EvidenceSuites.dataset = dataset.toString();
  }

  @AfterEach
  void stop() throws IOException {
    EvidenceSuites.dataset = "fixtures/greetings.jsonl";
    server.close();
  }

  EngineExecutionResults run(Class<?> suite, Map<String, String> settings) {
    Map<String, String> config =
        new LinkedHashMap<>(
            Map.of(
                Constants.OUTPUT_DIR,
                dir.resolve("evalgate").toString(),
                Constants.ALLURE_ENABLED,
                "false",
                Constants.RECORDING_DIR,
                dir.resolve("recordings").toString(),
                Constants.RETRY_MAX_ATTEMPTS,
                "1",
                "evalgate.variant.control.base-url",
                server.url("/v1").toString(),
                "evalgate.variant.challenger.base-url",
                server.url("/v1").toString()));
    config.putAll(settings);
    return EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameters(config)
        .selectors(selectClass(suite))
        .execute();
  }

  /** The summary the build log shows, as the suite publishes it. */
  static String summary(EngineExecutionResults results) {
    return results.allEvents().reportingEntryPublished().stream()
        .flatMap(e -> e.getPayload(org.junit.platform.engine.reporting.ReportEntry.class).stream())
        .map(entry -> entry.getKeyValuePairs().get("evalgate.summary"))
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .orElseThrow();
  }

  static String notRecorded(String variant, String model) {
    return "no recording for case 'r-4' of variant '"
        + variant
        + "' (model "
        + model
        + "); "
        + RECORD;
  }

  @Test
  void aNewDatasetRowWithoutARecordingLeavesTheGateInconclusiveAndSaysHowToRecordIt()
      throws IOException {
    run(EvidenceSuites.Strict.class, Map.of(Constants.RECORDING_MODE, "record"))
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(test("gate:gate@challenger"), finishedSuccessfully()));
    Files.writeString(
        dataset,
        Files.readString(dataset) + "{\"id\": \"r-4\", \"question\": \"Is there a warranty?\"}\n");

    EngineExecutionResults replay = run(EvidenceSuites.Strict.class, Map.of());

    String errors =
        "errors of control: not_recorded 1 (first: "
            + notRecorded("control", "gpt-4o-mini")
            + "); "
            + "errors of challenger: not_recorded 1 (first: "
            + notRecorded("challenger", "gpt-4.1-mini")
            + ")";
    replay
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("gate:gate@challenger"),
                finishedWithFailure(
                    message(
                        "INCONCLUSIVE challenger: 2 of 8 calls of control and challenger errored"
                            + " and the gate sets no error-rate limit; "
                            + errors
                            + "; "
                            + TOLERATE))))
        .haveExactly(
            1,
            event(
                test("criterion:no-new-failures(not-contains)@challenger"), finishedSuccessfully()))
        .haveExactly(
            1,
            event(
                test("criterion:ratio-at-most(cost-per-1k-calls)@challenger"),
                finishedSuccessfully()))
        .haveExactly(
            1, event(test("criterion:at-most(latency-max)@challenger"), finishedSuccessfully()));
    RunReport report = ReportReader.read(dir.resolve("evalgate/strict/report.json"));
    assertThat(report.gate().criteria().get(0).message())
        .isEqualTo("challenger fails not-contains on no case that control passes (n=3); " + errors);
    assertThat(report.gate().criteria().get(1).message())
        .isEqualTo(
            "challenger cost per 1K calls is $0.0192, 2.67 × control's "
                + "$0.0072 (95% CI [2.67, 2.67]), within the maximum ratio of 3.00 (n=3); "
                + errors);
    assertThat(report.gate().criteria().get(2).message())
        .endsWith(
            " (n=3); errors of challenger: not_recorded 1 (first: "
                + notRecorded("challenger", "gpt-4.1-mini")
                + ")");
    assertThat(summary(replay))
        .contains(
            "\n  errors of control (1 of 4 calls): not_recorded 1 (first: "
                + notRecorded("control", "gpt-4o-mini")
                + ")\n  errors of challenger (1 of 4 calls): not_recorded 1 (first: "
                + notRecorded("challenger", "gpt-4.1-mini")
                + ")\n  [HOLDS] challenger fails not-contains on no case that control passes");
    assertThat(report.evaluation().variant("challenger").orElseThrow().firstErrors())
        .containsExactly(Map.entry("not_recorded", notRecorded("challenger", "gpt-4.1-mini")));
    assertThat(Files.readString(dir.resolve("evalgate/strict/report.md")))
        .contains(
            "### Errors\n\n"
                + "- `control` (1 of 4 calls): not_recorded 1 (first: "
                + notRecorded("control", "gpt-4o-mini")
                + ")\n"
                + "- `challenger` (1 of 4 calls): not_recorded 1 (first: "
                + notRecorded("challenger", "gpt-4.1-mini")
                + ")\n");
    assertThat(Files.readString(dir.resolve("evalgate/strict/report.html")))
        .contains("<div class=\"errors\"><h3>Errors by class</h3>")
        .contains(
            "<tr><td>challenger</td><td>not_recorded</td><td>1 of 4</td><td>"
                + notRecorded("challenger", "gpt-4.1-mini").replace("'", "&#39;")
                + "</td></tr>");
  }

  @Test
  void aChallengerWhoseEndpointIsDownIsNeverPromotedAndItsCriteriaHaveNoEvidence()
      throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String down = "http://127.0.0.1:" + port + "/v1";

    EngineExecutionResults results =
        run(
            EvidenceSuites.Strict.class,
            Map.of(Constants.RECORDING_MODE, "off", "evalgate.variant.challenger.base-url", down));

    String errors =
        "errors of challenger: connection 3 (first: connection failed (ConnectException: Failed to"
            + " connect to /127.0.0.1:"
            + port
            + "))";
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("gate:gate@challenger"),
                finishedWithFailure(
                    message(
                        "INCONCLUSIVE challenger: 3 of 6 calls of control and challenger errored"
                            + " and the gate sets no error-rate limit; "
                            + errors
                            + "; "
                            + TOLERATE))))
        .haveExactly(
            1,
            event(
                test("criterion:no-new-failures(not-contains)@challenger"),
                finishedWithFailure(
                    message(
                        "challenger's comparison on not-contains has no evidence (n=0): every call"
                            + " of challenger errored (3); "
                            + errors))))
        .haveExactly(
            1,
            event(
                test("criterion:ratio-at-most(cost-per-1k-calls)@challenger"),
                finishedWithFailure(
                    message(
                        "challenger cost per 1K calls has no evidence (n=0): every call of"
                            + " challenger errored (3); "
                            + errors))))
        .haveExactly(
            1,
            event(
                test("criterion:at-most(latency-max)@challenger"),
                finishedWithFailure(
                    message(
                        "challenger latency max has no evidence (n=0): every call of challenger"
                            + " errored (3); "
                            + errors))));
    RunReport report = ReportReader.read(dir.resolve("evalgate/strict/report.json"));
    assertThat(report.evaluation().variant("challenger").orElseThrow().cost().per1kCalls())
        .as("unknown, never $0")
        .isNull();
  }

  @Test
  void aGateThatStatesItsErrorToleranceIsDecidedByIt() throws IOException {
    run(EvidenceSuites.Tolerant.class, Map.of(Constants.RECORDING_MODE, "record"));
    Files.writeString(
        dataset,
        Files.readString(dataset) + "{\"id\": \"r-4\", \"question\": \"Is there a warranty?\"}\n");

    EngineExecutionResults replay = run(EvidenceSuites.Tolerant.class, Map.of());

    replay
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(test("gate:gate@challenger"), finishedSuccessfully()))
        .haveExactly(
            1, event(test("criterion:at-most(error-rate)@challenger"), finishedSuccessfully()));
    assertThat(
            ReportReader.read(dir.resolve("evalgate/tolerant/report.json"))
                .gate()
                .criteria()
                .get(1)
                .message())
        .isEqualTo(
            "challenger error rate is 25.0% (95% CI [0.6, 80.6]), within the maximum of 90.0%"
                + " (n=4); errors of challenger: not_recorded 1 (first: "
                + notRecorded("challenger", "gpt-4.1-mini")
                + ")");
  }

  @Test
  void aCriterionOnACheckThatAppliedToNoCaseIsInconclusiveAndSaysWhy() {
    EngineExecutionResults results = run(EvidenceSuites.NeverApplies.class, Map.of());

    String why =
        "challenger grounded pass rate has no evidence (n=0): check 'grounded' applied to none of"
            + " the 4 answered calls of challenger (4 not applicable; the reasons are in"
            + " results.jsonl)";
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("criterion:at-least(pass-rate(grounded))@challenger"),
                finishedWithFailure(message(why))))
        .haveExactly(
            1,
            event(
                test("gate:gate@challenger"),
                finishedWithFailure(
                    message("INCONCLUSIVE challenger: 1 of 1 criteria undecided; " + why))));
    assertThat(summary(results))
        .contains(
            "\n"
                + "  check 'grounded' applied to none of the 8 answered calls (8 not applicable;"
                + " the reasons are in results.jsonl; missing: fail makes a missing field a"
                + " failure)\n"
                + "  [INCONCLUSIVE] "
                + why);
  }

  @Test
  void inconclusiveOnMissingEvidenceWarnsInsteadOfFailingWhenTheProjectSaysSo() throws IOException {
    run(EvidenceSuites.Strict.class, Map.of(Constants.RECORDING_MODE, "record"));
    Files.writeString(
        dataset,
        Files.readString(dataset) + "{\"id\": \"r-4\", \"question\": \"Is there a warranty?\"}\n");

    EngineExecutionResults replay =
        run(EvidenceSuites.Strict.class, Map.of(Constants.GATE_INCONCLUSIVE, "warn"));

    replay
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(test("gate:gate@challenger"), finishedSuccessfully()));
    assertThat(
            replay.allEvents().reportingEntryPublished().stream()
                .flatMap(
                    e ->
                        e
                            .getPayload(org.junit.platform.engine.reporting.ReportEntry.class)
                            .stream())
                .map(entry -> entry.getKeyValuePairs().get("evalgate.warning"))
                .filter(java.util.Objects::nonNull))
        .anySatisfy(
            warning ->
                assertThat(warning)
                    .startsWith(
                        "INCONCLUSIVE challenger: 2 of 8 calls of control and challenger errored"));
    assertThat(
            ReportReader.read(dir.resolve("evalgate/strict/report.json"))
                .gate()
                .verdicts()
                .get(0)
                .decision()
                .name())
        .isEqualTo("INCONCLUSIVE");
  }
}

package dev.evalgate.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalgate.api.TraceSpec;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.config.Shard;
import dev.evalgate.engine.dataset.CaseSampling;
import dev.evalgate.engine.fixtures.TraceSuites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.FilePosition;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A traffic split in which production calls of the challenger failed: judged like a replay's
 * errored calls (decided only when an error-rate criterion says how many are tolerated), and a case
 * selected from an IDE runs alone, as in a paired suite.
 */
class TrafficSplitErrorsTest {
  @TempDir Path dir;

  /** 80 control calls, 48 saying "refund"; 70 challenger calls, 56 saying it and 2 failed. */
  @BeforeEach
  void export() throws IOException {
    List<String> lines = new ArrayList<>();
    int id = 0;
    for (int i = 0; i < 80; i++) {
      lines.add(TrafficSplitTest.span(id++, "control", "gpt-4o-mini", i < 48, 800));
    }
    for (int i = 0; i < 70; i++) {
      String error = i >= 68 ? "upstream timed out after 30 s" : null;
      lines.add(TrafficSplitTest.span(id++, "challenger", "claude-haiku-4-5", i < 56, 500, error));
    }
    Path export = dir.resolve("split.jsonl");
    Files.write(export, lines);
    TraceSuites.export = export.toString();
  }

  @Test
  void erroredCallsThatAnErrorRateCriterionToleratesLeaveTheSplitDecided() throws IOException {
    EngineExecutionResults results = execute(selectClass(TraceSuites.Split.class));

    JsonNode split = split("traffic-split");
    assertThat(split.get("variants").get(1).get("errored").asLong()).isEqualTo(2);
    assertThat(split.get("gate").get("verdicts").get(0).get("decision").asText())
        .isEqualTo("PROMOTE");
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1, event(test("criterion:at-most(error-rate)@challenger"), finishedSuccessfully()));
    assertThat(Files.readString(dir.resolve("evalgate/traffic-split/split.html")))
        .contains("<td>N (errored)</td><td>80 (0)</td><td>70 (2)</td>")
        .contains("<h3>Errors by class</h3>")
        .contains("upstream timed out after 30 s");
  }

  @Test
  void erroredCallsWithoutAnErrorRateCriterionLeaveTheSplitInconclusive() throws IOException {
    execute(selectClass(TraceSuites.SplitWithoutErrorRate.class));

    JsonNode verdict = split("traffic-split-no-error-rate").get("gate").get("verdicts").get(0);
    assertThat(verdict.get("decision").asText()).isEqualTo("INCONCLUSIVE");
    assertThat(verdict.get("message").asText())
        .startsWith(
            "INCONCLUSIVE challenger: 2 of 150 calls of control and challenger errored and the"
                + " gate sets no error-rate limit;");
  }

  @Test
  void aControlNamedOtherwiseThanTheCallsNameItSaysSoInItsCriteriaAndGateInsteadOfAGuess()
      throws IOException {
    EngineExecutionResults results = execute(selectClass(TraceSuites.SplitMisnamedControl.class));

    String cause =
        "no call names variant 'contrl' (the control), but 80 calls name a variant the suite does"
            + " not declare: 'control' (80); name the suite's variants as the calls' variant field"
            + " spells them (the suite declares: contrl, challenger)";
    assertCriterionAndGateFail(
        results,
        "challenger contains pass rate cannot be compared with contrl on this traffic split; "
            + cause,
        "INCONCLUSIVE challenger: 1 of 2 criteria undecided; ");
  }

  @Test
  void aDeclaredVariantWithoutTrafficInTheWindowIsNamedWithTheCallsReadInItsCriteriaAndGate()
      throws IOException {
    EngineExecutionResults results = execute(selectClass(TraceSuites.SplitBeforeChallenger.class));

    String cause =
        "variant 'challenger' received no traffic: none of the 80 calls read from "
            + TraceSuites.export
            + " (from 2026-11-30T09:00:00Z to 2026-11-30T09:01:20Z) names it; check that"
            + " production sends it calls under that name, or choose a window in which it had"
            + " some (dataset from, to, recent)";
    assertCriterionAndGateFail(
        results,
        "challenger contains pass rate cannot be compared with control on this traffic split; "
            + cause,
        "INCONCLUSIVE challenger: 2 of 2 criteria undecided; ");
    // a variant that answered nothing has no latency, length, tokens or cost to show: not 0 ms
    List<String> table =
        Files.readAllLines(
                dir.resolve("evalgate/traffic-split-before-challenger").resolve("split.md"))
            .stream()
            .filter(line -> line.startsWith("| "))
            .toList();
    assertThat(table.get(3)).isEqualTo("| N (errored) | 80 (0) | 0 (0) |");
    assertThat(table.subList(4, 9))
        .extracting(line -> line.substring(0, line.indexOf(" | ")))
        .containsExactly(
            "| avg latency",
            "| latency p95 / p99",
            "| avg output words",
            "| tokens in / out",
            "| cost per 1K calls");
    assertThat(table.subList(4, 9)).allSatisfy(line -> assertThat(line).endsWith(" | - |"));
  }

  @Test
  void aWindowWithNoCallSaysSoInsteadOfNoneOfTheZeroCallsNamingTheVariants() throws IOException {
    EngineExecutionResults results = execute(selectClass(TraceSuites.SplitBeforeAnyCall.class));

    assertCriterionAndGateFail(
        results,
        "challenger contains pass rate cannot be compared with control on this traffic split; no"
            + " variant received traffic: 0 calls read from "
            + TraceSuites.export
            + " (from 2026-11-29T09:00:00Z to 2026-11-29T10:00:00Z); choose a window in which"
            + " production made calls (dataset from, to, recent), or check that the file holds"
            + " them",
        "INCONCLUSIVE challenger: 2 of 2 criteria undecided; ");
  }

  @Test
  void aComparisonWithoutAnsweredCallsOfOneSideSaysWhichSideInsteadOfAGuess() throws IOException {
    // every call of the challenger failed: it has calls, but none answered to judge a check on
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      lines.add(TrafficSplitTest.span(i, "control", "gpt-4o-mini", i < 48, 800));
    }
    for (int i = 80; i < 150; i++) {
      lines.add(TrafficSplitTest.span(i, "challenger", "claude-haiku-4-5", true, 500, "timeout"));
    }
    Files.write(Path.of(TraceSuites.export), lines);

    EngineExecutionResults results = execute(selectClass(TraceSuites.Split.class));

    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("criterion:non-inferior(pass-rate(contains))@challenger"),
                finishedWithFailure(
                    message(
                        "challenger contains pass rate cannot be compared with control on this"
                            + " traffic split (no answered call of challenger counts towards"
                            + " it)"))));
    assertThat(Files.readString(dir.resolve("evalgate/traffic-split/split.md")))
        .contains(
            "- challenger vs control pass-rate(contains): not compared (no answered call of"
                + " challenger counts towards it)\n")
        .doesNotContain("a side answered nothing");
  }

  @Test
  void twoSilentChallengersJudgedFirstOnTheWholeSplitSayEachCauseOnce() throws IOException {
    execute(selectClass(TraceSuites.SplitBeforeTwoChallengers.class));

    String both =
        "variants 'challenger', 'challenger-2' received no traffic: none of the 80 calls read from "
            + TraceSuites.export
            + " (from 2026-11-30T09:00:00Z to 2026-11-30T09:01:20Z) names them; check that"
            + " production sends them calls under that name, or choose a window in which they had"
            + " some (dataset from, to, recent)";
    JsonNode verdicts = split("traffic-split-before-two-challengers").get("gate").get("verdicts");
    for (JsonNode verdict : verdicts) {
      String message = verdict.get("message").asText();
      assertThat(message)
          .as("the min-cases reason names both silent challengers: no second cause")
          .isEqualTo(
              "INCONCLUSIVE "
                  + verdict.get("challenger").asText()
                  + ": 2 of 2 criteria undecided; the fewest calls a variant answered are 0, fewer"
                  + " than min-cases 50; "
                  + both);
      assertThat(message.split("received no traffic", -1)).hasSize(2);
    }
    assertThat(verdicts).hasSize(2);
  }

  @Test
  void theCallsReadSayHowTheyWereChosen() {
    assertThat(
            TrafficSplitRun.read(
                1, "traces/week.jsonl", TraceSpec.of(TraceSpec.Format.OTLP), CaseSampling.ALL))
        .isEqualTo("1 call read from traces/week.jsonl (every call of the file)");
    TraceSpec chosen =
        new TraceSpec(
                TraceSpec.Format.OTLP,
                Map.of("region", "eu", "deployment.environment", "prod"),
                null,
                Instant.parse("2026-11-30T00:00:00Z"),
                2000,
                Map.of())
            .asSplit();
    assertThat(
            TrafficSplitRun.read(
                200, "traces/week.jsonl", chosen, new CaseSampling(150, 200, 7, Shard.WHOLE)))
        .isEqualTo(
            "200 calls read from traces/week.jsonl (before 2026-11-30T00:00:00Z, where"
                + " deployment.environment: prod and region: eu, the 2000 most recent, a sample of"
                + " 200, at most 150)");
  }

  @Test
  void aCaseSelectedFromTheIdeRunsAloneAndFailsWithItsChecksReasons() {
    // span 0x31, the 49th call: the first of the control's answers without "refund"
    EngineExecutionResults results = execute(selectUniqueId(caseId("0000000000000031")));

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("case:0000000000000031"),
                finishedWithFailure(
                    message(
                        "case 0000000000000031:\n"
                            + "  control: contains: contains none of \"refund\""))));
    // only a case ran: no criteria judged, no reports written over the last full analysis
    assertThat(dir.resolve("evalgate/traffic-split")).doesNotExist();
  }

  @Test
  void aLineOfTheExportSelectedInTheIdeRunsThatCallAlone() {
    // what an IDE's "run this line" sends: the export at the line where the 49th call's span starts
    EngineExecutionResults results =
        EngineTestKit.engine(Constants.ENGINE_ID)
            .configurationParameter(Constants.OUTPUT_DIR, dir.resolve("evalgate").toString())
            .configurationParameter(Constants.ALLURE_ENABLED, "false")
            .selectors(selectFile(TraceSuites.export, FilePosition.from(49)))
            .filters(
                (org.junit.platform.engine.Filter<?>)
                    ClassNameFilter.includeClassNamePatterns(".*TraceSuites\\$Split"))
            .execute();

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("case:0000000000000031"),
                finishedWithFailure(
                    message(
                        "case 0000000000000031:\n"
                            + "  control: contains: contains none of \"refund\""))));
    assertThat(dir.resolve("evalgate/traffic-split")).doesNotExist();
  }

  @Test
  void aSelectedCallOfAVariantTheSuiteDoesNotDeclareSaysSo() throws IOException {
    Files.write(
        Path.of(TraceSuites.export),
        List.of(TrafficSplitTest.span(150, "shadow", "gpt-5", true, 100)),
        StandardOpenOption.APPEND);

    EngineExecutionResults results = execute(selectUniqueId(caseId("0000000000000097")));

    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("case:0000000000000097"),
                finishedWithFailure(
                    message(
                        "case 0000000000000097: the call was answered by variant 'shadow', which"
                            + " the suite does not declare, so it is not checked; the suite's"
                            + " variants: control, challenger"))));
  }

  @Test
  void aSelectedErroredCallFailsWithItsError() {
    EngineExecutionResults results = execute(selectUniqueId(caseId("0000000000000096")));

    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("case:0000000000000096"),
                finishedWithFailure(
                    message(
                        "case 0000000000000096:\n"
                            + "  challenger: call failed (server_error): upstream timed out after"
                            + " 30 s"))));
  }

  @Test
  void aSelectedPassingCaseSucceeds() {
    EngineExecutionResults results = execute(selectUniqueId(caseId("0000000000000001")));

    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(test("case:0000000000000001"), finishedSuccessfully()));
  }

  @Test
  void aSampleChoosesTheCallsAsItDoesForAReplay() throws IOException {
    EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.OUTPUT_DIR, dir.resolve("evalgate").toString())
        .configurationParameter(Constants.ALLURE_RESULTS_DIR, dir.resolve("allure").toString())
        .configurationParameter(Constants.DATASET_SAMPLE, "60")
        .selectors(selectClass(TraceSuites.Split.class))
        .execute();

    JsonNode split = split("traffic-split");
    assertThat(split.get("dataset").get("cases").asLong()).isEqualTo(60);
    assertThat(
            split.get("variants").get(0).get("n").asLong()
                + split.get("variants").get(1).get("n").asLong())
        .isEqualTo(60);
  }

  /**
   * The non-inferiority criterion's test fails with {@code criterion}, and the gate's with {@code
   * verdict} followed by that message.
   */
  private static void assertCriterionAndGateFail(
      EngineExecutionResults results, String criterion, String verdict) {
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("criterion:non-inferior(pass-rate(contains))@challenger"),
                finishedWithFailure(message(criterion))))
        .haveExactly(
            1,
            event(test("gate:gate@challenger"), finishedWithFailure(message(verdict + criterion))));
  }

  private static String caseId(String spanId) {
    return "[engine:evalgate]/[class:dev.evalgate.engine.fixtures.TraceSuites$Split]"
        + "/[suite:split]/[case:"
        + spanId
        + "]";
  }

  private JsonNode split(String suite) throws IOException {
    return TrafficSplitTest.JSON.readTree(
        dir.resolve("evalgate").resolve(suite).resolve("split.json").toFile());
  }

  private EngineExecutionResults execute(DiscoverySelector selector) {
    return EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.OUTPUT_DIR, dir.resolve("evalgate").toString())
        .configurationParameter(Constants.ALLURE_RESULTS_DIR, dir.resolve("allure").toString())
        .selectors(selector)
        .execute();
  }
}

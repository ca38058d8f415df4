package dev.evalgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.ReportSchema;
import dev.evalgate.engine.fixtures.SlicedSuites;
import dev.evalgate.engine.gate.ClaimStatus;
import dev.evalgate.engine.gate.CriterionResult;
import dev.evalgate.engine.gate.Decision;
import dev.evalgate.engine.gate.SamplePlan;
import dev.evalgate.engine.metrics.Slice;
import dev.evalgate.engine.report.RunReports;
import dev.evalgate.engine.report.merge.ShardMerger;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Slices: every report measures and compares each slice of the cases on its own, and {@code
 * no-slice-regresses} rejects a challenger that is better on average but worse in a slice.
 */
class SlicesTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static final String BILLING_REGRESSES =
      "challenger correct pass rate is not non-inferior to control in 1 of 4 judged slices (Holm"
          + " across them): category=billing 62.5% vs 100.0% (Δ -37.5 pp, 97.2% CI [-53.0, -14.1],"
          + " margin -5.0 pp, n=40); not judged (fewer than 20 paired cases): category=refunds (5),"
          + " customer_tier=(none) (5)";

  @TempDir Path output;

  EngineExecutionResults execute(DiscoverySelector selector, String... shard) {
    var kit =
        EngineTestKit.engine(Constants.ENGINE_ID)
            .configurationParameter(Constants.ALLURE_ENABLED, "false")
            .configurationParameter(
                Constants.OUTPUT_DIR,
                output.resolve(shard.length == 0 ? "evalgate" : "sharded").toString());
    if (shard.length > 0) {
      kit = kit.configurationParameter(Constants.SHARD, shard[0]);
    }
    return kit.selectors(selector).execute();
  }

  RunReport report(String suite) throws IOException {
    return ReportReader.read(output.resolve("evalgate").resolve(suite).resolve("report.json"));
  }

  @Test
  void aChallengerBetterOnAverageButWorseOnASliceIsRejected() throws IOException {
    EngineExecutionResults results = execute(selectClass(SlicedSuites.Regresses.class));
    RunReport report = report("sliced-regresses");

    CriterionResult average = report.gate().criteria().get(0);
    assertThat(average.status()).as("the average improves by 12 pp").isEqualTo(ClaimStatus.HOLDS);
    assertThat(average.actual()).isCloseTo(0.12, org.assertj.core.api.Assertions.within(1e-9));
    CriterionResult slices = report.gate().criteria().get(1);
    assertThat(slices.status()).isEqualTo(ClaimStatus.VIOLATED);
    assertThat(slices.message()).isEqualTo(BILLING_REGRESSES);
    assertThat(slices.evidence())
        .as("the billing cases the challenger fails and the control passes")
        .containsExactly(
            "s-001", "s-002", "s-003", "s-004", "s-005", "s-006", "s-007", "s-008", "s-009",
            "s-010");
    assertThat(slices.detects()).isEqualTo("Δ 27.1 pp at n=40 (the least a judged slice shows)");
    assertThat(report.gate().verdicts().get(0).decision()).isEqualTo(Decision.REJECT);
    assertThat(report.gate().verdicts().get(0).message())
        .isEqualTo("REJECT challenger: 1 of 2 criteria violated; " + BILLING_REGRESSES);
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                displayName(
                    "no-slice-regresses: { metric: pass-rate(correct), margin: 5pp, min-cases: 20"
                        + " } [challenger]"),
                finishedWithFailure(message(BILLING_REGRESSES))));
  }

  @Test
  void metricsMdShowsTheGatesOwnMessage() throws IOException {
    assertThat(Files.readString(Path.of("METRICS.md")).lines().map(String::strip))
        .as("METRICS.md, What a verdict promises")
        .contains(BILLING_REGRESSES);
  }

  @Test
  void theSameRunGatedOnTheAverageAloneIsPromoted() throws IOException {
    execute(selectClass(SlicedSuites.AverageOnly.class));

    assertThat(report("sliced-average").gate().verdicts().get(0).decision())
        .as("what no-slice-regresses is for: the average hides the billing regression")
        .isEqualTo(Decision.PROMOTE);
  }

  @Test
  void everySliceIsMeasuredAndComparedInTheSamePass() throws IOException {
    execute(selectClass(SlicedSuites.Regresses.class));
    List<Slice> slices = report("sliced-regresses").evaluation().slices();

    assertThat(slices)
        .extracting(Slice::name)
        .containsExactly(
            "category=billing",
            "category=refunds",
            "category=shipping",
            "customer_tier=gold",
            "customer_tier=standard",
            "customer_tier=(none)");
    assertThat(slices).extracting(Slice::cases).containsExactly(40L, 5L, 80L, 60L, 60L, 5L);
    Slice billing = slices.get(0);
    assertThat(billing.variant("control").orElseThrow().checks().get("correct").count())
        .isEqualTo(40);
    assertThat(billing.variant("challenger").orElseThrow().passAll().count()).isEqualTo(25);
    var table = billing.paired("challenger").orElseThrow().checks().get("correct");
    assertThat(table.controlOnly()).isEqualTo(15);
    assertThat(table.challengerOnly()).isZero();
    assertThat(table.regressions()).as("ten listed per slice").hasSize(10);
    Slice shipping = slices.get(2);
    assertThat(shipping.paired("challenger").orElseThrow().checks().get("*").challengerOnly())
        .isEqualTo(30);
  }

  @Test
  void everyReportShowsTheSlices() throws IOException {
    execute(selectClass(SlicedSuites.Regresses.class));
    Path folder = output.resolve("evalgate").resolve("sliced-regresses");

    String markdown = Files.readString(folder.resolve("report.md"));
    assertThat(markdown)
        .contains("### Slices")
        .contains("| slice | cases | variant | every check | correct | short |\n")
        .contains(
            "| category=billing | 40 | control | 100.0% [91.2, 100.0] n=40 | 100.0% [91.2,"
                + " 100.0] n=40 | 100.0% [91.2, 100.0] n=40 |\n")
        .contains(
            "|  |  | Δ challenger − control (paired) | Δ -37.5 pp [-53.0, -21.6] n=40; 15 worse, 0"
                + " better | Δ -37.5 pp [-53.0, -21.6] n=40; 15 worse, 0 better | Δ 0.0 pp [-8.8,"
                + " 8.8] n=40; 0 worse, 0 better |\n");
    assertThat(Files.readString(folder.resolve("report.html")))
        .contains("<section><h2>Slices</h2>")
        .contains(
            "<td>category=billing</td><td>40</td><td>control</td><td>100.0% [91.2, 100.0]"
                + " n=40</td>");
    RunReport report = report("sliced-regresses");
    assertThat(dev.evalgate.engine.report.summary.Summary.console(report))
        .contains(
            "  slice category=billing (40 cases): challenger passes every check 62.5% vs control"
                + " 100.0% (Δ -37.5 pp [-53.0, -21.6] n=40; 15 worse, 0 better)\n")
        .contains(
            "  slice customer_tier=(none) (5 cases): challenger passes every check 100.0% vs"
                + " control 100.0% (Δ 0.0 pp [-43.4, 43.4] n=5; 0 worse, 0 better)\n");
    Schema schema = ReportSchema.runReport();
    JsonNode written = JSON.readTree(folder.resolve("report.json").toFile());
    assertThat(schema.validate(written)).isEmpty();
    assertThat(written.at("/evaluation/slices/0/value").asText()).isEqualTo("billing");
    assertThat(written.at("/policy/criteria/1/minCases").asLong()).isEqualTo(20);
    assertThat(written.at("/policy/criteria/0").has("minCases"))
        .as("0 for the other kinds, and left out")
        .isFalse();
    assertThat(Files.readAllLines(folder.resolve("results.jsonl")).get(0))
        .endsWith(",\"slices\":{\"category\":\"billing\",\"customer_tier\":\"gold\"}}");
    assertThat(Files.readAllLines(folder.resolve("results.jsonl")).get(240))
        .as("a refund case has no tier: its (none) slice")
        .endsWith(",\"slices\":{\"category\":\"refunds\"}}");
  }

  @Test
  void mergedShardsHaveTheSlicesAndVerdictsOfTheUnshardedRun() throws IOException {
    execute(selectClass(SlicedSuites.Regresses.class));
    for (int i = 1; i <= 3; i++) {
      execute(selectClass(SlicedSuites.Regresses.class), i + "/3");
    }
    Path sharded = output.resolve("sharded").resolve("sliced-regresses");

    RunReports.Written merged =
        ShardMerger.merge(
            List.of(1, 2, 3).stream()
                .map(i -> sharded.resolve("shard-" + i + "-of-3").resolve("report.json"))
                .toList(),
            output.resolve("merged"));

    RunReport whole = report("sliced-regresses");
    assertThat(merged.report().evaluation().slices()).hasSize(6);
    // in-process answers take their own time on each run, so the slices (counts) are compared, not
    // the latencies
    assertThat((JsonNode) JSON.valueToTree(merged.report().evaluation().slices()))
        .isEqualTo(JSON.valueToTree(whole.evaluation().slices()));
    assertThat((JsonNode) JSON.valueToTree(merged.report().gate()))
        .isEqualTo(JSON.valueToTree(whole.gate()));
  }

  @Test
  void slicesThatHoldThatCannotBeCalledOrThatAreTooSmallSaySo() throws IOException {
    EngineExecutionResults results = execute(selectClass(SlicedSuites.Undecided.class));
    List<CriterionResult> criteria = report("sliced-undecided").gate().criteria();

    assertThat(criteria.get(0).message())
        .isEqualTo(
            "challenger short pass rate is non-inferior to control in all 2 judged slices; the"
                + " worst, customer_tier=gold 100.0% vs 100.0% (Δ 0.0 pp, 96.9% CI [-6.0, 9.4],"
                + " margin -20.0 pp, n=60); not judged (fewer than 20 paired cases):"
                + " customer_tier=(none) (5)");
    assertThat(criteria.get(1).message())
        .isEqualTo(
            "challenger correct pass rate cannot be shown non-inferior to control in 1 of 2 judged"
                + " slices: customer_tier=gold 86.7% vs 75.0% (Δ 11.7 pp, 96.9% CI [-4.1, 30.7],"
                + " margin -3.0 pp, n=60); not judged (fewer than 20 paired cases):"
                + " customer_tier=(none) (5); needs about 300 paired cases (the slice that needs"
                + " most, customer_tier=gold, about 140 of its paired cases at its pilot share of"
                + " 48.0%; observed discordance 38.3%, difference 11.7 pp; at that size still under"
                + " the 20 paired cases a slice needs to be judged, so not counted:"
                + " customer_tier=(none) (5 in the pilot))");
    // evalgate:plan's row says it in the same words
    RunReport pilot = report("sliced-undecided");
    assertThat(
            SamplePlan.plan("control", List.of("challenger"), pilot.policy(), pilot.evaluation())
                .get(1)
                .text())
        .isEqualTo(
            "challenger no-slice-regresses: { metric: pass-rate(correct), margin: 3pp, min-cases:"
                + " 20 }: about 300 cases x 1 repeat (pilot: 125; the slice that needs most,"
                + " customer_tier=gold, about 140 of its paired cases at its pilot share of 48.0%;"
                + " observed discordance 38.3%, difference 11.7 pp; at that size still under the 20"
                + " paired cases a slice needs to be judged, so not counted: customer_tier=(none)"
                + " (5 in the pilot))");
    assertThat(criteria.get(2).message())
        .isEqualTo(
            "challenger pass-all rate cannot be judged slice by slice: no slice has the 500 paired"
                + " cases min-cases asks for, so none is judged: customer_tier=gold (60),"
                + " customer_tier=standard (60), customer_tier=(none) (5)");
    assertThat(criteria)
        .extracting(CriterionResult::status)
        .containsExactly(ClaimStatus.HOLDS, ClaimStatus.INCONCLUSIVE, ClaimStatus.INCONCLUSIVE);
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                displayName(
                    "no-slice-regresses: { metric: pass-rate(short), margin: 20pp, min-cases: 20"
                        + " } [challenger]"),
                finishedSuccessfully()));
  }

  @Test
  void aFieldNoRowHasIsADatasetProblemAndNeverAPass() throws IOException {
    EngineExecutionResults results = execute(selectClass(SlicedSuites.Misspelt.class));

    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("dataset"),
                finishedWithFailure(
                    message(
                        // no row was skipped: the problem is the file's, not a row's
                        "The dataset as a whole has 1 problem:\n"
                            + "  fixtures/sliced.jsonl:1: no case read has a value for the field"
                            + " 'categry' that slices names, so every case is in its (none) slice;"
                            + " expected one of the rows' fields: id, category, control,"
                            + " challenger, customer_tier"))));
    // report.json counts rows as rows, and the file's problem apart
    JsonNode written =
        new ObjectMapper()
            .readTree(output.resolve("evalgate/sliced-misspelt/report.json").toFile());
    assertThat(written.path("skippedRows").asLong()).as("skippedRows").isZero();
    assertThat(written.path("wholeFileProblems").asLong()).as("wholeFileProblems").isEqualTo(1);
    assertThat(report("sliced-misspelt").gate().criteria().get(0).message())
        .isEqualTo(
            "challenger correct pass rate cannot be judged slice by slice: no case has a value for"
                + " the field 'categry' that slices names, so every case is in its (none) slice;"
                + " expected a field of the dataset's rows");
  }

  @Test
  void aCriterionOnSlicesInASuiteWithoutSlicesIsADefinitionError() {
    EngineExecutionResults results = execute(selectClass(SlicedSuites.Unsliced.class));

    results
        .allEvents()
        .assertThatEvents()
        .haveAtLeastOne(
            event(
                finishedWithFailure(
                    message(
                        m ->
                            m.contains(
                                "criterion 'no-slice-regresses: { metric: pass-rate(correct),"
                                    + " margin: 5pp, min-cases: 20 }': it judges the slices of"
                                    + " the cases, but the suite has none; expected 'slices:"
                                    + " [FIELD, ...]' naming fields of the dataset's rows")))));
  }
}

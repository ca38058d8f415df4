package dev.evalgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.FlakySuites;
import dev.evalgate.engine.metrics.RepeatStats;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import dev.evalgate.engine.report.summary.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The flakiness ledger of a run with repeats, as every report shows it. */
class FlakyReportsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path output;
  Path suiteDir;

  @BeforeEach
  void run() {
    FlakySuites.reset();
    EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.OUTPUT_DIR, output.resolve("evalgate").toString())
        .configurationParameter(Constants.ALLURE_RESULTS_DIR, output.resolve("allure").toString())
        .selectors(selectClass(FlakySuites.Flaky.class))
        .execute();
    suiteDir = output.resolve("evalgate").resolve("flaky-greetings");
  }

  @Test
  void reportJsonKeepsTheLedgerPerCheckWithTheFlakyCasesAndTheirPassCounts() throws IOException {
    Path file = suiteDir.resolve("report.json");
    JsonNode json = JSON.readTree(file.toFile());

    assertThat(ReportsTest.schema("run-report-v1.schema.json").validate(json)).isEmpty();
    RunReport report = ReportReader.read(file);
    RepeatStats exact = report.evaluation().variant("wobbly").orElseThrow().repeats().get("exact");
    assertThat(exact.cases()).isEqualTo(4);
    assertThat(exact.stablePass()).isEqualTo(3);
    assertThat(exact.stableFail()).isZero();
    assertThat(exact.flaky()).isEqualTo(1);
    assertThat(exact.flakyCases()).containsExactly(new RepeatStats.FlakyCase("g-3", 1));
    assertThat(report.evaluation().variant("wobbly").orElseThrow().repeats().get("*").flaky())
        .isEqualTo(1);
    assertThat(report.evaluation().variant("steady").orElseThrow().repeats().get("exact").flaky())
        .isZero();
    assertThat(
            report
                .evaluation()
                .comparison("wobbly")
                .orElseThrow()
                .stability()
                .get("exact")
                .regressions())
        .containsExactly("g-3");
  }

  @Test
  void theConsoleAndThePullRequestCommentListTheFlakyCasesBeforeTheRegressions()
      throws IOException {
    RunReport report = ReportReader.read(suiteDir.resolve("report.json"));

    String console = Summary.console(report);
    assertThat(console)
        .contains("  flaky wobbly exact: 1 of 4 cases flaky over 3 repeats: g-3 1/3\n")
        .containsPattern(
            "  flaky rate exact +0\\.0% \\[0\\.0, 49\\.0\\] n=4 \\(k=3; stable 4 pass, 0 fail\\)"
                + " +25\\.0% \\[4\\.6, 69\\.9\\] n=4 \\(k=3; stable 3 pass, 0 fail\\)\n")
        .containsPattern("  flaky rate, all checks +0\\.0% .*\n");
    assertThat(console.indexOf("  flaky wobbly")).isLessThan(console.indexOf("  [HOLDS]"));
    assertThat(Files.readString(Path.of("METRICS.md")))
        .contains("flaky wobbly exact: 1 of 4 cases flaky over 3 repeats: g-3 1/3\n");
    String markdown = Summary.markdown(report, "report.html");
    assertThat(markdown)
        .contains(
            "### Flaky cases\n\n- wobbly exact: 1 of 4 cases flaky over 3 repeats:"
                + " [g-3](report.html#case-g-3) 1/3\n");
    assertThat(markdown.indexOf("### Flaky cases"))
        .isPositive()
        .isLessThan(markdown.indexOf("### Top regressions of wobbly"));
  }

  @Test
  void thePageListsTheFlakyCasesAboveEveryOtherCase() throws IOException {
    String page = Files.readString(suiteDir.resolve("report.html"));

    assertThat(page)
        .contains(
            "<div class=\"flaky\"><h3>Flaky cases</h3><table class=\"flaky\"><tr><th>variant</th>"
                + "<th>check</th><th>flaky</th><th>cases (passes of k)</th></tr><tr><td>wobbly</td>"
                + "<td>exact</td><td>1 of 4 over 3 repeats</td><td><a href=\"#case-g-3\">g-3</a>"
                + " 1/3</td></tr></table></div>");
    assertThat(page.indexOf("Flaky cases")).isLessThan(page.indexOf("id=\"cases\""));
    assertThat(page).contains("<option value=\"flaky\">flaky over repeats</option>");
  }

  @Test
  void inABrowserTheFlakyCaseIsTheFirstRowOfTheCaseTableAndIsLabelledFlaky() throws Exception {
    Chromium chromium = Chromium.require();

    String dom = chromium.dumpDom(suiteDir.resolve("report.html"), output);

    String table = dom.substring(dom.indexOf("<table class=\"cases\" id=\"cases\">"));
    assertThat(table.indexOf("id=\"case-g-3\""))
        .as("the third case of the dataset, flaky, comes first")
        .isPositive()
        .isLessThan(table.indexOf("id=\"case-g-1\""));
    assertThat(table)
        .contains("<div class=\"id\">g-3 <span class=\"label\">flaky</span> </div>")
        .contains("<div class=\"id\">g-1</div>");
  }

  @Test
  void allureMarksEveryRepeatOfAFlakyCaseOfItsVariantFlakyAndNothingElse() throws IOException {
    java.util.Map<String, Boolean> flakyByName = new java.util.TreeMap<>();
    try (java.util.stream.Stream<Path> files = Files.list(output.resolve("allure"))) {
      for (Path f : files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
        JsonNode result = JSON.readTree(f.toFile());
        flakyByName.put(
            result.get("name").asText().replaceAll("\\] .*", "]"),
            result.path("statusDetails").path("flaky").asBoolean(false));
      }
    }

    assertThat(flakyByName).hasSize(24);
    assertThat(flakyByName)
        .containsEntry("g-3 [wobbly]", true)
        .containsEntry("g-3 [wobbly #1]", true)
        .containsEntry("g-3 [wobbly #2]", true)
        .containsEntry("g-3 [steady]", false)
        .containsEntry("g-1 [wobbly #1]", false);
    assertThat(flakyByName.values().stream().filter(b -> b)).hasSize(3);
  }

  @Test
  void flakyRateCriteriaAreJudgedOnTheLedgerAndPairedOnStability() throws IOException {
    RunReport report = ReportReader.read(suiteDir.resolve("report.json"));

    assertThat(report.gate().criteria())
        .extracting(c -> c.message())
        .containsExactly(
            "wobbly exact flaky rate is 25.0% (96.2% CI [0.3, 80.6]), within the maximum of 90.0%"
                + " (n=4)",
            "wobbly flaky rate 25.0% cannot be shown non-inferior to steady 0.0% (Δ 25.0 pp, 96.2%"
                + " CI [-34.6, 69.9], margin +10.0 pp, n=4); the difference is beyond the margin"
                + " (observed discordance 25.0%, difference 25.0 pp): more cases would rather show"
                + " it violated");
    assertThat(report.gate().criteria().get(1).evidence())
        .as("the cases stable in the control and flaky in the challenger")
        .containsExactly("g-3");
  }
}

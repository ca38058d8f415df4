package dev.evalgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.MixedRowSuites;
import dev.evalgate.engine.metrics.CheckComparison;
import dev.evalgate.engine.metrics.VariantMetrics;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A check that needs a field the case lacks is not applicable there: counted apart from passes and
 * failures everywhere.
 */
class NotApplicableTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path output;
  EngineExecutionResults results;
  Path folder;

  @BeforeEach
  void run() {
    results =
        EngineTestKit.engine(Constants.ENGINE_ID)
            .configurationParameter(Constants.OUTPUT_DIR, output.resolve("evalgate").toString())
            .configurationParameter(
                Constants.ALLURE_RESULTS_DIR, output.resolve("allure").toString())
            .selectors(selectClass(MixedRowSuites.Grounded.class))
            .execute();
    folder = output.resolve("evalgate").resolve("grounded-mixed");
  }

  @Test
  void passRatesAreOverTheCasesTheCheckAppliedTo() throws IOException {
    RunReport report = ReportReader.read(folder.resolve("report.json"));
    VariantMetrics challenger = report.evaluation().variant("challenger").orElseThrow();

    assertThat(challenger.checks().get("grounded").count()).isEqualTo(2);
    assertThat(challenger.checks().get("grounded").n()).isEqualTo(3);
    assertThat(challenger.notApplicable()).containsExactly(java.util.Map.entry("grounded", 3L));
    assertThat(challenger.passAll().count())
        .as("a check that does not apply fails no case")
        .isEqualTo(5);
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("criterion:at-least(pass-rate(grounded))@challenger"), finishedSuccessfully()))
        .haveExactly(
            1, event(test("criterion:at-least(pass-all-rate)@challenger"), finishedSuccessfully()));
  }

  @Test
  void pairsAreTheCasesTheCheckAppliedToOnBothSides() throws IOException {
    RunReport report = ReportReader.read(folder.resolve("report.json"));
    CheckComparison grounded =
        report.evaluation().comparison("challenger").orElseThrow().checks().get("grounded");

    assertThat(grounded.n()).isEqualTo(3);
    assertThat(grounded.bothPass()).isEqualTo(2);
    assertThat(grounded.bothFail()).isEqualTo(1);
    assertThat(report.evaluation().comparison("challenger").orElseThrow().pairs()).isEqualTo(6);
  }

  @Test
  void resultsLinesSayNotApplicableAndStayValid() throws IOException {
    Schema schema;
    try (InputStream in =
        getClass().getResourceAsStream("/dev/evalgate/engine/report/results-line-v1.schema.json")) {
      schema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
              .getSchema(JSON.readTree(in));
    }
    List<String> lines = Files.readAllLines(folder.resolve("results.jsonl"));
    for (String line : lines) {
      assertThat(schema.validate(JSON.readTree(line))).as(line).isEmpty();
    }
    JsonNode m4 =
        lines.stream()
            .map(NotApplicableTest::tree)
            .filter(l -> l.get("case_id").asText().equals("m-4"))
            .findFirst()
            .orElseThrow();
    JsonNode check = m4.get("checks").get(0);
    assertThat(check.get("outcome").asText()).isEqualTo("not_applicable");
    assertThat(check.get("passed").asBoolean()).isFalse();
    assertThat(check.get("reason").asText())
        .isEqualTo("no context to ground the answer in (the case has no 'context')");
    assertThat(m4.get("passed").asBoolean()).as("no check failed").isTrue();
    JsonNode m3 =
        lines.stream()
            .map(NotApplicableTest::tree)
            .filter(l -> l.get("case_id").asText().equals("m-3"))
            .findFirst()
            .orElseThrow();
    assertThat(m3.get("checks").get(0).get("outcome").asText()).isEqualTo("failed");
  }

  @Test
  void theSummaryTableCountsNotApplicableApart() throws IOException {
    String row =
        "| pass rate grounded | 66.7% [20.8, 93.9] n=3, 3 n/a | 66.7% [20.8, 93.9] n=3, 3 n/a |";

    assertThat(Files.readString(folder.resolve("report.md"))).contains(row);
    assertThat(Files.readString(folder.resolve("report.html")))
        .contains("<td>66.7% [20.8, 93.9] n=3, 3 n/a</td>")
        .contains("\"outcome\":\"not_applicable\"");
    assertThat(ReportReader.read(folder.resolve("report.json")).evaluation().variants())
        .allSatisfy(v -> assertThat(v.notApplicable("grounded")).isEqualTo(3));
  }

  private static JsonNode tree(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

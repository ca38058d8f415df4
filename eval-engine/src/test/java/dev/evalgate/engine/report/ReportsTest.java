package dev.evalgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.GreetingSuites;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

class ReportsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path output;
  Path suiteDir;
  Path allure;

  @BeforeEach
  void run() {
    allure = output.resolve("allure");
    EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.OUTPUT_DIR, output.resolve("evalgate").toString())
        .configurationParameter(Constants.ALLURE_RESULTS_DIR, allure.toString())
        .selectors(selectClass(GreetingSuites.Rude.class))
        .execute();
    suiteDir = output.resolve("evalgate").resolve("rude-greetings");
  }

  static Schema schema(String name) throws IOException {
    try (InputStream in =
        ReportsTest.class.getResourceAsStream("/dev/evalgate/engine/report/" + name)) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(JSON.readTree(in));
    }
  }

  @Test
  void theRunReportIsValidAgainstItsSchemaAndReadsBack() throws IOException {
    Path report = suiteDir.resolve("report.json");

    assertThat(schema("run-report-v1.schema.json").validate(JSON.readTree(report.toFile())))
        .isEmpty();
    RunReport read = ReportReader.read(report);
    assertThat(read.suite()).isEqualTo("rude-greetings");
    assertThat(read.dataset().cases()).isEqualTo(4);
    assertThat(read.dataset().sha256()).hasSize(64);
    assertThat(read.gate().verdicts())
        .extracting(v -> v.decision().name())
        .containsExactly("REJECT");
  }

  @Test
  void everyResultsLineIsValidAndTheFileHasOneLinePerCaseAndVariant() throws IOException {
    Schema schema = schema("results-line-v1.schema.json");
    List<String> lines = Files.readAllLines(suiteDir.resolve("results.jsonl"));

    assertThat(lines).hasSize(8);
    for (String line : lines) {
      assertThat(schema.validate(JSON.readTree(line))).as(line).isEmpty();
    }
    JsonNode first = JSON.readTree(lines.get(1));
    assertThat(first.get("variant").asText()).isEqualTo("rude");
    assertThat(first.get("checks").get(0).get("reason").asText())
        .isEqualTo("expected 'Hello, Ada!' but got 'Go away.'");
  }

  @Test
  void markdownLeadsWithTheVerdictAndLinksRegressions() throws IOException {
    String md = Files.readString(suiteDir.resolve("report.md"));

    assertThat(md)
        .startsWith(
            "## EvalGate: rude-greetings\n\n"
                + "**❌ REJECT** `rude` vs `formal`: REJECT rude: 1 of 1 criteria violated;");
    assertThat(md)
        .contains(
            "| ❌ | at-least: { metric: pass-rate(exact), limit: 90% } | rude | rude exact pass rate"
                + " is 0.0%");
    assertThat(md)
        .contains(
            "- `exact`: 4 regressions, 0 improvements (McNemar p=0.125):"
                + " [g-1](report.html#case-g-1)");
    // what each criterion's cases can detect has its own column (empty for criteria without a
    // margin to detect)
    assertThat(md)
        .contains("| | criterion | variant | result | detects |\n|---|---|---|---|---|\n");
  }

  @Test
  void htmlIsSelfContainedAndEscapesOutputs() throws IOException {
    String html = Files.readString(suiteDir.resolve("report.html"));

    assertThat(html)
        .startsWith("<!doctype html>")
        .contains("<svg")
        .contains("REJECT")
        .contains("\"c\":\"g-4\"");
    assertThat(html)
        .doesNotContain("http://")
        .doesNotContain("https://")
        .doesNotContain("<script src");
    assertThat(html)
        .contains(
            "<th>result</th><th title=\"the smallest distance from the limit this many cases show"
                + " with 80 % power\">detects</th>");
  }

  @Test
  void thePageMadeDuringTheRunIsThePageMadeFromTheResultsFile() throws IOException {
    Path again = output.resolve("again");
    Files.createDirectories(again);

    RunReports.writeRunLevel(
        again,
        ReportReader.read(suiteDir.resolve("report.json")),
        suiteDir.resolve("results.jsonl"));

    assertThat(again.resolve("report.html"))
        .hasSameTextualContentAs(suiteDir.resolve("report.html"));
  }

  @Test
  void allureGetsOneResultPerCaseAndVariantPlusRunFiles() throws IOException {
    try (Stream<Path> files = Files.list(allure)) {
      List<Path> results =
          files.filter(f -> f.getFileName().toString().endsWith("-result.json")).toList();
      long caseResults =
          results.stream()
              .filter(f -> read(f).path("labels").toString().contains("\"story\""))
              .count();
      assertThat(caseResults).isEqualTo(8);
      JsonNode failed =
          results.stream()
              .map(ReportsTest::read)
              .filter(r -> r.path("name").asText().equals("g-1 [rude] ✘ exact"))
              .findFirst()
              .orElseThrow();
      // evidence, not a test: no status (Allure's "unknown"), the failed check in the name, message
      // and steps
      assertThat(failed.has("status")).isFalse();
      assertThat(failed.path("statusDetails").path("message").asText())
          .isEqualTo("exact: expected 'Hello, Ada!' but got 'Go away.'");
      assertThat(failed.path("parameters").toString())
          .contains("\"name\":\"variant\",\"value\":\"rude\"");
      assertThat(failed.path("attachments"))
          .extracting(a -> a.path("name").asText())
          .containsExactly("prompt", "output", "checks");
      assertThat(failed.path("labels").toString())
          .contains(
              "{\"name\":\"parentSuite\",\"value\":\"rude-greetings\"}",
              "{\"name\":\"suite\",\"value\":\"2. cases\"}",
              "{\"name\":\"subSuite\",\"value\":\"rude\"}");
      assertThat(failed.path("links")).isEmpty();
      assertThat(failed.path("steps")).hasSize(1);
      assertThat(failed.path("steps").get(0).path("name").asText()).isEqualTo("exact");
      assertThat(failed.path("steps").get(0).path("status").asText()).isEqualTo("failed");
      assertThat(failed.path("steps").get(0).path("statusDetails").path("message").asText())
          .isEqualTo("expected 'Hello, Ada!' but got 'Go away.'");
    }
    assertThat(allure.resolve("environment.properties")).exists();
    assertThat(allure.resolve("categories.json")).exists();
    assertThat(allure.resolve("executor.json")).exists();
  }

  static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

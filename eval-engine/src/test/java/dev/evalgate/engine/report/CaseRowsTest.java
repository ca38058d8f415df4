package dev.evalgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.GreetingSuites;
import dev.evalgate.engine.report.html.Html;
import dev.evalgate.engine.report.results.ResultsWriter;
import dev.evalgate.engine.report.summary.ReportReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The page's case rows: a system prompt is on the page once and each row refers to it, and the case
 * fields that checks read (context, expect, references) are in every results line and once per case
 * on the page, for the page written after a run and the page rebuilt from its results file alike.
 */
class CaseRowsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static HostilePage hostile;

  @BeforeAll
  static void run() throws Exception {
    hostile = HostilePage.run(dir.resolve("hostile"));
  }

  @Test
  void theSystemPromptIsOnThePageOnceAndEveryRowRefersToIt() throws Exception {
    Path output = dir.resolve("polite");
    EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.OUTPUT_DIR, output.toString())
        .configurationParameter(Constants.ALLURE_ENABLED, "false")
        .selectors(selectClass(GreetingSuites.Polite.class))
        .execute();
    Path folder = output.resolve("greetings");
    Path rebuilt = Files.createDirectories(dir.resolve("polite-rebuilt"));
    RunReports.writeRunLevel(
        rebuilt,
        ReportReader.read(folder.resolve(RunReports.REPORT_JSON)),
        folder.resolve(ResultsWriter.FILE));

    for (Path page :
        List.of(folder.resolve(RunReports.REPORT_HTML), rebuilt.resolve(RunReports.REPORT_HTML))) {
      String html = Files.readString(page, StandardCharsets.UTF_8);
      assertThat(html.split("You greet people\\.", -1)).as(page.toString()).hasSize(2);
      Map<String, String> scripts = HostilePage.scripts(html);
      JsonNode prompts = JSON.readTree(scripts.get("prompts"));
      assertThat(prompts).hasSize(1);
      String key = prompts.fieldNames().next();
      assertThat(prompts.get(key).asText()).isEqualTo("[system] You greet people.");
      JsonNode rows = JSON.readTree(scripts.get("rows"));
      assertThat(rows)
          .hasSize(8)
          .allSatisfy(
              row -> {
                assertThat(row.path("s").asText()).isEqualTo(key);
                assertThat(row.path("p").asText()).startsWith("[user] Greet ");
              });
    }
  }

  @Test
  void theCaseFieldsAreInEveryResultsLineAndOnTheFirstPageRowOfTheirCase() throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(hostile.results, StandardCharsets.UTF_8)) {
      lines.add(JSON.readTree(line));
    }
    JsonNode fourth =
        lines.stream()
            .filter(l -> l.path("case_id").asText().equals("h-4"))
            .findFirst()
            .orElseThrow();
    assertThat(fourth.path("case").path("context").asText()).startsWith("context 4 ");
    assertThat(fourth.path("case").path("references")).hasSize(2);
    assertThat(fourth.path("case").path("incorrect_references").get(0).asText())
        .startsWith("wrong 4 ");
    assertThat(
            lines.stream()
                .filter(l -> l.path("case_id").asText().equals("h-5"))
                .findFirst()
                .orElseThrow()
                .path("case")
                .path("expect")
                .asText())
        .isEqualTo("refuse");
    assertThat(
            lines.stream()
                .filter(l -> l.path("case_id").asText().equals("h-1"))
                .findFirst()
                .orElseThrow()
                .has("case"))
        .isFalse();
    assertThat(lines)
        .allSatisfy(
            l ->
                assertThat(ReportsTest.schema("results-line-v1.schema.json").validate(l))
                    .isEmpty());

    for (Path page : hostile.pages()) {
      JsonNode rows =
          JSON.readTree(
              HostilePage.scripts(Files.readString(page, StandardCharsets.UTF_8)).get("rows"));
      for (int i = 0; i < rows.size(); i++) {
        JsonNode row = rows.get(i);
        JsonNode line = lines.get(i);
        boolean firstOfCase = i == 0 || !rows.get(i - 1).path("c").equals(row.path("c"));
        if (firstOfCase && line.has("case")) {
          assertThat(row.path("f").path("context").asText())
              .isEqualTo(Html.truncate(line.path("case").path("context").asText("")));
          assertThat(row.path("f").path("references"))
              .isEqualTo(line.path("case").path("references"));
          assertThat(row.path("f").path("expect")).isEqualTo(line.path("case").path("expect"));
        } else {
          assertThat(row.has("f")).as("row %d", i).isFalse();
        }
      }
    }
  }
}

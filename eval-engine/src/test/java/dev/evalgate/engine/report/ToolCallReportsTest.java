package dev.evalgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.ToolSuites;
import dev.evalgate.engine.report.results.ResultsWriter;
import dev.evalgate.engine.report.summary.ReportReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The model's tool calls are evidence in every report: results.jsonl (valid against its schema and
 * read back when a run's reports are rebuilt), the page's rows made live and from the results file,
 * Allure's attachments; and the tool checks' rates gate the run under their metric names.
 */
class ToolCallReportsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static Path folder;
  static List<JsonNode> lines = new ArrayList<>();

  @BeforeAll
  static void run() throws Exception {
    EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.OUTPUT_DIR, dir.resolve("out").toString())
        .configurationParameter(Constants.ALLURE_RESULTS_DIR, dir.resolve("allure").toString())
        .selectors(selectClass(ToolSuites.Orders.class))
        .execute();
    folder = dir.resolve("out").resolve("orders");
    for (String line :
        Files.readAllLines(folder.resolve(ResultsWriter.FILE), StandardCharsets.UTF_8)) {
      lines.add(JSON.readTree(line));
    }
  }

  static JsonNode line(String caseId, String variant) {
    return lines.stream()
        .filter(
            l ->
                l.path("case_id").asText().equals(caseId)
                    && l.path("variant").asText().equals(variant))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void resultsLinesHoldTheCallsAsTheModelWroteThemAndOnlyWhenItMadeSome() throws Exception {
    assertThat(lines)
        .hasSize(8)
        .allSatisfy(
            l ->
                assertThat(ReportsTest.schema("results-line-v1.schema.json").validate(l))
                    .isEmpty());
    JsonNode careful = line("q-1", "careful");
    assertThat(careful.path("output").asText()).isEmpty();
    assertThat(careful.path("tool_calls").toString())
        .isEqualTo(
            "[{\"id\":\"call_A-100037\",\"name\":\"lookup_order\",\"arguments\":\"{\\\"order_id\\\":\\\"A-100037\\\"}\"}]");
    assertThat(line("q-4", "careful").has("tool_calls")).isFalse();
    JsonNode malformed = line("q-4", "hasty").path("tool_calls").get(0);
    assertThat(malformed.has("id")).isFalse();
    assertThat(malformed.path("arguments").asText()).isEqualTo("{order_id: ?");
    assertThat(line("q-4", "hasty").toString())
        .contains("\"output\":\"Checking.\",\"tool_calls\":[");
  }

  @Test
  void theToolChecksRatesGateTheRunUnderTheirMetricNames() throws Exception {
    JsonNode report = JSON.readTree(folder.resolve(RunReports.REPORT_JSON).toFile());
    String text = report.toString();
    assertThat(text).contains("tool-call accuracy").contains("tool argument validity");
    JsonNode hasty = null;
    for (JsonNode variant : report.path("evaluation").path("variants")) {
      if (variant.path("variant").asText().equals("hasty")) {
        hasty = variant;
      }
    }
    assertThat(hasty).isNotNull();
    assertThat(hasty.path("checks").path("tool-call").path("rate").asDouble()).isEqualTo(0.5);
    assertThat(hasty.path("checks").path("tool-schema").path("rate").asDouble()).isEqualTo(0.75);
    assertThat(Files.readString(folder.resolve(RunReports.REPORT_MD))).contains("REJECT");
  }

  @Test
  void thePageShowsTheCallsOnItsRowsWhetherWrittenLiveOrRebuiltFromTheResults() throws Exception {
    Path rebuilt = Files.createDirectories(dir.resolve("rebuilt"));
    RunReports.writeRunLevel(
        rebuilt,
        ReportReader.read(folder.resolve(RunReports.REPORT_JSON)),
        folder.resolve(ResultsWriter.FILE));
    for (Path page :
        List.of(folder.resolve(RunReports.REPORT_HTML), rebuilt.resolve(RunReports.REPORT_HTML))) {
      String html = Files.readString(page, StandardCharsets.UTF_8);
      JsonNode rows = JSON.readTree(HostilePage.scripts(html).get("rows"));
      assertThat(rows).hasSize(8);
      for (JsonNode row : rows) {
        JsonNode line = line(row.path("c").asText(), row.path("v").asText());
        assertThat(row.path("t")).as(page + " " + row).isEqualTo(line.path("tool_calls"));
      }
      assertThat(html)
          .contains("'<div class=\"tool\">→ '+esc(t.name)+'('+esc(t.arguments)+')</div>'");
    }
  }

  @Test
  void allureAttachesTheCallsOfEachAnswerThatMadeSome() throws Exception {
    List<JsonNode> results = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir.resolve("allure"))) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().endsWith("-result.json")).toList()) {
        results.add(JSON.readTree(file.toFile()));
      }
    }
    JsonNode careful =
        results.stream()
            .filter(r -> r.path("name").asText().startsWith("q-1 [careful]"))
            .findFirst()
            .orElseThrow();
    JsonNode attachment = null;
    for (JsonNode a : careful.path("attachments")) {
      if (a.path("name").asText().equals("tool calls")) {
        attachment = a;
      }
    }
    assertThat(attachment).isNotNull();
    assertThat(
            JSON.readTree(
                    dir.resolve("allure").resolve(attachment.path("source").asText()).toFile())
                .path("tool_calls"))
        .isEqualTo(line("q-1", "careful").path("tool_calls"));
    JsonNode textOnly =
        results.stream()
            .filter(r -> r.path("name").asText().startsWith("q-4 [careful]"))
            .findFirst()
            .orElseThrow();
    assertThat(textOnly.path("attachments").findValuesAsText("name")).doesNotContain("tool calls");
  }
}

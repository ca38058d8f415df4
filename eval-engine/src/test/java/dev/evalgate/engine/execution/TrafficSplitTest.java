package dev.evalgate.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.TraceSuites;
import dev.evalgate.engine.report.SuiteSources;
import dev.evalgate.engine.split.SplitGate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A traffic split: production answered each call with one variant; the suite compares those logged
 * answers unpaired, judges its criteria and says the comparison is observational.
 */
class TrafficSplitTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant START = Instant.parse("2026-11-30T09:00:00Z");

  @TempDir Path dir;
  EngineExecutionResults results;
  Path folder;
  String console;

  /**
   * Newcombe (1998)'s example for two independent proportions, 56/70 against 48/80: the
   * challenger's answers say "refund" 56 times in 70 calls, the control's 48 in 80.
   */
  @BeforeEach
  void run() throws IOException {
    List<String> lines = new ArrayList<>();
    int id = 0;
    for (int i = 0; i < 80; i++) {
      lines.add(span(id++, "control", "gpt-4o-mini", i < 48, 800 + (i % 5) * 50));
    }
    for (int i = 0; i < 70; i++) {
      lines.add(span(id++, "challenger", "claude-haiku-4-5", i < 56, 500 + (i % 5) * 50));
    }
    for (int i = 0; i < 5; i++) {
      lines.add(span(id++, "shadow", "gpt-5", true, 100));
    }
    Path export = dir.resolve("split.jsonl");
    Files.write(export, lines);
    TraceSuites.export = export.toString();
    console = runSplit(Map.of());
    folder = dir.resolve("evalgate").resolve("traffic-split");
  }

  /**
   * Runs the split suite with more configuration into {@link #results}; returns what it printed.
   */
  private String runSplit(Map<String, String> configuration) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream previous = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      results =
          EngineTestKit.engine(Constants.ENGINE_ID)
              .configurationParameter(Constants.OUTPUT_DIR, dir.resolve("evalgate").toString())
              .configurationParameter(
                  Constants.ALLURE_RESULTS_DIR, dir.resolve("allure").toString())
              .configurationParameters(configuration)
              .selectors(selectClass(TraceSuites.Split.class))
              .execute();
    } finally {
      System.setOut(previous);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void eachVariantIsMeasuredOnTheCallsItAnsweredAndComparedUnpaired() throws IOException {
    JsonNode report = JSON.readTree(folder.resolve("split.json").toFile());

    assertThat(report.get("format").asText()).isEqualTo("evalgate-split-report/v1");
    assertThat(report.get("observational").asText()).isEqualTo(SplitGate.OBSERVATIONAL);
    assertThat(report.get("dataset").get("cases").asLong()).isEqualTo(150);
    assertThat(report.get("undeclared").toString()).isEqualTo("{\"shadow\":5}");
    JsonNode control = report.get("variants").get(0);
    JsonNode challenger = report.get("variants").get(1);
    assertThat(control.get("n").asLong()).isEqualTo(80);
    assertThat(challenger.get("n").asLong()).isEqualTo(70);
    assertThat(control.get("checks").get("contains").get("count").asLong()).isEqualTo(48);
    assertThat(challenger.get("checks").get("contains").get("count").asLong()).isEqualTo(56);
    assertThat(challenger.get("promptTokens").asLong()).isEqualTo(70 * 120);
    assertThat(challenger.get("cost").get("perCall").asDouble())
        .isCloseTo((120 * 1.00 + 40 * 5.00) / 1e6, within(1e-12));
    JsonNode differences = report.get("comparisons").get(0).get("differences");
    JsonNode passRate = differences.get(0);
    assertThat(passRate.get("metric").asText()).isEqualTo("pass-rate(contains)");
    assertThat(passRate.get("method").asText()).isEqualTo("newcombe-independent");
    // Newcombe (1998), method 10, for 56/70 - 48/80: 0.2000 (0.0524, 0.3339)
    assertThat(passRate.get("difference").asDouble()).isCloseTo(0.2, within(1e-9));
    assertThat(passRate.get("low").asDouble()).isCloseTo(0.0524, within(5e-5));
    assertThat(passRate.get("high").asDouble()).isCloseTo(0.3339, within(5e-5));
    JsonNode latency = find(differences, "latency-mean");
    assertThat(latency.get("method").asText()).isEqualTo("bootstrap-independent");
    assertThat(latency.get("difference").asDouble()).isCloseTo(-300, within(1e-6));
    assertThat(latency.get("low").asDouble()).isLessThan(-300);
    assertThat(latency.get("high").asDouble()).isGreaterThan(-300).isLessThan(-250);
    assertThat(find(differences, "cost-per-call").get("difference").asDouble())
        .isCloseTo((120 * 0.85 + 40 * 4.40) / 1e6, within(1e-12));
  }

  @Test
  void theSuitesCriteriaAreJudgedOnTheSplitAndTheirTestsPass() throws IOException {
    JsonNode gate = JSON.readTree(folder.resolve("split.json").toFile()).get("gate");

    assertThat(gate.get("verdicts").get(0).get("decision").asText()).isEqualTo("PROMOTE");
    assertThat(gate.get("criteria").get(0).get("message").asText())
        .isEqualTo(
            "challenger contains pass rate 80.0% is non-inferior to control 60.0% (Δ 20.0 pp,"
                + " 95% CI [5.2, 33.4], margin -5.0 pp, unpaired: n=70 and 80)");
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("criterion:non-inferior(pass-rate(contains))@challenger"),
                finishedSuccessfully()))
        .haveExactly(
            1, event(test("criterion:at-most(error-rate)@challenger"), finishedSuccessfully()));
  }

  @Test
  void everyReportSaysTheComparisonIsObservational() throws IOException {
    assertThat(console)
        .contains("EvalGate traffic-split (traffic split): PROMOTE challenger: all 2 criteria hold")
        .contains(SplitGate.OBSERVATIONAL)
        .contains(
            "5 calls of variant 'shadow', which the suite does not declare, are not compared");
    assertThat(Files.readString(folder.resolve("split.md")))
        .startsWith(
            "# traffic-split: traffic split\n\n> **Observational comparison:** each call was"
                + " answered in production by one variant (unpaired), so a difference may come"
                + " from the traffic each variant was sent, not only from the variant; replay a"
                + " sample through both variants for a paired comparison.\n\n")
        .contains("| tokens in / out | 9,600 / 3,200 | 8,400 / 2,800 |\n");
    assertThat(console).contains(" 9,600 / 3,200 ");
  }

  @Test
  void theSplitHasThePageEveryRunHasWithItsCasesAndTheObservationalNote() throws IOException {
    String page = Files.readString(folder.resolve("split.html"));

    assertThat(page)
        .contains("<title>EvalGate: traffic-split</title>")
        .contains("<div class=\"verdict promote\"><b>PROMOTE</b> challenger vs control")
        .contains(
            "<p class=\"note caveat\"><b>Observational comparison: each call was answered in"
                + " production by one variant (unpaired), so a difference may come from the traffic"
                + " each variant was sent, not only from the variant; replay a sample through both"
                + " variants for a paired comparison.</b></p>")
        .contains("<tr><td>N (errored)</td><td>80 (0)</td><td>70 (0)</td></tr>")
        .contains("<td>at-most: { metric: error-rate, limit: 10% }</td>")
        .contains("\"c\":\"0000000000000001\",\"v\":\"control\"")
        .contains("\"c\":\"0000000000000096\",\"v\":\"challenger\"")
        .contains("\"o\":\"I have issued a refund.\"")
        .doesNotContain("\"v\":\"shadow\"");
    // one row per call a declared variant answered, each from the one page row producer
    assertThat(page.split("\"c\":\"", -1)).hasSize(150 + 1);
    assertThat(Files.readAllLines(folder.resolve("results.jsonl"))).hasSize(150);
    assertThat(console).contains("reports: " + folder.resolve("split.html").toAbsolutePath());
    try (var files = Files.list(folder)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "split.json", "split.md", "split.html", "results.jsonl", SuiteSources.FILE);
    }
  }

  @Test
  void aBaselineSetForTheBuildsOtherSuitesIsSaidOnceNotToApplyToTheSplit() throws IOException {
    assertThat(console).doesNotContain("evalgate.baseline");
    JsonNode without = JSON.readTree(folder.resolve("split.json").toFile());
    assertThat(without.has("baseline")).as("split.json has a baseline field").isTrue();
    assertThat(without.get("baseline").isNull()).isTrue();
    assertThat(Files.readString(folder.resolve("split.md"))).doesNotContain("evalgate.baseline");
    assertThat(Files.readString(folder.resolve("split.html"))).doesNotContain("evalgate.baseline");

    String printed =
        runSplit(Map.of(Constants.BASELINE, dir.resolve("champion/report.json").toString()));

    results.testEvents().assertStatistics(stats -> stats.failed(0));
    String line =
        "evalgate.baseline does not apply to a traffic split (it calls no variant): each variant is"
            + " judged on the answers production logged";
    assertThat(printed.split("evalgate.baseline", -1)).hasSize(2);
    assertThat(printed).contains("\n  " + line + "\n  reports: ");
    assertThat(JSON.readTree(folder.resolve("split.json").toFile()).path("baseline").asText())
        .isEqualTo(line);
    String markdown = Files.readString(folder.resolve("split.md"));
    assertThat(markdown.split("evalgate.baseline", -1)).hasSize(2);
    assertThat(markdown).endsWith("\n\n" + line + ".\n");
    // the page says it where it says the observational note, under the verdicts
    String page = Files.readString(folder.resolve("split.html"));
    assertThat(page.split("evalgate.baseline", -1)).hasSize(2);
    assertThat(page)
        .contains(
            " replay a sample through both variants for a paired comparison.</b></p><p"
                + " class=\"note\">"
                + line
                + ".</p>");
  }

  static JsonNode find(JsonNode differences, String metric) {
    for (JsonNode d : differences) {
      if (d.get("metric").asText().equals(metric)) {
        return d;
      }
    }
    throw new AssertionError("no " + metric + " in " + differences);
  }

  /** One production call as the Collector's file exporter writes it: one export per line. */
  static String span(int id, String variant, String model, boolean refund, long latencyMs) {
    return span(id, variant, model, refund, latencyMs, null);
  }

  /**
   * One production call; with an {@code error}, a failed one: status ERROR with that message and no
   * answer.
   */
  static String span(
      int id,
      String variant,
      String model,
      boolean refund,
      long latencyMs,
      @Nullable String error) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode span =
        root.putArray("resourceSpans")
            .addObject()
            .putArray("scopeSpans")
            .addObject()
            .putArray("spans")
            .addObject();
    span.put("traceId", String.format("%032x", id + 1));
    span.put("spanId", String.format("%016x", id + 1));
    span.put("name", "chat " + model);
    long start = START.getEpochSecond() * 1_000_000_000L + id * 1_000_000_000L;
    span.put("startTimeUnixNano", Long.toString(start));
    span.put("endTimeUnixNano", Long.toString(start + latencyMs * 1_000_000L));
    ArrayNode attributes = span.putArray("attributes");
    attribute(attributes, "gen_ai.request.model", model);
    attribute(attributes, "variant", variant);
    attributes
        .addObject()
        .put("key", "gen_ai.usage.input_tokens")
        .putObject("value")
        .put("intValue", "120");
    attributes
        .addObject()
        .put("key", "gen_ai.usage.output_tokens")
        .putObject("value")
        .put("intValue", "40");
    attribute(attributes, "gen_ai.prompt", "My parcel " + id + " never came.");
    if (error != null) {
      span.putObject("status").put("code", 2).put("message", error);
      return root.toString();
    }
    attribute(
        attributes,
        "gen_ai.completion",
        refund ? "I have issued a refund." : "Please wait a few more days.");
    return root.toString();
  }

  static void attribute(ArrayNode attributes, String key, String value) {
    attributes.addObject().put("key", key).putObject("value").put("stringValue", value);
  }
}

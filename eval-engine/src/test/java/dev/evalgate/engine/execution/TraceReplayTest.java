package dev.evalgate.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.TraceSuites;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/** A suite whose dataset is a production trace export: selected, redacted, replayed, reported. */
class TraceReplayTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void theNewestSelectedProductionPromptsAreReplayedRedactedThroughEveryVariant()
      throws IOException {
    Path export = dir.resolve("production.jsonl");
    List<String> lines = new ArrayList<>();
    Instant start = Instant.parse("2026-11-30T09:00:00Z");
    for (int i = 0; i < 8; i++) {
      String variant = i % 2 == 0 ? "control" : "challenger";
      lines.add(export(Long.toHexString(0xa000 + i), start.plusSeconds(60L * i), variant, i));
    }
    Files.write(export, lines);
    TraceSuites.export = export.toString();
    TraceSuites.PROMPTS_SEEN.clear();

    EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.OUTPUT_DIR, dir.resolve("evalgate").toString())
        .configurationParameter(Constants.ALLURE_RESULTS_DIR, dir.resolve("allure").toString())
        .selectors(selectClass(TraceSuites.Replay.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.failed(0));

    assertThat(TraceSuites.PROMPTS_SEEN)
        .as("the 3 newest control calls (cases 2, 4, 6), each through both variants, redacted")
        .containsExactlyInAnyOrder(
            "Order 2 for [REDACTED:email]",
            "Order 2 for [REDACTED:email]",
            "Order 4 for [REDACTED:email]",
            "Order 4 for [REDACTED:email]",
            "Order 6 for [REDACTED:email]",
            "Order 6 for [REDACTED:email]");
    Path folder = dir.resolve("evalgate").resolve("trace-replay");
    RunReport report = ReportReader.read(folder.resolve("report.json"));
    assertThat(report.dataset().cases()).isEqualTo(3);
    assertThat(Files.readString(folder.resolve("results.jsonl"))).doesNotContain("@example.com");
  }

  /** One OTLP export per line, as the OpenTelemetry Collector's file exporter writes them. */
  static String export(String spanId, Instant start, String variant, int i) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode span =
        root.putArray("resourceSpans")
            .addObject()
            .putArray("scopeSpans")
            .addObject()
            .putArray("spans")
            .addObject();
    span.put("traceId", "0af7651916cd43dd8448eb211c80319c");
    span.put("spanId", spanId);
    span.put("name", "chat gpt-4o-mini");
    long nanos = start.getEpochSecond() * 1_000_000_000L;
    span.put("startTimeUnixNano", Long.toString(nanos));
    span.put("endTimeUnixNano", Long.toString(nanos + 700_000_000L));
    var attributes = span.putArray("attributes");
    attributes
        .addObject()
        .put("key", "gen_ai.request.model")
        .putObject("value")
        .put("stringValue", "gpt-4o-mini");
    attributes.addObject().put("key", "variant").putObject("value").put("stringValue", variant);
    attributes
        .addObject()
        .put("key", "gen_ai.prompt")
        .putObject("value")
        .put("stringValue", "Order " + i + " for customer" + i + "@example.com");
    return root.toString();
  }
}

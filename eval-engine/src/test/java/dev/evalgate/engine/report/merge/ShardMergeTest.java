package dev.evalgate.engine.report.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.DrillServer;
import dev.evalgate.engine.fixtures.HttpSuites;
import dev.evalgate.engine.report.RunReports;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/** A sharded run merged gives exactly the metrics and verdicts of an unsharded run. */
class ShardMergeTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  void run(String mode, String url, String shard, String out) {
    var kit =
        EngineTestKit.engine(Constants.ENGINE_ID)
            .configurationParameter(Constants.RECORDING_MODE, mode)
            .configurationParameter(Constants.RECORDING_DIR, dir.resolve("rec").toString())
            .configurationParameter("evalgate.variant.control.base-url", url)
            .configurationParameter("evalgate.variant.challenger.base-url", url)
            .configurationParameter(Constants.OUTPUT_DIR, dir.resolve(out).toString())
            .configurationParameter(Constants.ALLURE_ENABLED, "false");
    if (shard != null) {
      kit = kit.configurationParameter(Constants.SHARD, shard);
    }
    kit.selectors(selectClass(HttpSuites.Drill.class)).execute();
  }

  @Test
  void mergedShardsEqualTheUnshardedRun() throws Exception {
    Path dataset = DrillServer.dataset(dir.resolve("d.jsonl"), "m", 300);
    System.setProperty("drill.dataset", dataset.toString());
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(DrillServer.answers());
      server.start();
      String url = server.url("/v1").toString();
      run("record", url, null, "recorded");
      run("replay", url, null, "whole");
      for (int i = 1; i <= 3; i++) {
        run("replay", url, i + "/3", "sharded");
      }
    } finally {
      System.clearProperty("drill.dataset");
    }
    Path sharded = dir.resolve("sharded").resolve("drill");
    List<Path> shards =
        List.of(1, 2, 3).stream()
            .map(i -> sharded.resolve("shard-" + i + "-of-3").resolve("report.json"))
            .toList();

    RunReports.Written merged = ShardMerger.merge(shards, dir.resolve("merged"));

    RunReport whole =
        ReportReader.read(dir.resolve("whole").resolve("drill").resolve("report.json"));
    assertThat(
            (com.fasterxml.jackson.databind.JsonNode)
                JSON.valueToTree(merged.report().evaluation()))
        .isEqualTo(JSON.valueToTree(whole.evaluation()));
    assertThat((com.fasterxml.jackson.databind.JsonNode) JSON.valueToTree(merged.report().gate()))
        .isEqualTo(JSON.valueToTree(whole.gate()));
    assertThat(merged.report().dataset()).isEqualTo(whole.dataset());
    assertThat(Files.readAllLines(dir.resolve("merged").resolve("results.jsonl")))
        .isEqualTo(
            Files.readAllLines(dir.resolve("whole").resolve("drill").resolve("results.jsonl")));
  }

  @Test
  void aMissingShardIsNamed() throws Exception {
    mergedShardsEqualTheUnshardedRun();
    Path sharded = dir.resolve("sharded").resolve("drill");

    assertThatThrownBy(
            () ->
                ShardMerger.merge(
                    List.of(
                        sharded.resolve("shard-1-of-3").resolve("report.json"),
                        sharded.resolve("shard-3-of-3").resolve("report.json")),
                    dir.resolve("merged2")))
        .isInstanceOf(IOException.class)
        .hasMessage("suite 'drill': shards [2] of 3 are missing; expected all of them");
  }
}

package dev.evalgate.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.api.GateSpec;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.DrillServer;
import dev.evalgate.engine.fixtures.HttpSuites;
import dev.evalgate.engine.metrics.VariantLabel;
import dev.evalgate.engine.report.results.ResultsCursor;
import dev.evalgate.engine.report.results.ResultsWriter;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * One plan and one evaluator: a stored run judged again from its files gets the run's own figures.
 */
class EvaluatorTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  /**
   * Records then replays the HTTP drill suite (varying tokens, so the bootstrap intervals depend on
   * the seed).
   */
  Path replayedRun(String seed) throws Exception {
    Path dataset = DrillServer.dataset(dir.resolve("d.jsonl"), "e", 60);
    System.setProperty("drill.dataset", dataset.toString());
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(DrillServer.answers());
      server.start();
      String url = server.url("/v1").toString();
      for (String mode : List.of("record", "replay")) {
        EngineTestKit.engine(Constants.ENGINE_ID)
            .configurationParameter(Constants.RECORDING_MODE, mode)
            .configurationParameter(Constants.RECORDING_DIR, dir.resolve("rec").toString())
            .configurationParameter("evalgate.variant.control.base-url", url)
            .configurationParameter("evalgate.variant.challenger.base-url", url)
            .configurationParameter(Constants.OUTPUT_DIR, dir.resolve(mode).toString())
            .configurationParameter(Constants.ALLURE_ENABLED, "false")
            .configurationParameter(Constants.SEED, seed)
            .selectors(selectClass(HttpSuites.Drill.class))
            .execute();
      }
    } finally {
      System.clearProperty("drill.dataset");
    }
    return dir.resolve("replay").resolve("drill").resolve("report.json");
  }

  @Test
  void aStoredRunJudgedAgainUnderItsReportedPlanGetsItsOwnFiguresAndVerdicts() throws Exception {
    RunReport report = ReportReader.read(replayedRun("11"));

    Evaluator evaluator = new Evaluator(report.plan());
    try (ResultsCursor cursor =
        new ResultsCursor(dir.resolve("replay").resolve("drill").resolve(ResultsWriter.FILE))) {
      while (cursor.next()) {
        evaluator.accept(cursor.current());
      }
    }
    Judgement judged = evaluator.finish();

    assertThat(report.seed()).isEqualTo(11);
    assertThat(report.evaluation().comparisons().get(0).outputTokens().high())
        .as("an interval that depends on the seed")
        .isGreaterThan(report.evaluation().comparisons().get(0).outputTokens().low());
    assertThat((JsonNode) JSON.valueToTree(judged.evaluation()))
        .isEqualTo(JSON.valueToTree(report.evaluation()));
    assertThat((JsonNode) JSON.valueToTree(judged.gate()))
        .isEqualTo(JSON.valueToTree(report.gate()));
  }

  @Test
  void aReportWritesItsFieldsAndNotThePlanItCanGiveBack() throws Exception {
    RunReport report = ReportReader.read(replayedRun("3"));

    List<String> fields = new ArrayList<>();
    JSON.readTree(dir.resolve("replay").resolve("drill").resolve("report.json").toFile())
        .fieldNames()
        .forEachRemaining(fields::add);

    assertThat(fields)
        .containsExactly(
            "format",
            "suite",
            "experiment",
            "engineVersion",
            "createdAt",
            "dataset",
            "suiteHash",
            "gateHash",
            "seed",
            "shard",
            "variants",
            "evaluation",
            "gate",
            "skippedRows",
            "wholeFileProblems",
            "policy",
            "checks",
            "repeats",
            "labelsVariant");
    assertThat(report.plan())
        .isEqualTo(
            new EvaluationPlan(
                List.of(
                    new VariantLabel("control", true, "gpt-4o-mini", "drill-v1"),
                    new VariantLabel("challenger", false, "gpt-4.1-mini", "drill-v1")),
                List.of("json", "refusal"),
                report.policy(),
                1,
                3,
                null,
                java.util.Map.of(
                    "refusal", new dev.evalgate.engine.metrics.ScoreThreshold("threshold", 0.5))));
  }

  @Test
  void aPlanNeedsExactlyOneControl() {
    List<VariantLabel> two =
        List.of(new VariantLabel("a", true, null, "v1"), new VariantLabel("b", true, null, "v1"));

    assertThatThrownBy(() -> new EvaluationPlan(two, List.of(), GateSpec.minCases(1), 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected exactly one control variant, but found 2 among [a, b]");
  }
}

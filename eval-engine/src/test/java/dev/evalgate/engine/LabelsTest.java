package dev.evalgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.evalgate.api.CheckResult;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.LabelledSuites;
import dev.evalgate.engine.report.results.ResultsCursor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** A dataset row's {@code labels}: what people say each check should conclude on its answer. */
class LabelsTest {
  @TempDir Path output;

  EngineExecutionResults execute(DiscoverySelector selector) {
    return EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.OUTPUT_DIR, output.resolve("evalgate").toString())
        .configurationParameter(Constants.ALLURE_RESULTS_DIR, output.resolve("allure").toString())
        .selectors(selector)
        .execute();
  }

  @Test
  void badLabelsAreReportedByFileAndLineAndTheirRowsSkipped() {
    EngineExecutionResults results = execute(selectClass(LabelledSuites.BrokenLabels.class));

    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("dataset:rows"),
                finishedWithFailure(
                    message(
                        "3 dataset rows were skipped:\n"
                            + "  fixtures/broken-labels.jsonl:2: field 'labels' names check"
                            + " 'refusl', which the suite does not have; expected one of:"
                            + " refusal\n"
                            + "  fixtures/broken-labels.jsonl:3: labels.refusal must be \"pass\""
                            + " or \"fail\" (what the check should conclude), but was \"maybe\"\n"
                            + "  fixtures/broken-labels.jsonl:4: field 'labels' must be an object"
                            + " from a check's name to \"pass\" or \"fail\", but was"
                            + " [\"refusal\"]"))));
  }

  @Test
  void resultsKeepEachCasesLabelsAndReadThemBack() throws IOException {
    execute(selectClass(LabelledSuites.Refusals.class));
    Path results = output.resolve("evalgate").resolve("labelled-refusals").resolve("results.jsonl");

    assertThat(Files.readAllLines(results).get(0))
        .endsWith(",\"labels\":{\"refusal\":\"pass\",\"scored\":\"pass\"}}");
    List<Map<String, CheckResult.Outcome>> read = new ArrayList<>();
    try (ResultsCursor cursor = new ResultsCursor(results)) {
      while (cursor.next()) {
        read.add(java.util.Objects.requireNonNull(cursor.current()).evalCase().labels());
      }
    }
    assertThat(read)
        .containsExactly(
            Map.of("refusal", CheckResult.Outcome.PASSED, "scored", CheckResult.Outcome.PASSED),
            Map.of("refusal", CheckResult.Outcome.FAILED, "scored", CheckResult.Outcome.FAILED),
            Map.of("refusal", CheckResult.Outcome.PASSED, "scored", CheckResult.Outcome.PASSED),
            Map.of("refusal", CheckResult.Outcome.FAILED, "scored", CheckResult.Outcome.FAILED),
            Map.of("refusal", CheckResult.Outcome.FAILED, "scored", CheckResult.Outcome.FAILED),
            Map.of());
  }
}

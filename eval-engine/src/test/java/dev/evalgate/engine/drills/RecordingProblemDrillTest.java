package dev.evalgate.engine.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.dynamicTestRegistered;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.HttpSuites;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Drill: a corrupt recording fails a test of the suite's recordings, with the file and the line,
 * and not the dataset test, whose rows are not to blame.
 */
class RecordingProblemDrillTest {
  @TempDir Path dir;
  Path folder;
  String corrupt;

  @BeforeEach
  void corruptTheControlsRecordings() throws Exception {
    folder = Files.createDirectories(dir.resolve("rec").resolve("drill"));
    Files.writeString(folder.resolve("control.jsonl"), "{\"key\":\"k\"}\n");
    corrupt =
        folder.resolve("control.jsonl")
            + ":1: corrupt recording (field 'repeat' is missing or of the wrong type); expected one"
            + " JSON object per line with key, case, variant, content and usage; delete the line,"
            + " or the file, and record again";
  }

  EngineExecutionResults run(DiscoverySelector selector) {
    return EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.OUTPUT_DIR, dir.resolve("evalgate").toString())
        .configurationParameter(Constants.RECORDING_DIR, dir.resolve("rec").toString())
        .configurationParameter(Constants.ALLURE_ENABLED, "false")
        .selectors(selector)
        .execute();
  }

  @Test
  void aCorruptRecordingFailsTheRecordingsTestAndNotTheDatasetTest() {
    EngineExecutionResults results = run(selectClass(HttpSuites.Drill.class));

    String recordings = "recordings: every file under " + folder + " is usable";
    results
        .allEvents()
        .assertThatEvents()
        .haveExactly(1, event(dynamicTestRegistered("recordings:files"), displayName(recordings)));
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("recordings:files"),
                displayName(recordings),
                finishedWithFailure(message(corrupt))))
        .haveExactly(
            1,
            event(
                test("dataset:rows"),
                displayName("dataset: every row of fixtures/greetings.jsonl is usable"),
                abortedWithReason(
                    message(
                        "not checked: the suite stopped on a problem of its recordings before it"
                            + " read the dataset: "
                            + corrupt))))
        // the claims cannot be judged without the recordings: they fail, never pass
        .haveExactly(
            1,
            event(
                test("criterion:at-least(pass-all-rate)@challenger"),
                finishedWithFailure(message(corrupt))));
  }

  /** An IDE reruns the failed test by its unique id: it resolves again, once. */
  @Test
  void theRecordingsTestResolvesAloneByItsUniqueId() {
    EngineExecutionResults results =
        run(
            selectUniqueId(
                "[engine:evalgate]/[class:"
                    + HttpSuites.Drill.class.getName()
                    + "]/[suite:drill]/[recordings:files]"));

    assertThat(results.testEvents().started().count()).as("tests started").isEqualTo(1);
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(test("recordings:files"), finishedWithFailure(message(corrupt))));
  }
}

package dev.evalgate.engine.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.engine;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.SameNameSuites;
import dev.evalgate.engine.report.SuiteSources;
import dev.evalgate.engine.report.summary.ReportReader;
import java.nio.file.Path;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Drill: suites whose names give one report folder would overwrite each other's reports. In one
 * discovery, the first keeps the folder and runs; each later one fails its definition test naming
 * both, and the other suites run.
 */
class SameNameDrillTest {
  @TempDir Path dir;

  EngineTestKit.Builder kit() {
    return kit(
        selectClass(SameNameSuites.First.class),
        selectClass(SameNameSuites.Second.class),
        selectClass(SameNameSuites.FromFile.class));
  }

  EngineTestKit.Builder kit(DiscoverySelector... selectors) {
    return EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.OUTPUT_DIR, dir.resolve("evalgate").toString())
        .configurationParameter(Constants.RECORDING_DIR, dir.resolve("rec").toString())
        .configurationParameter(Constants.ALLURE_ENABLED, "false")
        .selectors(selectors);
  }

  /** Every test passed, the gate of {@code type}'s suite among them. */
  static void allPassedWithTheGateOf(EngineExecutionResults results, Class<?> type) {
    assertThat(results.testEvents().failed().count()).as("failed tests").isZero();
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(test(type.getName()), test("gate:"), finishedSuccessfully()));
  }

  String taken(String where) {
    return where
        + ": suite 'twin' writes its reports to "
        + dir.resolve("evalgate").resolve("twin")
        + "/ and its recordings to "
        + dir.resolve("rec").resolve("twin")
        + "/, as suite 'twin' of @SuiteDefinition method "
        + SameNameSuites.First.class.getName()
        + ".twin() does, so one would overwrite the other's report; give each suite its own"
        + " name (until then only the first runs)";
  }

  @Test
  void aSecondSuiteOfTheSameNameFailsItsDefinitionNamingBothAndTheFirstRuns() throws Exception {
    String fromClass =
        taken("@SuiteDefinition method " + SameNameSuites.Second.class.getName() + ".twin()");
    String fromFile =
        taken(
            "fixtures/suites/twin.yaml:2 (@EvalSuite on "
                + SameNameSuites.FromFile.class.getName()
                + ")");

    assertThat(kit().discover().getDiscoveryIssues())
        .extracting(DiscoveryIssue::severity, DiscoveryIssue::message)
        .contains(
            Tuple.tuple(DiscoveryIssue.Severity.WARNING, fromClass),
            Tuple.tuple(DiscoveryIssue.Severity.WARNING, fromFile));
    EngineExecutionResults results = kit().execute();

    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test(SameNameSuites.Second.class.getName()),
                test("definition:problem"),
                finishedWithFailure(message(fromClass))))
        .haveExactly(
            1,
            event(
                test(SameNameSuites.FromFile.class.getName()),
                test("definition:problem"),
                finishedWithFailure(message(fromFile))))
        .haveExactly(
            1,
            event(
                test(SameNameSuites.First.class.getName()), test("gate:"), finishedSuccessfully()));
    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(1, event(engine(), finishedSuccessfully()));
    assertThat(
            ReportReader.read(dir.resolve("evalgate").resolve("twin").resolve("report.json"))
                .evaluation()
                .variants()
                .get(0)
                .variant())
        .as("the report is the first suite's, whose control is 'formal'")
        .isEqualTo("formal");
    assertThat(SuiteSources.read(dir.resolve("evalgate").resolve("twin")))
        .extracting(SuiteSources.Entry::source)
        .as("what evalgate:check reads to see a clash across test JVMs")
        .containsExactly(
            "@SuiteDefinition method " + SameNameSuites.First.class.getName() + ".twin()");
  }

  /** An IDE reruns the failed definition test by its unique id: alone, the suite runs. */
  @Test
  void theDefinitionTestRerunAloneRunsTheSuite() {
    EngineExecutionResults results =
        kit(selectUniqueId(
                "[engine:evalgate]/[class:"
                    + SameNameSuites.Second.class.getName()
                    + "]/[suite:twin]/[definition:problem]"))
            .execute();

    allPassedWithTheGateOf(results, SameNameSuites.Second.class);
  }

  /** Each discovery is its own: a suite that runs alone keeps its name. */
  @Test
  void aSuiteDiscoveredAloneRunsUnderItsName() {
    allPassedWithTheGateOf(
        kit(selectClass(SameNameSuites.Second.class)).execute(), SameNameSuites.Second.class);
  }
}

package dev.evalgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.evalgate.engine.baseline.ChampionComparison;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.GreetingSuites;
import dev.evalgate.engine.gate.Decision;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Baseline mode: challengers compared with a stored champion run instead of a live control. */
class BaselineTest {
  @TempDir Path output;

  EngineExecutionResults run(String outputDir, String baseline, DiscoverySelector selector) {
    var kit =
        EngineTestKit.engine(Constants.ENGINE_ID)
            .configurationParameter(Constants.OUTPUT_DIR, output.resolve(outputDir).toString())
            .configurationParameter(Constants.ALLURE_ENABLED, "false");
    if (baseline != null) {
      kit = kit.configurationParameter(Constants.BASELINE, baseline);
    }
    return kit.selectors(selector).execute();
  }

  @Test
  void aChallengerIsJudgedAgainstTheChampionsStoredAnswers() throws Exception {
    run("champion", null, selectClass(GreetingSuites.Polite.class));
    Path champion = output.resolve("champion").resolve("greetings").resolve("report.json");

    EngineExecutionResults results =
        run("challenge", champion.toString(), selectClass(GreetingSuites.Rude.class));

    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("criterion:at-least(pass-rate(exact))@rude"),
                finishedWithFailure(
                    message(
                        "rude exact pass rate is 0.0% (95% CI [0.0, 60.2]), but expected minimum is"
                            + " 90.0% (n=4)"))))
        .haveExactly(
            1,
            event(
                test("baseline:champion"),
                displayName("baseline: " + champion + " is usable"),
                finishedSuccessfully()));
    RunReport report =
        ReportReader.read(
            output.resolve("challenge").resolve("rude-greetings").resolve("report.json"));
    var control = report.evaluation().variants().get(0);
    assertThat(control.variant()).isEqualTo("formal");
    assertThat(control.recorded()).as("answered from the baseline").isEqualTo(4);
    assertThat(control.checks().get("exact").rate()).isEqualTo(1.0);
  }

  @Test
  void aBaselineFromAnotherDatasetIsRefused() throws Exception {
    run("champion", null, selectClass(GreetingSuites.Polite.class));
    Path champion = output.resolve("champion").resolve("greetings").resolve("report.json");

    EngineExecutionResults results =
        run("other", champion.toString(), selectClass(GreetingSuites.BrokenRows.class));

    String championSha = ReportReader.read(champion).dataset().sha256();
    String refused =
        failureOf(results, "baseline:champion", "baseline: " + champion + " is usable");
    assertThat(refused)
        .startsWith(
            "baseline "
                + champion
                + " was recorded on dataset sha256 "
                + championSha
                + " but this run uses ")
        .endsWith("; record a new baseline on this dataset");
    // the dataset is not to blame: its test says why it was not checked instead of failing
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("dataset:rows"),
                abortedWithReason(
                    message(
                        "not checked: the suite stopped on a problem of its baseline before it"
                            + " read the dataset: "
                            + refused))));
  }

  /** The failure message of the one test with this unique-id tail and display name. */
  static String failureOf(EngineExecutionResults results, String idTail, String displayName) {
    var events =
        results
            .testEvents()
            .failed()
            .filter(
                e ->
                    e.getTestDescriptor().getUniqueId().toString().endsWith("/[" + idTail + "]")
                        && e.getTestDescriptor().getDisplayName().equals(displayName))
            .toList();
    assertThat(events).as("failed tests " + idTail + " named '" + displayName + "'").hasSize(1);
    return events
        .get(0)
        .getPayload(org.junit.platform.engine.TestExecutionResult.class)
        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
        .map(Throwable::getMessage)
        .orElseThrow();
  }

  @Test
  void aFinishedRunIsJudgedAgainstTheChampionsStoredOutcomesInsteadOfItsOwnControl()
      throws Exception {
    run("champion", null, selectClass(GreetingSuites.Mediocre.class));
    run("current", null, selectClass(GreetingSuites.Rude.class));
    Path champion = output.resolve("champion").resolve("mediocre-greetings").resolve("report.json");
    Path current = output.resolve("current").resolve("rude-greetings").resolve("report.json");

    ChampionComparison.Result compared = ChampionComparison.compare(current, champion);

    assertThat(compared.champion())
        .as("the challenger the champion run promoted")
        .isEqualTo("casual");
    assertThat(compared.championSuite()).isEqualTo("mediocre-greetings");
    assertThat(compared.plan().control().name()).isEqualTo("formal");
    assertThat(compared.plan().checks()).containsExactly("exact");
    double championRate =
        ReportReader.read(champion)
            .evaluation()
            .variant("casual")
            .orElseThrow()
            .checks()
            .get("exact")
            .rate();
    double ownControlRate =
        ReportReader.read(current)
            .evaluation()
            .variant("formal")
            .orElseThrow()
            .checks()
            .get("exact")
            .rate();
    assertThat(ownControlRate).isEqualTo(1.0);
    assertThat(compared.evaluation().variant("formal").orElseThrow().checks().get("exact").rate())
        .as("the control's place taken by the champion's stored outcomes")
        .isEqualTo(championRate)
        .isLessThan(1.0);
    assertThat(compared.evaluation().comparison("rude").orElseThrow().pairs()).isEqualTo(4);
    assertThat(compared.gate().verdict("rude").orElseThrow().decision()).isEqualTo(Decision.REJECT);
  }
}

package dev.evalgate.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalgate.engine.report.SuiteSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportGateTest {
  static final Path REPORTS = Path.of("src", "test", "resources", "reports");

  @Test
  void collectsTheSuiteVerdictEveryViolatedRuleAndEveryRuleThatHolds() throws IOException {
    ReportGate gate =
        new ReportGate(
            List.of(
                new Rule("at-most", "over-refusal-rate", "20%", null),
                new Rule("at-least", "pass-rate(refusal)", "95%", "challenger")),
            "fail");

    ReportGate.Outcome outcome = gate.check(ReportGate.findReports(REPORTS));

    assertThat(outcome.reports()).isEqualTo(1);
    assertThat(outcome.violations())
        .containsExactly(
            "Gate failed for suite budget-migration: REJECT challenger: 2 of 3 criteria violated;"
                + " challenger schema pass rate 71.5% is not non-inferior to control 100.0% (Δ"
                + " -28.5 pp, 95% CI [-35.1, -22.4], margin -2.0 pp, n=200)",
            "Rule violated for suite budget-migration: challenger refusal pass rate is 87.0%"
                // judged in a family of two (the rule and the suite's): exact bounds at its levels
                + " (96.2% CI [81.5, 91.8]), but expected minimum is 95.0% (n=200)");
    assertThat(outcome.summaries())
        .as("the verdicts, not the table the suite printed already")
        .containsExactly(
            "EvalGate budget-migration: REJECT challenger: 2 of 3 criteria violated; challenger"
                + " schema pass rate 71.5% is not non-inferior to control 100.0% (Δ -28.5 pp, 95%"
                + " CI [-35.1, -22.4], margin -2.0 pp, n=200)");
    assertThat(outcome.holding())
        .containsExactly(
            "Rule holds for suite budget-migration: challenger over-refusal rate is 13.0% "
                + "(95% CI [8.7, 18.5]), within the maximum of 20.0% (n=200)");
  }

  @Test
  void aTrafficSplitIsFoundWhereNoRunReportIs(@TempDir Path dir) throws IOException {
    Path suite = Files.createDirectories(dir.resolve("support-split"));
    Files.writeString(suite.resolve("split.json"), "{}");

    assertThat(ReportGate.findReports(dir)).isEmpty();
    assertThat(ReportGate.findSplits(dir)).containsExactly(suite.resolve("split.json"));
    assertThat(ReportGate.onlySplits(dir, 1))
        .isEqualTo(
            "EvalGate check: no run report (report.json) under "
                + dir
                + ", only 1 traffic split (split.json), whose verdicts it judges; no POM rule,"
                + " baseline or decision.json for them (a split is observational: promote on a"
                + " paired replay)");
  }

  /**
   * A split that REJECTs fails the check even when its own test's failure was ignored; one that is
   * INCONCLUSIVE follows the inconclusive policy.
   */
  @Test
  void aTrafficSplitsVerdictsAreJudgedLikeARunsVerdicts(@TempDir Path dir) throws IOException {
    Path rejected = Files.createDirectories(dir.resolve("support-split")).resolve("split.json");
    Files.writeString(
        rejected,
        """
        {"format": "evalgate-split-report/v1", "suite": "support-split",
         "gate": {"criteria": [], "verdicts": [{"challenger": "challenger", "control": "control",
           "decision": "REJECT", "message": "REJECT challenger: 1 of 4 criteria violated"}]}}
        """);
    Path undecided = Files.createDirectories(dir.resolve("other-split")).resolve("split.json");
    Files.writeString(
        undecided,
        """
        {"format": "evalgate-split-report/v1", "suite": "other-split",
         "gate": {"criteria": [], "verdicts": [{"challenger": "b", "control": "a",
           "decision": "INCONCLUSIVE", "message": "INCONCLUSIVE b: 1 of 1 criteria undecided"}]}}
        """);
    ReportGate gate = new ReportGate(List.of(), "warn");
    ReportGate.Outcome outcome = gate.check(List.of());

    gate.checkSplits(List.of(rejected, undecided), outcome);

    assertThat(outcome.violations())
        .containsExactly(
            "Gate failed for traffic split support-split: REJECT challenger: 1 of 4 criteria"
                + " violated");
    assertThat(outcome.warnings())
        .containsExactly(
            "Gate failed for traffic split other-split: INCONCLUSIVE b: 1 of 1 criteria undecided");
  }

  @Test
  void aRuleWhoseLimitIsInsideItsIntervalIsUndecidedNotViolated() throws IOException {
    // the challenger's refusal pass rate is 87.0%, its interval about [81.5, 91.8]: 85% is inside
    ReportGate gate =
        new ReportGate(
            List.of(new Rule("at-least", "pass-rate(refusal)", "85%", "challenger")), "warn");

    ReportGate.Outcome outcome = gate.check(ReportGate.findReports(REPORTS));

    assertThat(outcome.warnings())
        .singleElement()
        .asString()
        .startsWith(
            "Rule undecided for suite budget-migration: challenger refusal pass rate is 87.0%");
    assertThat(outcome.violations()).noneMatch(v -> v.startsWith("Rule "));
  }

  @Test
  void aSwitchThatIsNeitherTrueNorFalseIsRefusedNotReadAsFalse() {
    assertThat(ReportGate.flag("haltOnFailure", "true")).isTrue();
    assertThat(ReportGate.flag("haltOnFailure", "FALSE")).isFalse();
    assertThatThrownBy(() -> ReportGate.flag("haltOnFailure", "ture"))
        .hasMessage("haltOnFailure must be true or false, but was 'ture'");
    assertThatThrownBy(() -> ReportGate.flag("failIfNoReports", ""))
        .hasMessage("failIfNoReports must be true or false, but was ''");
  }

  @Test
  void invalidRulesAreRejectedWithTheirNumber() {
    assertThatThrownBy(
            () ->
                new ReportGate(
                    List.of(
                        new Rule("at-most", "latency-p95", "2500ms", null),
                        new Rule("at-most", "latency-p96", "1s", null)),
                    "fail"))
        .hasMessageStartingWith(
            "rule #2 (at-most: { metric: latency-p96, limit: 1s }): unknown metric 'latency-p96';"
                + " expected one of:");
    assertThatThrownBy(
            () -> new ReportGate(List.of(new Rule("at-most", "latency-p95", "soon", null)), "fail"))
        .hasMessage(
            "rule #1 (at-most: { metric: latency-p95, limit: soon }): 'soon' is not a limit;"
                + " expected a number, optionally with a unit: 2pp, 3%, 2500ms, 2.5s, $0.50, 0.8");
    assertThatThrownBy(
            () -> new ReportGate(List.of(new Rule("at-most", "latency-p95", "5pp", null)), "fail"))
        .hasMessage(
            "rule #1 (at-most: { metric: latency-p95, limit: 5pp }): '5pp' is in percentage"
                + " points, but latency-p95 is a time; expected a limit such as 2500ms or 2.5s");
    assertThatThrownBy(() -> new ReportGate(List.of(), "maybe"))
        .hasMessage("inconclusive must be fail, warn or pass, but was 'maybe'");
  }

  @Test
  void anUnreadableReportIsNamed(@TempDir Path dir) throws IOException {
    Path broken = Files.createDirectories(dir.resolve("s")).resolve("report.json");
    Files.writeString(broken, "{\"format\": \"something-else/v9\"}");

    assertThatThrownBy(() -> new ReportGate(List.of(), "fail").check(List.of(broken)))
        .isInstanceOf(IOException.class)
        .hasMessage(
            broken
                + ": unsupported report format 'something-else/v9'; expected"
                + " evalgate-run-report/v1");
  }

  @Test
  void aPassingCheckWritesTheDecisionOfAPromotingReportAndAFailingOneRemovesIt(@TempDir Path dir)
      throws IOException {
    Path folder = Files.createDirectories(dir.resolve("support-migration"));
    Path report = folder.resolve("report.json");
    Files.copy(
        Path.of("src", "it", "passing-gate", "reports", "support-migration", "report.json"),
        report);

    List<String> lines = ReportGate.writeDecisions(List.of(report), true);

    Path decision = folder.resolve("decision.json");
    assertThat(lines)
        .containsExactly(
            "EvalGate decision for suite support-migration: promote challenger (openai/"
                + "gpt-4.1-mini, prompt support-v3) over control: "
                + decision);
    assertThat(Files.readString(decision)).contains("\"verdict\" : \"PROMOTE\"");

    assertThat(ReportGate.writeDecisions(List.of(report), false)).isEmpty();
    assertThat(decision).doesNotExist();
  }

  @Test
  void aReportThatPromotesNothingHasNoDecision(@TempDir Path dir) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("budget-migration"));
    Path report = folder.resolve("report.json");
    Files.copy(REPORTS.resolve("budget-migration").resolve("report.json"), report);
    Files.writeString(folder.resolve("decision.json"), "{}");

    assertThat(ReportGate.writeDecisions(List.of(report), true)).isEmpty();
    assertThat(folder.resolve("decision.json")).doesNotExist();
  }

  @Test
  void aReportWrittenBeforeTheBuildStartedIsStaleAndSaysWhy(@TempDir Path dir) throws IOException {
    Path earlier = Files.createDirectories(dir.resolve("support-bot")).resolve("report.json");
    Path fresh = Files.createDirectories(dir.resolve("budget-migration")).resolve("report.json");
    Files.writeString(earlier, "{}");
    Files.writeString(fresh, "{}");
    Instant started = Instant.parse("2026-12-07T15:54:02.700Z");
    Files.setLastModifiedTime(earlier, FileTime.from(Instant.parse("2026-12-07T15:43:10.500Z")));
    // written in the second the build started: its own (file times may be whole seconds)
    Files.setLastModifiedTime(fresh, FileTime.from(Instant.parse("2026-12-07T15:54:02.100Z")));

    assertThat(ReportGate.writtenBefore(List.of(earlier, fresh), started)).containsExactly(earlier);
    assertThat(ReportGate.stale(earlier, started))
        .isEqualTo(
            "Stale EvalGate report: "
                + earlier
                + " was written at 2026-12-07T15:43:10Z, before this build started"
                + " (2026-12-07T15:54:02Z): suite support-bot did not run in this build (its class"
                + " was not run, its definition failed, or only some of its cases were selected, as"
                + " -Dtest='Class#case' does, which writes no report), so its verdict is no"
                + " evidence of this build; make it run, or delete the folder (mvn clean verify)");
  }

  /**
   * Suites of one name in separate test JVMs (Surefire forks) cannot see each other: each notes its
   * source in the folder, and the check, which knows when the build started, fails on two.
   */
  @Test
  void aFolderTwoSuiteSourcesWroteInThisBuildIsAClash(@TempDir Path dir) throws IOException {
    Instant started = Instant.parse("2026-12-07T15:54:02.700Z");
    Path twin = Files.createDirectories(dir.resolve("twin"));
    Path renamed = Files.createDirectories(dir.resolve("renamed"));
    Files.writeString(twin.resolve("report.json"), "{}");
    Files.writeString(renamed.resolve("report.json"), "{}");
    String a = "@SuiteDefinition method com.acme.AEval.twin()";
    String b = "evals/twin.yaml (@EvalSuite on com.acme.BEval)";
    SuiteSources.append(twin, a, Instant.parse("2026-12-07T15:55:00Z"));
    SuiteSources.append(twin, b, Instant.parse("2026-12-07T15:55:30Z"));
    SuiteSources.append(twin, b, Instant.parse("2026-12-07T15:55:31Z"));
    // an earlier build's suite of that name, renamed since: not this build's
    SuiteSources.append(renamed, a, Instant.parse("2026-12-07T15:40:00Z"));
    SuiteSources.append(renamed, b, Instant.parse("2026-12-07T15:54:02.200Z"));

    assertThat(
            ReportGate.clashes(
                List.of(twin.resolve("report.json"), renamed.resolve("report.json")), started))
        .containsExactly(
            "Suite name clash: "
                + twin
                + " was written in this build by 2 suites of one name, each run overwriting the"
                + " report of the one before, so only the last one's is judged:"
                + " @SuiteDefinition method com.acme.AEval.twin(); evals/twin.yaml (@EvalSuite on"
                + " com.acme.BEval); give each suite its own name (its suite: line, or"
                + " SuiteSpec.named)");
  }
}

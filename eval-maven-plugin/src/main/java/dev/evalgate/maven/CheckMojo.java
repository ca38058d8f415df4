package dev.evalgate.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.jspecify.annotations.Nullable;

/**
 * Fails (or warns about) the build on EvalGate run reports: each suite's own gate verdicts, plus
 * rules configured here. All violations are printed before the build fails. When nothing is
 * violated, each report whose verdict promotes a challenger gets a {@code decision.json} beside it
 * (a deploy step's input); otherwise none has one.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>dev.evalgate</groupId>
 *   <artifactId>eval-maven-plugin</artifactId>
 *   <executions><execution><goals><goal>check</goal></goals></execution></executions>
 *   <configuration>
 *     <rules>
 *       <rule><kind>at-most</kind><metric>latency-p95</metric><limit>2500ms</limit></rule>
 *     </rules>
 *   </configuration>
 * </plugin>
 * }</pre>
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractMojo {

  /** Skips the check. */
  @Parameter(property = "evalgate.skip", defaultValue = "false")
  boolean skip;

  /** The tests are skipped ({@code -DskipTests}): no suite ran, so there is nothing to check. */
  @Parameter(property = "skipTests", defaultValue = "false")
  boolean skipTests;

  /** The tests are neither compiled nor run ({@code -Dmaven.test.skip}). */
  @Parameter(property = "maven.test.skip", defaultValue = "false")
  boolean mavenTestSkip;

  /** Fails the build on violations; when false they are only warnings. */
  @Parameter(property = "evalgate.haltOnFailure", defaultValue = "true")
  String haltOnFailure = "true";

  /** Fails the build when there is no run report to check. */
  @Parameter(property = "evalgate.failIfNoReports", defaultValue = "true")
  String failIfNoReports = "true";

  /** Where the engine wrote its reports ({@code evalgate.output.dir}). */
  @Parameter(
      property = "evalgate.resultsDirectory",
      defaultValue = "${project.build.directory}/evalgate")
  File resultsDirectory;

  /** Criteria applied to every report, in addition to the suites' own. */
  @Parameter List<Rule> rules = new ArrayList<>();

  /**
   * A champion {@code report.json} (with its {@code results.jsonl}); every report's challengers are
   * also judged against it, case by case, with the report's own criteria.
   */
  @Parameter(property = "evalgate.baseline")
  File baseline;

  /** What an INCONCLUSIVE verdict or rule does: fail, warn or pass. */
  @Parameter(property = "evalgate.inconclusive", defaultValue = "fail")
  String inconclusive;

  /** When this build started: a report written before it is not this build's. */
  @Parameter(defaultValue = "${session.request.startTime}", readonly = true)
  @Nullable Date buildStarted;

  /** The phase this execution is bound to; none when the goal is run alone (evalgate:check). */
  @Parameter(defaultValue = "${mojoExecution.lifecyclePhase}", readonly = true)
  @Nullable String phase;

  /** The project's plugins, Surefire's and Failsafe's among them when it runs tests. */
  @Parameter(defaultValue = "${project.build.plugins}", readonly = true)
  List<Plugin> buildPlugins = new ArrayList<>();

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping EvalGate check (evalgate.skip)");
      return;
    }
    if (skipTests || mavenTestSkip) {
      getLog()
          .info(
              "Skipping EvalGate check: the tests are skipped ("
                  + (skipTests ? "skipTests" : "maven.test.skip")
                  + "), so no suite ran");
      return;
    }
    ReportGate gate;
    boolean halt;
    boolean failWithoutReports;
    try {
      halt = ReportGate.flag("haltOnFailure", haltOnFailure);
      failWithoutReports = ReportGate.flag("failIfNoReports", failIfNoReports);
      gate = new ReportGate(rules, inconclusive, baseline == null ? null : baseline.toPath());
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("Invalid EvalGate configuration: " + e.getMessage(), e);
    }
    Path directory = resultsDirectory.toPath();
    List<Path> reports;
    try {
      reports = ReportGate.findReports(directory);
    } catch (IOException e) {
      throw new MojoExecutionException(
          "Cannot list EvalGate reports in " + directory + ": " + e.getMessage(), e);
    }
    List<Path> splits;
    try {
      splits = ReportGate.findSplits(directory);
    } catch (IOException e) {
      throw new MojoExecutionException(
          "Cannot list EvalGate reports in " + directory + ": " + e.getMessage(), e);
    }
    // run in a build that ran the tests, a report older than the build is an earlier build's: the
    // suite did not run this time, and its old verdict must not pass the gate
    Instant started = buildStarted == null || !runsTests() ? null : buildStarted.toInstant();
    List<Path> stale;
    try {
      stale =
          started == null
              ? List.of()
              : ReportGate.writtenBefore(
                  Stream.concat(reports.stream(), splits.stream()).toList(), started);
    } catch (IOException e) {
      throw new MojoExecutionException(
          "Cannot read the time of EvalGate reports in " + directory + ": " + e.getMessage(), e);
    }
    List<Path> allReports = reports;
    reports = reports.stream().filter(r -> !stale.contains(r)).toList();
    splits = splits.stream().filter(s -> !stale.contains(s)).toList();
    if (reports.isEmpty() && !splits.isEmpty()) {
      getLog().info(ReportGate.onlySplits(directory, splits.size()));
    }
    if (reports.isEmpty() && splits.isEmpty() && stale.isEmpty()) {
      // the usual cause is a Surefire that ran nothing: say so, and how to make it run the suites
      String message =
          "No EvalGate run report (report.json) under "
              + directory
              + ": no eval suite ran. Pin maven-surefire-plugin 3.x (Maven 3.8's default 2.12.4"
              + " runs no JUnit Platform engine) and name each @EvalSuite class so that Surefire's"
              + " includes match it (the default includes **/*Test.java: SupportBotEvalTest); or"
              + " set failIfNoReports=false";
      if (failWithoutReports) {
        throw new MojoFailureException(message);
      }
      getLog().info("Skipping EvalGate check: no run report under " + directory);
      return;
    }
    ReportGate.Outcome outcome;
    try {
      outcome = gate.check(reports);
      gate.checkSplits(splits, outcome);
      if (started != null) {
        for (Path file : stale) {
          outcome.violations().add(ReportGate.stale(file, started));
        }
        outcome
            .violations()
            .addAll(
                ReportGate.clashes(
                    Stream.concat(allReports.stream(), splits.stream()).toList(), started));
      }
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot check EvalGate reports: " + e.getMessage(), e);
    }
    try {
      // a deploy step reads decision.json: written for a promoted challenger only when the whole
      // check passes, removed otherwise so that an earlier run's decision is never read
      for (String line : ReportGate.writeDecisions(allReports, outcome.violations().isEmpty())) {
        getLog().info(line);
      }
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot write decision.json: " + e.getMessage(), e);
    }
    outcome.summaries().forEach(line -> getLog().info(line));
    outcome.holding().forEach(line -> getLog().info(line));
    outcome.warnings().forEach(line -> getLog().warn(line));
    if (outcome.violations().isEmpty()) {
      getLog()
          .info(
              "All EvalGate gates passed ("
                  + outcome.reports()
                  + (outcome.reports() == 1 ? " report)" : " reports)"));
      return;
    }
    outcome.violations().forEach(line -> getLog().warn(line));
    String summary =
        "EvalGate: "
            + outcome.violations().size()
            + (outcome.violations().size() == 1 ? " violation" : " violations")
            + " in "
            + (outcome.reports() + stale.size())
            + (outcome.reports() + stale.size() == 1 ? " report" : " reports");
    if (halt) {
      throw new MojoFailureException(summary + "; see the lines above");
    }
    getLog().warn(summary + "; not failing the build (haltOnFailure=false)");
  }

  /**
   * Whether this execution follows the tests of this build: bound to a phase (not run alone, as
   * {@code mvn evalgate:check} after another build or on reports gathered from elsewhere), in a
   * project that runs Surefire or Failsafe.
   */
  private boolean runsTests() {
    return phase != null
        && buildPlugins.stream()
            .anyMatch(
                p ->
                    ("maven-surefire-plugin".equals(p.getArtifactId())
                            || "maven-failsafe-plugin".equals(p.getArtifactId()))
                        && !p.getExecutions().isEmpty());
  }
}

package dev.evalgate.maven;

import dev.evalgate.engine.gate.Decision;
import dev.evalgate.engine.gate.Verdict;
import dev.evalgate.engine.report.RunReports;
import dev.evalgate.engine.report.results.ResultsWriter;
import dev.evalgate.engine.report.summary.PromotionDecision;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * "Graduates the winner": when a suite's verdict is PROMOTE, copies its run ({@code report.json}
 * and {@code results.jsonl}) to the baseline folder, where {@code evalgate.baseline} can name it as
 * the new champion, and writes {@code decision.json} (the winner, the figures and the fingerprints;
 * {@link PromotionDecision}) beside the run's report and the champion's. Refuses, changing nothing,
 * when the verdict is not PROMOTE.
 *
 * <pre>{@code mvn verify evalgate:promote -Devalgate.suite=support-migration}</pre>
 */
@Mojo(name = "promote", threadSafe = true)
public class PromoteMojo extends AbstractMojo {

  @Parameter(
      property = "evalgate.resultsDirectory",
      defaultValue = "${project.build.directory}/evalgate")
  File resultsDirectory;

  /** Where champions are kept, one folder per suite. */
  @Parameter(
      property = "evalgate.baselineDirectory",
      defaultValue = "${project.basedir}/src/test/resources/evalgate/champion")
  File baselineDirectory;

  /** The suite to promote; required when the results hold more than one. */
  @Parameter(property = "evalgate.suite")
  String suite;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    List<Path> reports;
    try {
      reports =
          ReportGate.findReports(resultsDirectory.toPath()).stream()
              .filter(p -> !ReportGate.folderName(p).startsWith("shard-"))
              .toList();
    } catch (IOException e) {
      throw new MojoExecutionException(
          "Cannot list EvalGate reports in " + resultsDirectory + ": " + e.getMessage(), e);
    }
    RunReport chosen = null;
    Path chosenFile = null;
    for (Path file : reports) {
      RunReport report;
      try {
        report = ReportReader.read(file);
      } catch (IOException e) {
        throw new MojoExecutionException(e.getMessage(), e);
      }
      if (suite == null || suite.equals(report.suite())) {
        if (chosen != null) {
          throw new MojoExecutionException(
              "Several suites have reports ("
                  + chosen.suite()
                  + ", "
                  + report.suite()
                  + "); name one with -Devalgate.suite=NAME");
        }
        chosen = report;
        chosenFile = file;
      }
    }
    if (chosen == null || chosenFile == null) {
      throw new MojoExecutionException(
          "No EvalGate run report"
              + (suite == null ? "" : " of suite '" + suite + "'")
              + " under "
              + resultsDirectory
              + "; run the suite first");
    }
    Optional<Verdict> promoted =
        chosen.gate().verdicts().stream().filter(v -> v.decision() == Decision.PROMOTE).findFirst();
    if (promoted.isEmpty()) {
      String verdicts =
          String.join("; ", chosen.gate().verdicts().stream().map(Verdict::message).toList());
      throw new MojoFailureException(
          "Suite " + chosen.suite() + " was not promoted, the baseline is unchanged: " + verdicts);
    }
    Path target = baselineDirectory.toPath().resolve(chosen.suite());
    PromotionDecision decision;
    try {
      // beside the run's report and beside the champion's: what a deploy step reads
      decision = PromotionDecision.writeBeside(chosenFile).orElseThrow();
      Files.createDirectories(target);
      Files.copy(
          chosenFile.resolveSibling(PromotionDecision.FILE),
          target.resolve(PromotionDecision.FILE),
          StandardCopyOption.REPLACE_EXISTING);
      Files.copy(
          chosenFile.resolveSibling(ResultsWriter.FILE),
          target.resolve(ResultsWriter.FILE),
          StandardCopyOption.REPLACE_EXISTING);
      Files.copy(
          chosenFile, target.resolve(RunReports.REPORT_JSON), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new MojoExecutionException(
          "Cannot write the baseline in " + target + ": " + e.getMessage(), e);
    }
    getLog()
        .info(
            "Promoted "
                + promoted.get().challenger()
                + " of suite "
                + chosen.suite()
                + ": the new champion is "
                + target.resolve(RunReports.REPORT_JSON)
                + " (use -Devalgate.baseline="
                + target.resolve(RunReports.REPORT_JSON)
                + ")");
    getLog().info(ReportGate.decisionLine(decision, target.resolve(PromotionDecision.FILE)));
  }
}

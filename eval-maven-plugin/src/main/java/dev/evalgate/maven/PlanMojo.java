package dev.evalgate.maven;

import dev.evalgate.api.GateSpec;
import dev.evalgate.engine.gate.SamplePlan;
import dev.evalgate.engine.report.RunReports;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.jspecify.annotations.Nullable;

/**
 * Reads a pilot run's {@code report.json} and prints, per criterion and challenger, about how many
 * cases (each answered as often as in the pilot) would decide it with 80 % power if what the pilot
 * observed were the truth, at the level the gate judges it at on the pilot (the suite's confidence,
 * a later step of Holm's procedure across the challengers, or the criterion's own confidence: the
 * row then says which); a criterion the report has no data for says why. Run it after a small run
 * of the suite: {@code mvn evalgate:plan}.
 */
@Mojo(name = "plan", threadSafe = true)
public class PlanMojo extends AbstractMojo {

  /**
   * Where the suites' reports are ({@code evalgate.output.dir}): every {@code <suite>/report.json}
   * under it is planned.
   */
  @Parameter(
      property = "evalgate.resultsDirectory",
      defaultValue = "${project.build.directory}/evalgate")
  File resultsDirectory;

  /** One pilot's {@code report.json} to plan instead of those under the results directory. */
  @Parameter(property = "evalgate.plan.report")
  @Nullable File report;

  @Override
  public void execute() throws MojoExecutionException {
    List<Path> reports = new ArrayList<>();
    if (report != null) {
      if (!report.isFile()) {
        throw new MojoExecutionException(
            "evalgate.plan.report names " + report + ", which is not a file");
      }
      reports.add(report.toPath());
    } else {
      Path root = resultsDirectory.toPath();
      if (Files.isDirectory(root)) {
        try (Stream<Path> suites = Files.list(root)) {
          suites
              .map(s -> s.resolve(RunReports.REPORT_JSON))
              .filter(Files::isRegularFile)
              .sorted()
              .forEach(reports::add);
        } catch (IOException e) {
          throw new MojoExecutionException(
              "Cannot list "
                  + root
                  + ": "
                  + Objects.requireNonNullElse(e.getMessage(), e.toString()),
              e);
        }
      }
      if (reports.isEmpty()) {
        throw new MojoExecutionException(
            "No EvalGate report under "
                + root
                + " to plan from: run the suite once on a few cases (a pilot), then"
                + " evalgate:plan, or name a report with -Devalgate.plan.report=PATH");
      }
    }
    for (Path file : reports) {
      RunReport pilot;
      try {
        pilot = ReportReader.read(file);
      } catch (IOException e) {
        throw new MojoExecutionException(
            "Cannot read " + file + ": " + Objects.requireNonNullElse(e.getMessage(), e.toString()),
            e);
      }
      lines(pilot, file).forEach(line -> getLog().info(line));
    }
  }

  /** The plan of one report as the build log shows it: a heading, then one line per row. */
  static List<String> lines(RunReport pilot, Path file) {
    GateSpec gate = pilot.policy();
    String control =
        pilot.variants().stream()
            .filter(RunReport.VariantInfo::control)
            .map(RunReport.VariantInfo::name)
            .findFirst()
            .orElse("");
    List<String> challengers =
        pilot.variants().stream()
            .filter(v -> !v.control())
            .map(RunReport.VariantInfo::name)
            .toList();
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.US,
            "EvalGate plan for %s from %s (pilot: %d cases x %d %s; %.0f%% confidence unless a row"
                + " states its own level, 80%% power; counts assume the pilot's rates, discordance"
                + " and spread are the truth):",
            pilot.suite(),
            file,
            pilot.evaluation().cases(),
            pilot.evaluation().repeats(),
            pilot.evaluation().repeats() == 1 ? "repeat" : "repeats",
            gate.confidence() * 100));
    List<SamplePlan.Row> rows = SamplePlan.plan(control, challengers, gate, pilot.evaluation());
    if (rows.isEmpty()) {
      lines.add("  the suite's gate has no criterion to plan for");
    }
    rows.forEach(row -> lines.add("  " + row.text()));
    if (gate.minCases() > 0) {
      lines.add(
          "  and whatever the counts above, the gate's min-cases needs at least "
              + gate.minCases()
              + " paired cases without errors");
    }
    return lines;
  }
}

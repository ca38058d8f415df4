package dev.evalgate.maven;

import dev.evalgate.engine.report.RunReports;
import dev.evalgate.engine.report.merge.ShardMerger;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Combines the reports of a sharded run ({@code -Devalgate.shard=I/N}, one folder {@code
 * <suite>/shard-I-of-N} per shard, e.g. copied from CI matrix jobs) into the report an unsharded
 * run would have written, in {@code <suite>/}. Declare it before {@code check}.
 */
@Mojo(name = "merge", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class MergeMojo extends AbstractMojo {

  @Parameter(property = "evalgate.skip", defaultValue = "false")
  boolean skip;

  /** Where the shards' reports are ({@code evalgate.output.dir}). */
  @Parameter(
      property = "evalgate.resultsDirectory",
      defaultValue = "${project.build.directory}/evalgate")
  File resultsDirectory;

  @Override
  public void execute() throws MojoExecutionException {
    if (skip) {
      getLog().info("Skipping EvalGate merge (evalgate.skip)");
      return;
    }
    Path root = resultsDirectory.toPath();
    if (!Files.isDirectory(root)) {
      getLog().info("No EvalGate results under " + root + "; nothing to merge");
      return;
    }
    try (Stream<Path> suites = Files.list(root)) {
      for (Path suite : suites.filter(Files::isDirectory).sorted().toList()) {
        List<Path> shards = new ArrayList<>();
        try (Stream<Path> children = Files.list(suite)) {
          children
              .filter(c -> c.getFileName().toString().matches("shard-\\d+-of-\\d+"))
              .map(c -> c.resolve(RunReports.REPORT_JSON))
              .filter(Files::isRegularFile)
              .sorted()
              .forEach(shards::add);
        }
        if (shards.isEmpty()) {
          continue;
        }
        RunReports.Written merged = ShardMerger.merge(shards, suite);
        getLog()
            .info(
                "Merged "
                    + shards.size()
                    + " shards of "
                    + merged.report().suite()
                    + " into "
                    + suite.resolve(RunReports.REPORT_JSON));
        merged.console().lines().forEach(line -> getLog().info(line));
      }
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot merge EvalGate shards: " + e.getMessage(), e);
    }
  }
}

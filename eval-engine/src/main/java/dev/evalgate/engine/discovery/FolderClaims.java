package dev.evalgate.engine.discovery;

import dev.evalgate.api.SuiteSpec;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.descriptor.CaseDescriptor;
import dev.evalgate.engine.descriptor.DefinitionDescriptor;
import dev.evalgate.engine.descriptor.LoadedSuite;
import dev.evalgate.engine.descriptor.SuiteClassDescriptor;
import dev.evalgate.engine.descriptor.SuiteDescriptor;
import dev.evalgate.engine.recording.RecordingStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestDescriptor;

/**
 * One report folder per suite in a discovery. A suite's reports go to {@code <output dir>/<name>}
 * (and its recordings to the recordings folder of that name), so two suites whose names give one
 * folder would overwrite each other's reports. The first suite of the tree to write its folder
 * keeps it; each later one becomes a broken suite whose definition test fails naming both, and the
 * other suites run. Suites that only run selected cases write no report and claim nothing.
 */
final class FolderClaims {
  private final EngineConfiguration config;
  private final SuiteCatalog catalog;
  private final Consumer<DiscoveryIssue> issues;
  private final Map<String, Claim> folders = new HashMap<>();

  /** A suite that writes a report folder: its name and where that name is written. */
  private record Claim(String name, String where) {}

  FolderClaims(EngineConfiguration config, SuiteCatalog catalog, Consumer<DiscoveryIssue> issues) {
    this.config = config;
    this.catalog = catalog;
    this.issues = issues;
  }

  /** Claims the folders of the tree's suites in tree order, breaking every later claimant. */
  void apply(TestDescriptor engineDescriptor) {
    for (TestDescriptor child : List.copyOf(engineDescriptor.getChildren())) {
      if (child instanceof SuiteClassDescriptor suiteClass) {
        for (TestDescriptor suite : List.copyOf(suiteClass.getChildren())) {
          if (suite instanceof SuiteDescriptor descriptor && writesReports(descriptor)) {
            claim(suiteClass, descriptor);
          }
        }
      }
    }
  }

  private static boolean writesReports(SuiteDescriptor suite) {
    return suite.suite().runnable()
        && suite.getChildren().stream().anyMatch(c -> !(c instanceof CaseDescriptor));
  }

  private void claim(SuiteClassDescriptor suiteClass, SuiteDescriptor descriptor) {
    LoadedSuite suite = descriptor.suite();
    SuiteSpec spec = Objects.requireNonNull(suite.spec(), "a runnable suite's spec");
    String folder = RecordingStore.slug(spec.name());
    String where = catalog.nameWhere(suiteClass.testClass(), suite);
    Claim first = folders.putIfAbsent(folder, new Claim(spec.name(), where));
    if (first == null) {
      return;
    }
    String problem =
        where
            + ": suite '"
            + spec.name()
            + "' writes its reports to "
            + display(config.outputDir().resolve(folder))
            + "/ and its recordings to "
            + display(config.recordingDir().resolve(folder))
            + "/, as suite '"
            + first.name()
            + "' of "
            + first.where()
            + " does, so one would overwrite the other's report; give each suite its own name"
            + " (until then only the first runs)";
    LoadedSuite broken =
        new LoadedSuite(
            suite.key(), suite.displayName(), spec, problem, suite.source(), suite.baseDir(), null);
    SuiteDescriptor replaced = new SuiteDescriptor(descriptor.getUniqueId(), broken);
    replaced.addChild(
        new DefinitionDescriptor(
            descriptor.getUniqueId().append(DefinitionDescriptor.SEGMENT, DefinitionDescriptor.KEY),
            problem,
            catalog.nameSource(suite)));
    suiteClass.removeChild(descriptor);
    suiteClass.addChild(replaced);
    issues.accept(
        DiscoveryIssue.builder(DiscoveryIssue.Severity.WARNING, problem)
            .source(catalog.nameSource(suite))
            .build());
  }

  private static String display(Path path) {
    return path.toString().replace('\\', '/');
  }
}

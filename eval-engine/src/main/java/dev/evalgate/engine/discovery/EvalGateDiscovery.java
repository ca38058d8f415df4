package dev.evalgate.engine.discovery;

import dev.evalgate.api.CriterionSpec;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.config.Settings;
import dev.evalgate.engine.config.VariantSettings;
import dev.evalgate.engine.descriptor.EvalGateEngineDescriptor;
import dev.evalgate.engine.descriptor.SuiteClassDescriptor;
import dev.evalgate.engine.io.ResourceLoader;
import dev.evalgate.engine.suite.CheckFactory;
import dev.evalgate.engine.suite.SuiteFileLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;

/** Builds the test tree for a discovery request. */
public final class EvalGateDiscovery {
  private final CheckFactory checks;
  private final Consumer<CriterionSpec> criterionValidator;

  public EvalGateDiscovery(CheckFactory checks, Consumer<CriterionSpec> criterionValidator) {
    this.checks = checks;
    this.criterionValidator = criterionValidator;
  }

  /**
   * Reads the configuration (once: execution takes it from the returned root) and builds the tree.
   * Invalid values and unknown keys are warnings, reported when the request found a suite; an
   * invalid redaction rule is an error, reported always, which the platform reports as the engine
   * failing, so none of its tests runs.
   */
  public EvalGateEngineDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
    Settings settings =
        Settings.of(
            request.getConfigurationParameters()::get,
            request.getConfigurationParameters()::keySet);
    EngineConfiguration config = EngineConfiguration.from(settings);
    EvalGateEngineDescriptor engineDescriptor = new EvalGateEngineDescriptor(uniqueId, config);
    settings
        .errors()
        .forEach(
            e ->
                request
                    .getDiscoveryListener()
                    .issueEncountered(
                        uniqueId, DiscoveryIssue.create(DiscoveryIssue.Severity.ERROR, e)));
    List<SuiteCatalog> catalogs = new ArrayList<>();
    EngineDiscoveryRequestResolver.<TestDescriptor>builder()
        .addClassContainerSelectorResolver(SuiteCatalog::isSuiteClass)
        .addSelectorResolver(
            context -> {
              Consumer<DiscoveryIssue> issues = context.getIssueReporter()::reportIssue;
              ClassLoader loader = classLoader();
              ResourceLoader resources = new ResourceLoader(loader);
              SuiteCatalog catalog =
                  new SuiteCatalog(
                      new SuiteFileLoader(checks, criterionValidator, resources),
                      resources,
                      config.datasetValidate(),
                      issues,
                      config,
                      System::getenv);
              catalogs.add(catalog);
              return new SuiteSelectorResolver(
                  catalog,
                  context.getClassNameFilter(),
                  new SuiteClassScanner(loader),
                  issues,
                  MethodPatterns.fromSystemProperties());
            })
        .build()
        .resolve(request, engineDescriptor);
    for (SuiteCatalog catalog : catalogs) {
      new FolderClaims(
              config,
              catalog,
              issue -> request.getDiscoveryListener().issueEncountered(uniqueId, issue))
          .apply(engineDescriptor);
    }
    if (!engineDescriptor.getChildren().isEmpty()) {
      // Only a discovery that found a suite warns about settings: Maven Surefire discovers each
      // test class of a project on its own before running it, so a warning in every discovery
      // would be repeated for every JUnit test class, suite or not. (An error is reported in every
      // discovery: it stops the run.)
      settings
          .warnings()
          .forEach(
              w ->
                  request
                      .getDiscoveryListener()
                      .issueEncountered(
                          uniqueId, DiscoveryIssue.create(DiscoveryIssue.Severity.WARNING, w)));
    }
    for (String problem : unknownVariants(config, engineDescriptor)) {
      request
          .getDiscoveryListener()
          .issueEncountered(
              engineDescriptor.getUniqueId(),
              DiscoveryIssue.create(DiscoveryIssue.Severity.WARNING, problem));
    }
    return engineDescriptor;
  }

  /**
   * Overrides ({@code evalgate.variant.NAME.KEY}) for a variant that no discovered suite declares:
   * a misspelt name would otherwise change nothing, silently.
   */
  static List<String> unknownVariants(EngineConfiguration config, TestDescriptor engineDescriptor) {
    Set<String> variants = new TreeSet<>();
    for (TestDescriptor descriptor : engineDescriptor.getDescendants()) {
      if (descriptor instanceof SuiteClassDescriptor suiteClass) {
        suiteClass.suites().stream()
            .filter(s -> s.spec() != null)
            .forEach(s -> s.spec().variants().forEach(v -> variants.add(v.name())));
      }
    }
    if (variants.isEmpty()) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    for (VariantSettings overrides : config.variants().values()) {
      if (!variants.contains(overrides.variant())) {
        problems.add(
            "Configuration parameter '"
                + overrides.keys().get(0)
                + "' overrides variant '"
                + overrides.variant()
                + "', which no discovered suite declares, so it changes nothing; expected one of: "
                + String.join(", ", variants));
      }
    }
    return problems;
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : EvalGateDiscovery.class.getClassLoader();
  }
}

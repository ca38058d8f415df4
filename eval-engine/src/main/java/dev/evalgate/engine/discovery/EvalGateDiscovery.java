package dev.evalgate.engine.discovery;

import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.config.Settings;
import dev.evalgate.engine.suite.CheckFactory;
import dev.evalgate.engine.io.ResourceLoader;
import dev.evalgate.engine.suite.SuiteFileLoader;
import dev.evalgate.api.CriterionSpec;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.descriptor.SuiteClassDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;

/** Builds the test tree for a discovery request. */
public final class EvalGateDiscovery {
  private final CheckFactory checks;
  private final Consumer<CriterionSpec> criterionValidator;

  public EvalGateDiscovery(CheckFactory checks, Consumer<CriterionSpec> criterionValidator) {
    this.checks = checks;
    this.criterionValidator = criterionValidator;
  }

  public void discover(EngineDiscoveryRequest request, TestDescriptor engineDescriptor) {
    Settings settings = Settings.of(request.getConfigurationParameters()::get, request.getConfigurationParameters()::keySet);
    EngineDiscoveryRequestResolver.<TestDescriptor>builder()
        .addClassContainerSelectorResolver(SuiteCatalog::isSuiteClass)
        .addSelectorResolver(context -> {
          Consumer<DiscoveryIssue> issues = context.getIssueReporter()::reportIssue;
          ClassLoader loader = classLoader();
          ResourceLoader resources = new ResourceLoader(loader);
          boolean validate = EngineConfiguration.from(settings).datasetValidate();
          settings.warnings().forEach(w -> issues.accept(DiscoveryIssue.create(DiscoveryIssue.Severity.WARNING, w)));
          // an error is critical: the platform reports the engine as failed and runs none of its tests
          settings.errors().forEach(e -> issues.accept(DiscoveryIssue.create(DiscoveryIssue.Severity.ERROR, e)));
          SuiteCatalog catalog = new SuiteCatalog(new SuiteFileLoader(checks, criterionValidator, resources), resources,
              validate, issues, settings, System::getenv);
          return new SuiteSelectorResolver(catalog, context.getClassNameFilter(), new SuiteClassScanner(loader), issues);
        })
        .build()
        .resolve(request, engineDescriptor);
    for (String problem : unknownVariants(settings, engineDescriptor)) {
      request.getDiscoveryListener().issueEncountered(engineDescriptor.getUniqueId(),
          DiscoveryIssue.create(DiscoveryIssue.Severity.WARNING, problem));
    }
  }

  /**
   * Overrides ({@code evalgate.variant.NAME.KEY}) for a variant that no discovered suite declares:
   * a misspelt name would otherwise change nothing, silently.
   */
  static List<String> unknownVariants(Settings settings, TestDescriptor engineDescriptor) {
    Set<String> variants = new TreeSet<>();
    for (TestDescriptor descriptor : engineDescriptor.getDescendants()) {
      if (descriptor instanceof SuiteClassDescriptor suiteClass) {
        suiteClass.suites().stream().filter(s -> s.spec() != null)
            .forEach(s -> s.spec().variants().forEach(v -> variants.add(v.name())));
      }
    }
    if (variants.isEmpty()) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    Set<String> named = new TreeSet<>();
    for (String key : settings.keysWithPrefix(Constants.VARIANT_PREFIX)) {
      String rest = key.substring(Constants.VARIANT_PREFIX.length());
      if (variants.stream().noneMatch(v -> rest.startsWith(v + "."))) {
        String name = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
        if (named.add(name)) {
          problems.add("Configuration parameter '" + key + "' overrides variant '" + name + "', which no discovered suite"
              + " declares, so it changes nothing; expected one of: " + String.join(", ", variants));
        }
      }
    }
    return problems;
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : EvalGateDiscovery.class.getClassLoader();
  }
}

package dev.evalgate.engine.discovery;

import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.config.Settings;
import dev.evalgate.engine.suite.CheckFactory;
import dev.evalgate.engine.suite.ResourceLoader;
import dev.evalgate.engine.suite.SuiteFileLoader;
import dev.evalgate.api.CriterionSpec;
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
              validate, issues);
          return new SuiteSelectorResolver(catalog, context.getClassNameFilter(), new SuiteClassScanner(loader), issues);
        })
        .build()
        .resolve(request, engineDescriptor);
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : EvalGateDiscovery.class.getClassLoader();
  }
}

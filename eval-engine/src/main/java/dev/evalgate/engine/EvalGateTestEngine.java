package dev.evalgate.engine;

import static org.apiguardian.api.API.Status.STABLE;

import dev.evalgate.checks.QuietLogging;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.config.Settings;
import dev.evalgate.engine.descriptor.EvalGateContext;
import dev.evalgate.engine.descriptor.EvalGateEngineDescriptor;
import dev.evalgate.engine.discovery.EvalGateDiscovery;
import dev.evalgate.engine.report.summary.EngineVersion;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;

/**
 * The EvalGate test engine: discovers {@code @EvalSuite} classes, runs their suites and reports
 * each suite's criteria and gates as tests. Registered through {@code META-INF/services}.
 */
@API(status = STABLE, since = "0.1")
public final class EvalGateTestEngine extends HierarchicalTestEngine<EvalGateContext> {
  static {
    // before the schema checks and the Allure writer start SLF4J: no "No SLF4J providers" lines on
    // a run
    QuietLogging.apply();
  }

  private final EvalGateDiscovery discovery;

  public EvalGateTestEngine() {
    this(EngineWiring.discovery());
  }

  EvalGateTestEngine(EvalGateDiscovery discovery) {
    this.discovery = discovery;
  }

  @Override
  public String getId() {
    return Constants.ENGINE_ID;
  }

  @Override
  public Optional<String> getGroupId() {
    return Optional.of("dev.evalgate");
  }

  @Override
  public Optional<String> getArtifactId() {
    return Optional.of("eval-engine");
  }

  @Override
  public Optional<String> getVersion() {
    return Optional.of(EngineVersion.get());
  }

  @Override
  public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
    return discovery.discover(request, uniqueId);
  }

  @Override
  protected EvalGateContext createExecutionContext(ExecutionRequest request) {
    // read at discovery; a root built elsewhere (never by the platform) is read here
    EngineConfiguration config =
        request.getRootTestDescriptor() instanceof EvalGateEngineDescriptor root
            ? root.config()
            : EngineConfiguration.from(
                Settings.of(
                    request.getConfigurationParameters()::get,
                    request.getConfigurationParameters()::keySet));
    return new EvalGateContext(
        config, EngineWiring.environment(config), request.getEngineExecutionListener(), null);
  }
}

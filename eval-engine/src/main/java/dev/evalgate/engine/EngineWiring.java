package dev.evalgate.engine;

import dev.evalgate.api.SuiteSpec;
import dev.evalgate.checks.Checks;
import dev.evalgate.engine.concurrent.RunThreads;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.discovery.EvalGateDiscovery;
import dev.evalgate.engine.execution.RunEnvironment;
import dev.evalgate.engine.gate.GateEvaluator;
import dev.evalgate.engine.model.Responder;
import dev.evalgate.engine.provider.HttpResponder;
import dev.evalgate.engine.provider.PriceTable;
import dev.evalgate.engine.provider.Secrets;
import dev.evalgate.engine.report.summary.EngineVersion;
import dev.evalgate.engine.run.InProcessResponder;
import dev.evalgate.engine.run.RoutingResponder;
import dev.evalgate.engine.telemetry.OtlpTelemetry;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one place where the engine's parts are connected: discovery to the check library and the
 * gate's metric validation; a suite run to its responders (in-process functions, HTTP providers and
 * recordings), the bundled price table, the run's thread pools, the console and the process
 * environment.
 */
public final class EngineWiring {
  /**
   * In-process functions called at once at most; more threads than this only wait on each other.
   */
  static final int MAX_IN_PROCESS_THREADS = 64;

  private EngineWiring() {}

  static EvalGateDiscovery discovery() {
    return new EvalGateDiscovery(
        (kind, options, baseDir) -> Checks.fromSpec(kind, options, baseDir, classLoader()),
        GateEvaluator::validate);
  }

  /**
   * What a suite run uses in production: real responders, bundled prices, {@code System.out},
   * {@code System.getenv}, and the OpenTelemetry export when {@code evalgate.otel.endpoint} is set.
   */
  public static RunEnvironment environment(EngineConfiguration config) {
    Function<String, @Nullable String> variables = System::getenv;
    return new RunEnvironment(
        (spec, secrets, threads) -> responder(config, variables, spec, secrets, threads),
        PriceTable.bundled(),
        RunThreads::new,
        System.out,
        variables,
        OtlpTelemetry.of(config.telemetry(), variables, EngineVersion.get()));
  }

  /**
   * In-process variants call their functions on the run's in-process pool; HTTP variants (only when
   * the suite has one) are answered from recordings or live, replay look-ups on the run's workers.
   */
  static Responder responder(
      EngineConfiguration config,
      Function<String, @Nullable String> variables,
      SuiteSpec spec,
      Secrets secrets,
      RunThreads threads) {
    boolean http = spec.variants().stream().anyMatch(v -> !v.answeredInProcess());
    InProcessResponder inProcess =
        new InProcessResponder(
            threads.inProcess(Math.min(config.concurrency(), MAX_IN_PROCESS_THREADS)),
            spec.dataset().path(),
            config.functionLimit());
    return new RoutingResponder(
        inProcess,
        http
            ? HttpResponder.create(
                spec.name(), config, variables, threads.workers(), (attempt, delay) -> {}, secrets)
            : null);
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : EngineWiring.class.getClassLoader();
  }
}

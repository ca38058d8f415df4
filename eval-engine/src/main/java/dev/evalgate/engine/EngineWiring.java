package dev.evalgate.engine;

import dev.evalgate.checks.Checks;
import dev.evalgate.engine.discovery.EvalGateDiscovery;
import dev.evalgate.engine.gate.GateEvaluator;

/** Connects the engine to the check library and the gate's metric validation. */
final class EngineWiring {
  private EngineWiring() {}

  static EvalGateDiscovery discovery() {
    return new EvalGateDiscovery(
        (kind, options, baseDir) -> Checks.fromSpec(kind, options, baseDir, classLoader()),
        GateEvaluator::validate);
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : EngineWiring.class.getClassLoader();
  }
}

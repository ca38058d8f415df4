package dev.evalgate.engine;

import dev.evalgate.engine.discovery.EvalGateDiscovery;
import dev.evalgate.engine.gate.GateEvaluator;

/** Connects the engine to the check library and the gate's metric validation. */
final class EngineWiring {
  private EngineWiring() {}

  static EvalGateDiscovery discovery() {
    return new EvalGateDiscovery(
        (kind, options, baseDir) -> {
          throw new IllegalArgumentException("unknown check '" + kind + "'");
        },
        GateEvaluator::validate);
  }
}

package dev.evalgate.engine.descriptor;

import dev.evalgate.engine.config.EngineConfiguration;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/**
 * The root of the test tree, holding the configuration read at discovery so that execution reads it
 * no second time.
 */
public final class EvalGateEngineDescriptor extends EngineDescriptor {
  private final EngineConfiguration config;

  public EvalGateEngineDescriptor(UniqueId uniqueId, EngineConfiguration config) {
    super(uniqueId, "EvalGate");
    this.config = config;
  }

  public EngineConfiguration config() {
    return config;
  }
}

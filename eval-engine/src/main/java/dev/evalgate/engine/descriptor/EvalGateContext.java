package dev.evalgate.engine.descriptor;

import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.execution.RunEnvironment;
import dev.evalgate.engine.execution.SuiteOutcome;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/**
 * What a node needs while executing: configuration, what a suite run uses from outside, the
 * listener, and its suite's outcome once run.
 */
public record EvalGateContext(
    EngineConfiguration config,
    RunEnvironment environment,
    EngineExecutionListener listener,
    @Nullable SuiteOutcome outcome)
    implements EngineExecutionContext {

  public EvalGateContext withOutcome(SuiteOutcome value) {
    return new EvalGateContext(config, environment, listener, value);
  }

  /** The suite's outcome; only children of a suite call this. */
  public SuiteOutcome requireOutcome() {
    if (outcome == null) {
      throw new IllegalStateException("the suite has not run");
    }
    return outcome;
  }
}

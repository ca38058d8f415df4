package dev.evalgate.engine.descriptor;

import dev.evalgate.engine.run.SuiteOutcome;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;
import org.opentest4j.AssertionFailedError;

/** A test under a suite: it reads the suite's outcome, and fails with the suite when the suite could not run. */
abstract class SuiteChildDescriptor extends AbstractTestDescriptor implements Node<EvalGateContext> {

  SuiteChildDescriptor(UniqueId uniqueId, String displayName, TestSource source) {
    super(uniqueId, displayName, source);
  }

  @Override
  public final Type getType() {
    return Type.TEST;
  }

  /** The suite's outcome; a suite that could not run fails each of its tests with the reason. */
  static SuiteOutcome outcome(EvalGateContext context) {
    SuiteOutcome outcome = context.requireOutcome();
    if (outcome.failure() != null) {
      throw new AssertionFailedError(outcome.failure());
    }
    return outcome;
  }
}

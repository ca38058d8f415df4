package dev.evalgate.engine.descriptor;

import dev.evalgate.engine.execution.SuiteOutcome;
import dev.evalgate.engine.report.allure.AllureLayout;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;
import org.opentest4j.AssertionFailedError;

/**
 * A test under a suite: it reads the suite's outcome, and fails with the suite when the suite could
 * not run.
 */
abstract class SuiteChildDescriptor extends AbstractTestDescriptor
    implements Node<EvalGateContext> {

  SuiteChildDescriptor(UniqueId uniqueId, String displayName, TestSource source) {
    super(uniqueId, displayName, source);
  }

  @Override
  public final Type getType() {
    return Type.TEST;
  }

  /**
   * Puts this test, as allure-junit-platform reports it, under its suite's root in Allure beside
   * the suite's cases (nothing when that listener is absent).
   */
  void placeInAllure(EvalGateContext context) {
    placeInAllure(this, context);
  }

  static void placeInAllure(AbstractTestDescriptor test, EvalGateContext context) {
    LoadedSuite suite =
        test.getParent()
            .filter(SuiteDescriptor.class::isInstance)
            .map(p -> ((SuiteDescriptor) p).suite())
            .orElse(null);
    if (suite != null) {
      String name = suite.spec() == null ? suite.displayName() : suite.spec().name();
      AllureLayout.placeRunningTest(
          name,
          AllureLayout.key(name, context.config().shard().toString()),
          suite.spec() == null ? null : suite.spec().experiment());
    }
  }

  /**
   * Fails this test with the suite's failure when it is a problem of {@code part}, the part this
   * test stands for; passes otherwise (that part was usable: another part's failure is another
   * test's).
   */
  static void failOnProblemOf(EvalGateContext context, SuiteOutcome.Part part) {
    SuiteOutcome outcome = context.requireOutcome();
    if (outcome.failedIn(part)) {
      throw new AssertionFailedError(outcome.failure());
    }
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

package dev.evalgate.engine.descriptor;

import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;
import org.opentest4j.AssertionFailedError;

/**
 * Stands in for the tests of a suite whose definition cannot be used, so the problem fails the
 * build with its file and line instead of the suite silently disappearing.
 */
public final class DefinitionDescriptor extends AbstractTestDescriptor
    implements Node<EvalGateContext> {
  public static final String SEGMENT = "definition";
  public static final String KEY = "problem";

  private final String problem;

  public DefinitionDescriptor(UniqueId uniqueId, String problem, TestSource source) {
    super(uniqueId, "suite definition is usable", source);
    this.problem = problem;
  }

  @Override
  public Type getType() {
    return Type.TEST;
  }

  @Override
  public EvalGateContext execute(EvalGateContext context, DynamicTestExecutor dynamicTestExecutor) {
    SuiteChildDescriptor.placeInAllure(this, context);
    throw new AssertionFailedError(problem);
  }
}

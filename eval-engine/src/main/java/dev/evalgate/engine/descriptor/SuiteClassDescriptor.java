package dev.evalgate.engine.descriptor;

import java.util.List;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * The container of an {@code @EvalSuite} class. Its {@link ClassSource} is what build tools
 * (Surefire, Gradle) need to report the tests under it.
 */
public final class SuiteClassDescriptor extends AbstractTestDescriptor
    implements Node<EvalGateContext> {
  public static final String SEGMENT = "class";

  private final Class<?> testClass;
  private final List<LoadedSuite> suites;

  public SuiteClassDescriptor(UniqueId uniqueId, Class<?> testClass, List<LoadedSuite> suites) {
    super(uniqueId, testClass.getSimpleName(), ClassSource.from(testClass));
    this.testClass = testClass;
    this.suites = List.copyOf(suites);
  }

  public Class<?> testClass() {
    return testClass;
  }

  /** Every suite the class declares, loaded once per discovery. */
  public List<LoadedSuite> suites() {
    return suites;
  }

  @Override
  public Type getType() {
    return Type.CONTAINER;
  }
}

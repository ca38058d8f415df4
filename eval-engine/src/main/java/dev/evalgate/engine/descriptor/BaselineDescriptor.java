package dev.evalgate.engine.descriptor;

import dev.evalgate.engine.execution.SuiteOutcome;
import java.nio.file.Path;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * A test that claims the stored champion run of {@code evalgate.baseline} could answer for the
 * control: its report and results were read and it was recorded on this dataset. It fails with the
 * reason when they were not (the criteria then fail with it too), so the dataset test does not take
 * the blame.
 */
public final class BaselineDescriptor extends SuiteChildDescriptor {
  public static final String SEGMENT = "baseline";
  public static final String KEY = "champion";

  private final Path baseline;

  public BaselineDescriptor(UniqueId uniqueId, Path baseline, TestSource source) {
    super(uniqueId, displayName(baseline), source);
    this.baseline = baseline;
  }

  /** {@code baseline: PATH is usable}, PATH as configured. */
  public static String displayName(Path baseline) {
    return "baseline: " + baseline.toString().replace('\\', '/') + " is usable";
  }

  @Override
  public EvalGateContext execute(EvalGateContext context, DynamicTestExecutor dynamicTestExecutor) {
    placeInAllure(context);
    context
        .listener()
        .reportingEntryPublished(this, ReportEntry.from("evalgate.baseline", baseline.toString()));
    // the baseline is read before anything else: another part's failure came after it was usable
    failOnProblemOf(context, SuiteOutcome.Part.BASELINE);
    return context;
  }
}

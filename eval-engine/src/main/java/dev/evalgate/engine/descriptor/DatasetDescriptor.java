package dev.evalgate.engine.descriptor;

import dev.evalgate.engine.dataset.RowProblem;
import dev.evalgate.engine.execution.SuiteOutcome;
import java.util.List;
import java.util.Locale;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * A test that claims every dataset row was usable. Skipped rows are evidence lost, so they fail the
 * build even though the rest of the suite still ran on the good rows. A problem of the recordings
 * or of the baseline fails their own tests ({@link RecordingsDescriptor}, {@link
 * BaselineDescriptor}), not this one.
 */
public final class DatasetDescriptor extends SuiteChildDescriptor {
  public static final String SEGMENT = "dataset";
  static final int LISTED = 10;

  public DatasetDescriptor(UniqueId uniqueId, String location, TestSource source) {
    super(uniqueId, "dataset: every row of " + location + " is usable", source);
  }

  @Override
  public EvalGateContext execute(EvalGateContext context, DynamicTestExecutor dynamicTestExecutor) {
    placeInAllure(context);
    SuiteOutcome outcome = context.requireOutcome();
    if (outcome.failedIn(SuiteOutcome.Part.RECORDINGS)
        || outcome.failedIn(SuiteOutcome.Part.BASELINE)) {
      // not the dataset's problem: the test of that part fails with it, and this one cannot say
      // whether every row is usable
      throw new TestAbortedException(
          "not checked: the suite stopped on a problem of its "
              + outcome.failedPart().name().toLowerCase(Locale.ROOT)
              + " before it read the dataset: "
              + outcome.failure());
    }
    outcome = outcome(context);
    List<RowProblem> problems = outcome.rowProblems();
    context
        .listener()
        .reportingEntryPublished(
            this, ReportEntry.from("evalgate.cases", String.valueOf(outcome.cases())));
    if (!problems.isEmpty()) {
      throw new AssertionFailedError(message(problems));
    }
    return context;
  }

  static String message(List<RowProblem> problems) {
    // a problem of the whole file (no usable case at all, a field no row has) is not a row:
    // counting it as one would say rows were skipped that the run used
    long rows = problems.stream().filter(p -> !p.wholeFile()).count();
    StringBuilder text =
        new StringBuilder(
            RowProblem.summary(
                rows,
                problems.stream().mapToLong(RowProblem::linesLost).sum(),
                problems.size() - rows));
    text.append(':');
    problems.stream().limit(LISTED).forEach(p -> text.append("\n  ").append(p.describe()));
    if (problems.size() > LISTED) {
      text.append("\n  ... and ").append(problems.size() - LISTED).append(" more");
    }
    return text.toString();
  }
}

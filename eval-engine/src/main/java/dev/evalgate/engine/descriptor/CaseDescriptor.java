package dev.evalgate.engine.descriptor;

import dev.evalgate.api.CheckResult;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.engine.execution.SuiteOutcome;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.VariantOutcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.opentest4j.AssertionFailedError;

/**
 * One case, present only when selected on its own ("run this case" in the IDE): every variant
 * answers it and every check's reason is published. It fails when any variant errored or failed a
 * check, because that is exactly what someone debugging one case wants to see.
 */
public final class CaseDescriptor extends SuiteChildDescriptor {
  public static final String SEGMENT = "case";

  private final String caseId;

  public CaseDescriptor(UniqueId uniqueId, String caseId, TestSource source) {
    super(uniqueId, "case " + caseId, source);
    this.caseId = caseId;
  }

  public String caseId() {
    return caseId;
  }

  @Override
  public EvalGateContext execute(EvalGateContext context, DynamicTestExecutor dynamicTestExecutor) {
    placeInAllure(context);
    SuiteOutcome outcome = outcome(context);
    CaseResult result = outcome.selectedCases().get(caseId);
    if (result == null) {
      String why = outcome.notRun().get(caseId);
      throw new AssertionFailedError(
          why != null
              ? "case " + caseId + ": " + why
              : "no case with id '" + caseId + "' in the dataset (or it is outside this shard)");
    }
    List<String> failures = new ArrayList<>();
    for (VariantOutcome variant : result.outcomes()) {
      String prefix = variant.variant() + (variant.repeat() > 0 ? " #" + variant.repeat() : "");
      ErrorClass error = variant.response().error();
      context
          .listener()
          .reportingEntryPublished(
              this,
              ReportEntry.from(
                  "evalgate.output." + prefix,
                  error != null
                      ? "[" + error.id() + "] " + variant.response().errorMessage()
                      : variant.response().text()));
      if (error != null) {
        failures.add(
            prefix + ": call failed (" + error.id() + "): " + variant.response().errorMessage());
      }
      for (CheckResult check : variant.checks()) {
        context
            .listener()
            .reportingEntryPublished(
                this,
                ReportEntry.from(
                    "evalgate.check." + prefix + "." + check.check(),
                    (check.passed() ? "passed: " : check.failed() ? "failed: " : "not applicable: ")
                        + check.reason()));
        if (check.failed()) {
          failures.add(prefix + ": " + check.check() + ": " + check.reason());
        }
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionFailedError("case " + caseId + ":\n  " + String.join("\n  ", failures));
    }
    return context;
  }
}

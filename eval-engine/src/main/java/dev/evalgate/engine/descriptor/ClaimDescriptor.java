package dev.evalgate.engine.descriptor;

import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.config.InconclusivePolicy;
import dev.evalgate.engine.execution.SuiteOutcome;
import dev.evalgate.engine.gate.Claim;
import dev.evalgate.engine.gate.ClaimResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.opentest4j.AssertionFailedError;

/**
 * A test that stands for one claim: a criterion about a challenger, or a challenger's gate. It
 * passes when the claim holds and fails with the one-line reason when it is violated; an
 * inconclusive claim fails, warns or passes as {@link Constants#GATE_INCONCLUSIVE} says.
 */
public final class ClaimDescriptor extends SuiteChildDescriptor {
  public static final String CRITERION_SEGMENT = "criterion";
  public static final String GATE_SEGMENT = "gate";

  private final Claim claim;

  public ClaimDescriptor(UniqueId uniqueId, Claim claim, TestSource source) {
    super(uniqueId, claim.displayName(), source);
    this.claim = claim;
  }

  public Claim claim() {
    return claim;
  }

  @Override
  public EvalGateContext execute(EvalGateContext context, DynamicTestExecutor dynamicTestExecutor) {
    placeInAllure(context);
    SuiteOutcome outcome = outcome(context);
    ClaimResult result = outcome.claims().get(claim.key());
    if (result == null) {
      throw new AssertionFailedError(
          "no result for " + claim.displayName() + ": the suite produced none");
    }
    for (int i = 0; i < result.evidence().size(); i++) {
      context
          .listener()
          .reportingEntryPublished(
              this, ReportEntry.from("evalgate.evidence." + (i + 1), result.evidence().get(i)));
    }
    context
        .listener()
        .reportingEntryPublished(this, ReportEntry.from("evalgate.result", result.message()));
    switch (result.status()) {
      case HOLDS -> {}
      case VIOLATED -> throw new AssertionFailedError(result.message());
      case INCONCLUSIVE -> {
        InconclusivePolicy policy = context.config().gateInconclusive();
        if (policy == InconclusivePolicy.FAIL) {
          throw new AssertionFailedError(result.message());
        }
        if (policy == InconclusivePolicy.WARN) {
          context
              .listener()
              .reportingEntryPublished(
                  this, ReportEntry.from("evalgate.warning", result.message()));
        }
      }
    }
    return context;
  }
}

package dev.evalgate.engine.gate;

import dev.evalgate.api.SuiteSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps the gate's results onto the suite's claims (its tests), by claim key. */
public final class ClaimResults {
  private ClaimResults() {}

  /** The result of each of the suite's claims ({@link Claim#of}), by claim key. */
  public static Map<String, ClaimResult> of(SuiteSpec suite, GateResult gate) {
    Map<String, ClaimResult> results = new LinkedHashMap<>();
    List<Claim> claims = Claim.of(suite);
    List<Claim> criteria = claims.stream().filter(c -> !c.isGate()).toList();
    if (criteria.size() != gate.criteria().size()) {
      throw new IllegalStateException("the gate judged " + gate.criteria().size() + " criteria but the suite has "
          + criteria.size() + " criterion tests");
    }
    for (int i = 0; i < criteria.size(); i++) {
      CriterionResult result = gate.criteria().get(i);
      results.put(criteria.get(i).key(), new ClaimResult(status(result.status()), result.message(), result.evidence()));
    }
    for (Claim claim : claims) {
      if (claim.isGate()) {
        Verdict verdict = gate.verdict(claim.variant()).orElseThrow();
        List<String> reasons = gate.about(claim.variant()).stream()
            .filter(r -> r.status() != Status.HOLDS).map(CriterionResult::message).toList();
        ClaimResult.Status status = switch (verdict.decision()) {
          case PROMOTE -> ClaimResult.Status.HOLDS;
          case REJECT -> ClaimResult.Status.VIOLATED;
          case INCONCLUSIVE -> ClaimResult.Status.INCONCLUSIVE;
        };
        results.put(claim.key(), new ClaimResult(status, verdict.message(), reasons));
      }
    }
    return results;
  }

  private static ClaimResult.Status status(Status status) {
    return switch (status) {
      case HOLDS -> ClaimResult.Status.HOLDS;
      case VIOLATED -> ClaimResult.Status.VIOLATED;
      case INCONCLUSIVE -> ClaimResult.Status.INCONCLUSIVE;
    };
  }
}

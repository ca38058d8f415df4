package dev.evalgate.engine.gate;

import dev.evalgate.api.SuiteSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Maps the gate's results onto the suite's claims (its tests), by claim key. */
public final class ClaimResults {
  private ClaimResults() {}

  /** The result of each of the suite's claims ({@link Claim#of}), by claim key. */
  public static Map<String, ClaimResult> of(SuiteSpec suite, GateResult gate) {
    Map<String, ClaimResult> results = new LinkedHashMap<>();
    List<Claim> claims = Claim.of(suite);
    List<Claim> criteria = claims.stream().filter(c -> !c.isGate()).toList();
    if (criteria.size() != gate.criteria().size()) {
      throw new IllegalStateException(
          "the gate judged "
              + gate.criteria().size()
              + " criteria but the suite has "
              + criteria.size()
              + " criterion tests");
    }
    for (int i = 0; i < criteria.size(); i++) {
      CriterionResult result = gate.criteria().get(i);
      results.put(
          criteria.get(i).key(),
          new ClaimResult(result.status(), result.message(), result.evidence()));
    }
    for (Claim claim : claims) {
      if (claim.isGate()) {
        String challenger = Objects.requireNonNull(claim.variant(), "a gate is about a challenger");
        Verdict verdict = gate.verdict(challenger).orElseThrow();
        List<String> reasons =
            gate.about(challenger).stream()
                .filter(r -> r.status() != ClaimStatus.HOLDS)
                .map(CriterionResult::message)
                .toList();
        ClaimStatus status =
            switch (verdict.decision()) {
              case PROMOTE -> ClaimStatus.HOLDS;
              case REJECT -> ClaimStatus.VIOLATED;
              case INCONCLUSIVE -> ClaimStatus.INCONCLUSIVE;
            };
        results.put(claim.key(), new ClaimResult(status, verdict.message(), reasons));
      }
    }
    return results;
  }
}

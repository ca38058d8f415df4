package dev.evalgate.engine.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Every criterion's result and each challenger's verdict.
 *
 * @param criteria in declaration order, per challenger
 * @param verdicts one per challenger
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record GateResult(List<CriterionResult> criteria, List<Verdict> verdicts) {
  public GateResult {
    criteria = List.copyOf(criteria);
    verdicts = List.copyOf(verdicts);
  }

  public Optional<Verdict> verdict(String challenger) {
    return verdicts.stream().filter(v -> v.challenger().equals(challenger)).findFirst();
  }

  /** The criterion results about one challenger (and suite-wide ones, whose variant is null). */
  public List<CriterionResult> about(@Nullable String challenger) {
    return criteria.stream()
        .filter(c -> c.variant() == null || c.variant().equals(challenger))
        .toList();
  }
}

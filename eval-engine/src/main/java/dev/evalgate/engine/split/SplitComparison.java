package dev.evalgate.engine.split;

import java.util.List;
import java.util.Optional;

/**
 * A challenger against the control on a traffic split: every pass rate, the error and refusal
 * rates, mean latency and mean cost per call, each with an unpaired interval.
 *
 * @param challenger the challenger's name
 * @param control the control's name
 * @param differences the figures, rates first
 */
public record SplitComparison(
    String challenger, String control, List<UnpairedDifference> differences) {
  public SplitComparison {
    differences = List.copyOf(differences);
  }

  /** The figure of a metric, by its name. */
  public Optional<UnpairedDifference> of(String metric) {
    return differences.stream().filter(d -> d.metric().equals(metric)).findFirst();
  }
}

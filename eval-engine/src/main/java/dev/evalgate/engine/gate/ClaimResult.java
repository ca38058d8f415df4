package dev.evalgate.engine.gate;

import java.util.List;

/**
 * How a claim came out.
 *
 * @param status holds, violated or inconclusive
 * @param message the one-line reason: metric, variant, actual value, limit, interval, n
 * @param evidence supporting lines, e.g. the top regressions with case ids
 */
public record ClaimResult(ClaimStatus status, String message, List<String> evidence) {
  public ClaimResult {
    evidence = List.copyOf(evidence);
  }
}

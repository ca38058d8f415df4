package dev.evalgate.engine.metrics;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * How well one check agrees with people on the answers they labelled: the check's outcome against
 * the row's {@code labels}, over the labelled variant's answers the check judged. The positive
 * class is a failure (the check fires): precision is the share of the answers the check failed that
 * people fail too, recall the share of the answers people fail that the check failed.
 *
 * @param check the check's name
 * @param variant the variant whose answers were labelled
 * @param accuracy answers on which the check and people agree, of the labelled answers it judged
 *     (its n is the labelled cases the agreement is measured on)
 * @param precision answers people fail, of those the check failed
 * @param recall answers the check failed, of those people fail
 * @param unjudged labelled cases left out: the answer errored, or the check did not apply to it
 * @param threshold the option and value the check decides at, for a check with a score; else {@code
 *     null}
 * @param suggested the threshold with the highest balanced accuracy on the labelled answers ({@code
 *     dev.evalgate.checks.Calibration.suggestThreshold}), on the option's scale; {@code null}
 *     without a score or without answers of both labels
 * @param suggestedAccuracy the accuracy on the labelled answers at {@code suggested}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CheckAgreement(
    String check,
    String variant,
    Rate accuracy,
    Rate precision,
    Rate recall,
    long unjudged,
    @Nullable ScoreThreshold threshold,
    @Nullable Double suggested,
    @Nullable Double suggestedAccuracy) {

  /** The labelled answers the agreement is measured on. */
  public long n() {
    return accuracy.n();
  }
}

package dev.evalgate.engine.split;

import org.jspecify.annotations.Nullable;

/**
 * One figure of a challenger against the control on a traffic split: each side's value over the
 * calls it answered, the difference (challenger minus control) and its interval from an unpaired
 * method.
 *
 * @param metric the metric's name as criteria write it ({@code pass-rate(schema)}, {@code
 *     error-rate}, {@code latency-mean}, {@code cost-per-call})
 * @param challenger the challenger's value, {@code null} when unknown (a price is missing)
 * @param control the control's value, {@code null} when unknown
 * @param difference challenger minus control, {@code null} when a side is unknown
 * @param low the interval's lower bound, {@code null} when a side is unknown
 * @param high the interval's upper bound, {@code null} when a side is unknown
 * @param challengerN the challenger's calls behind it
 * @param controlN the control's calls behind it
 * @param method {@code newcombe-independent} or {@code bootstrap-independent}
 */
public record UnpairedDifference(
    String metric,
    @Nullable Double challenger,
    @Nullable Double control,
    @Nullable Double difference,
    @Nullable Double low,
    @Nullable Double high,
    long challengerN,
    long controlN,
    String method) {

  /**
   * Why no difference was measured: "no answered call of contrl counts towards it", "no answered
   * call of challenger or control counts towards it", or, when both sides have calls (only a cost
   * can then be missing), "a cost is unknown: a variant without a price, or a call without token
   * counts"; {@code null} when a difference was measured.
   *
   * @param challengerName the challenger's name
   * @param controlName the control's name
   */
  public @Nullable String unmeasured(String challengerName, String controlName) {
    if (difference != null && low != null && high != null) {
      return null;
    }
    if (challengerN > 0 && controlN > 0) {
      return "a cost is unknown: a variant without a price, or a call without token counts";
    }
    return "no answered call of "
        + (challengerN > 0
            ? controlName
            : controlN > 0 ? challengerName : challengerName + " or " + controlName)
        + " counts towards it";
  }
}

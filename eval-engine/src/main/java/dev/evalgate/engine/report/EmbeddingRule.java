package dev.evalgate.engine.report;

/**
 * Which cases a large run's {@code report.html} embeds: cases where a challenger's check outcomes or
 * error differ from the control's first, then other cases with a failing check or an error, then
 * cases where everything passed, each kind up to its limit, in dataset order. One rule for both
 * places that apply it: while a run goes ({@link EmbeddedCases}) and over a results file
 * ({@link Html.CaseSelection}).
 *
 * <pre>{@code
 * rule.startCase();
 * for (each call of the case) rule.call(variant, signature, failing);
 * if (rule.endCase()) embed the case;
 * }</pre>
 */
final class EmbeddingRule {
  private static final long NONE = Long.MIN_VALUE;

  private final String control;
  private final int[] limits;
  private final int[] kept = new int[3];
  private long cases;
  private int selected;
  private long controlSignature = NONE;
  private boolean moved;
  private boolean failing;

  EmbeddingRule(String control, int movedLimit, int failingLimit, int passingLimit) {
    this.control = control;
    this.limits = new int[] {movedLimit, failingLimit, passingLimit};
  }

  /** Starts the next case. */
  void startCase() {
    cases++;
    controlSignature = NONE;
    moved = false;
    failing = false;
  }

  /**
   * One call of the current case.
   *
   * @param signature -1 for an errored call, else bit i set when the i-th check passed
   * @param failed whether the call errored or a check failed
   */
  void call(String variant, long signature, boolean failed) {
    failing |= failed;
    if (variant.equals(control)) {
      if (controlSignature == NONE) {
        controlSignature = signature;
      }
    } else if (controlSignature != NONE && signature != controlSignature) {
      moved = true;
    }
  }

  /** Ends the current case; true when it is embedded (its kind still had room). */
  boolean endCase() {
    int kind = moved ? 0 : failing ? 1 : 2;
    if (kept[kind] >= limits[kind]) {
      return false;
    }
    kept[kind]++;
    selected++;
    return true;
  }

  /** Bit {@code index} (at most 62; later checks share it) when a check passed. */
  static long bit(int index) {
    return 1L << Math.min(62, index);
  }

  long cases() {
    return cases;
  }

  int selected() {
    return selected;
  }
}

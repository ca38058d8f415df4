package dev.evalgate.engine.report.html;

import java.util.concurrent.atomic.AtomicIntegerArray;

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
  static final int MOVED = 0;
  static final int FAILING = 1;
  static final int PASSING = 2;
  private static final long NONE = Long.MIN_VALUE;

  private final String control;
  private final int[] limits;
  /** How many cases of each kind are embedded; written by one thread, read by any (see {@link #hasRoom}). */
  private final AtomicIntegerArray kept = new AtomicIntegerArray(3);
  /** Cases counted so far; written by one thread, read by any (a preparing thread asks how far the run is). */
  private volatile long cases;
  private int selected;
  private Kind current;

  EmbeddingRule(String control, int movedLimit, int failingLimit, int passingLimit) {
    this.control = control;
    this.limits = new int[] {movedLimit, failingLimit, passingLimit};
  }

  /** Works out one case's kind from its calls; needs no rule state, so any thread may use one. */
  static final class Kind {
    private final String control;
    private long controlSignature = NONE;
    private boolean moved;
    private boolean failing;

    Kind(String control) {
      this.control = control;
    }

    /**
     * One call of the case.
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

    /** {@link #MOVED}, {@link #FAILING} or {@link #PASSING}. */
    int kind() {
      return moved ? MOVED : failing ? FAILING : PASSING;
    }
  }

  Kind newCase() {
    return new Kind(control);
  }

  /** Starts the next case. */
  void startCase() {
    current = newCase();
  }

  /** One call of the current case; see {@link Kind#call}. */
  void call(String variant, long signature, boolean failed) {
    current.call(variant, signature, failed);
  }

  /** Ends the current case; true when it is embedded (its kind still had room). */
  boolean endCase() {
    return take(current.kind());
  }

  /** Counts a case of {@code kind}; true when it is embedded (its kind still had room). */
  boolean take(int kind) {
    cases = cases + 1; // one writer
    if (kept.get(kind) >= limits[kind]) {
      return false;
    }
    kept.incrementAndGet(kind);
    selected++;
    return true;
  }

  /**
   * Whether a case of {@code kind} could still be embedded; safe from any thread. Once false it
   * stays false, so a thread preparing a case's rows can skip the work.
   */
  boolean hasRoom(int kind) {
    return kept.get(kind) < limits[kind];
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

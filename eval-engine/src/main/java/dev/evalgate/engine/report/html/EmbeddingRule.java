package dev.evalgate.engine.report.html;

import dev.evalgate.api.CheckResult;
import dev.evalgate.engine.model.VariantOutcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.jspecify.annotations.Nullable;

/**
 * Which cases a large run's {@code report.html} embeds: cases where a challenger's check outcomes
 * or error differ from the control's first, then other cases with a failing check or an error, then
 * cases where everything passed, each kind up to its limit, in dataset order. One rule for both
 * places that apply it: while a run goes ({@link EmbeddedCases}) and over a results file ({@link
 * Html.CaseSelection}).
 *
 * <pre>{@code
 * rule.startCase();
 * for (each call of the case) rule.call(outcome, passed);
 * if (rule.endCase()) embed the case;
 * }</pre>
 */
final class EmbeddingRule {
  static final int MOVED = 0;
  static final int FAILING = 1;
  static final int PASSING = 2;
  private static final long NONE = Long.MIN_VALUE;

  private final String control;
  private final CheckBits bits;
  private final int[] limits;

  /**
   * How many cases of each kind are embedded; written by one thread, read by any (see {@link
   * #hasRoom}).
   */
  private final AtomicIntegerArray kept = new AtomicIntegerArray(3);

  /**
   * Cases counted so far; written by one thread, read by any (a preparing thread asks how far the
   * run is).
   */
  private volatile long cases;

  private int selected;

  /** The case between {@link #startCase} and {@link #endCase}. */
  private @Nullable Kind current;

  /**
   * @param checks the suite's check names in suite order, when known (a results file's names are
   *     numbered as they are first seen)
   */
  EmbeddingRule(
      String control, List<String> checks, int movedLimit, int failingLimit, int passingLimit) {
    this.control = control;
    this.bits = new CheckBits(checks);
    this.limits = new int[] {movedLimit, failingLimit, passingLimit};
  }

  /** Works out one case's kind from its calls; needs no rule state, so any thread may use one. */
  static final class Kind {
    private final String control;
    private final CheckBits bits;
    private long controlSignature = NONE;
    private boolean moved;
    private boolean failing;

    Kind(String control, CheckBits bits) {
      this.control = control;
      this.bits = bits;
    }

    /**
     * One call of the case: it moved when its signature (-1 for an error, else a bit per check that
     * did not fail) differs from the control's.
     *
     * @param passed whether no check failed (the results line's {@code passed})
     */
    void call(VariantOutcome outcome, boolean passed) {
      boolean errored = outcome.errored();
      call(outcome.variant(), errored ? -1 : bits.signature(outcome.checks()), errored || !passed);
    }

    private void call(String variant, long signature, boolean failed) {
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
    return new Kind(control, bits);
  }

  /** Starts the next case. */
  void startCase() {
    current = newCase();
  }

  /** One call of the current case; see {@link Kind#call(VariantOutcome, boolean)}. */
  void call(VariantOutcome outcome, boolean passed) {
    started().call(outcome, passed);
  }

  private Kind started() {
    Kind kind = current;
    if (kind == null) {
      throw new IllegalStateException("no case started");
    }
    return kind;
  }

  /** Ends the current case; true when it is embedded (its kind still had room). */
  boolean endCase() {
    return take(started().kind());
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

  /**
   * The bit of each check name in a call's signature: the suite's checks by their position, other
   * names numbered as first seen; the 63rd and later share the last bit. Safe for the threads that
   * prepare cases.
   */
  static final class CheckBits {
    private final List<String> declared;
    private final Map<String, Integer> positions = new ConcurrentHashMap<>();
    private final AtomicInteger next;

    CheckBits(List<String> declared) {
      this.declared = List.copyOf(declared);
      for (int i = 0; i < this.declared.size(); i++) {
        positions.putIfAbsent(this.declared.get(i), i);
      }
      this.next = new AtomicInteger(this.declared.size());
    }

    /** A bit per check that did not fail (passed, or did not apply). */
    long signature(List<CheckResult> checks) {
      long mask = 0;
      for (int i = 0; i < checks.size(); i++) {
        CheckResult check = checks.get(i);
        if (!check.failed()) {
          mask |= 1L << Math.min(62, position(i, check.check()));
        }
      }
      return mask;
    }

    private int position(int i, String name) {
      // checks are evaluated in suite order, so the position is the index unless a check is missing
      if (i < declared.size() && declared.get(i).equals(name)) {
        return i;
      }
      return positions.computeIfAbsent(name, n -> next.getAndIncrement());
    }
  }

  long cases() {
    return cases;
  }

  int selected() {
    return selected;
  }
}

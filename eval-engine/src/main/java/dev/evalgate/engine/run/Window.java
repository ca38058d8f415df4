package dev.evalgate.engine.run;

/**
 * How many cases a run holds at once: at most {@code cases}; past {@code minimumCases}, only while
 * the rows, prompts and answers held come to fewer than {@code maxChars} characters. The minimum
 * keeps every call slot busy however large the cases are.
 */
public record Window(int cases, int minimumCases, long maxChars) {
  /** Calls a run holds at once for each call it may have in flight. */
  static final int WINDOW_CALLS_PER_SLOT = 16;

  /**
   * The most calls a run holds at once beyond twice its concurrency, which bounds the window's
   * memory.
   */
  static final int MAX_WINDOW_CALLS = 16_384;

  public Window {
    cases = Math.max(1, cases);
    minimumCases = Math.max(1, Math.min(minimumCases, cases));
  }

  boolean full(int inFlight, long chars) {
    return inFlight >= cases || inFlight >= minimumCases && chars >= maxChars;
  }

  /**
   * How many cases a run holds at once: the pipeline hands results to the sinks in dataset order,
   * so a call stuck in its timeout or its retries holds up every result after it, and the calls
   * after it go on only while the window has room. Sixteen calls per call in flight keep a run
   * calling for sixteen times the model's latency past a stuck call (a third of a second at 20 ms,
   * sixteen seconds at one second); a window of only twice the concurrency in cases halves the
   * throughput of a run with stuck calls. At least 32 cases, and never fewer calls than twice the
   * concurrency.
   */
  public static int cases(int concurrency, int callsPerCase) {
    long calls =
        Math.max(
            2L * concurrency,
            Math.min((long) WINDOW_CALLS_PER_SLOT * concurrency, MAX_WINDOW_CALLS));
    return (int) Math.max(32, (calls + callsPerCase - 1) / Math.max(1, callsPerCase));
  }

  /**
   * The window of {@link #cases(int, int)} in cases, held only while the rows, prompts and answers
   * of the cases held come to fewer than {@code maxHeldChars} characters, but never fewer than the
   * cases of twice the concurrency in calls: large prompts (long contexts) shrink the window
   * towards that minimum, so that the memory a run holds does not grow with the size of its cases
   * either.
   */
  public static Window of(int concurrency, int callsPerCase, long maxHeldChars) {
    int perCase = Math.max(1, callsPerCase);
    int minimum = (int) ((2L * concurrency + perCase - 1) / perCase);
    return new Window(cases(concurrency, callsPerCase), minimum, maxHeldChars);
  }

  /**
   * Characters a run holds in flight past the minimum window: an eighth of the heap, at two bytes a
   * character (32 MB of text, 16 million characters, with {@code -Xmx256m}).
   */
  public static long heldCharsFor(long maxHeapBytes) {
    return maxHeapBytes == Long.MAX_VALUE ? 64L << 20 : Math.max(1L << 20, maxHeapBytes / 16);
  }
}

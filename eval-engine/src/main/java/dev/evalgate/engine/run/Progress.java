package dev.evalgate.engine.run;

import dev.evalgate.engine.config.ProgressMode;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reports progress on long runs: done (of total, when known), rate, errors and ETA per variant. On
 * a terminal the line is redrawn in place; otherwise a log line is printed every 10 seconds.
 */
public final class Progress {
  static final long LOG_INTERVAL_NANOS = 10_000_000_000L;
  static final long TERMINAL_INTERVAL_NANOS = 500_000_000L;

  private final String suite;
  private final boolean enabled;
  private final boolean terminal;
  private final PrintStream out;
  private final long total;
  private final long interval;
  private final Map<String, AtomicLong[]> counts = new LinkedHashMap<>();
  private final long start = System.nanoTime();
  private volatile long lastPrint = System.nanoTime();

  public Progress(
      String suite, List<String> variants, long total, ProgressMode mode, PrintStream out) {
    this(
        suite,
        variants,
        total,
        mode,
        out,
        System.console() != null,
        System.console() != null ? TERMINAL_INTERVAL_NANOS : LOG_INTERVAL_NANOS);
  }

  Progress(
      String suite,
      List<String> variants,
      long total,
      ProgressMode mode,
      PrintStream out,
      boolean terminal,
      long interval) {
    this.suite = suite;
    this.terminal = terminal;
    this.interval = interval;
    this.enabled = mode != ProgressMode.OFF;
    this.out = out;
    this.total = total;
    for (String variant : variants) {
      counts.put(variant, new AtomicLong[] {new AtomicLong(), new AtomicLong()});
    }
  }

  void record(String variant, boolean errored) {
    AtomicLong[] c = counts.get(variant);
    if (c == null) {
      throw new IllegalArgumentException(
          "variant '" + variant + "' is not one of " + counts.keySet());
    }
    c[0].incrementAndGet();
    if (errored) {
      c[1].incrementAndGet();
    }
    long now = System.nanoTime();
    if (enabled && now - lastPrint >= interval) {
      synchronized (this) {
        if (now - lastPrint >= interval) {
          lastPrint = now;
          print(false);
        }
      }
    }
  }

  void finish() {
    if (enabled && terminal && System.nanoTime() - start > interval) {
      print(true);
    }
  }

  private void print(boolean last) {
    double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
    StringBuilder line = new StringBuilder("[evalgate] ").append(suite).append(':');
    counts.forEach(
        (variant, c) -> {
          long done = c[0].get();
          double rate = done / seconds;
          line.append(' ').append(variant).append(' ').append(done);
          if (total > 0) {
            line.append('/').append(total);
          }
          line.append(String.format(Locale.ROOT, " (%.1f/s, %d errors", rate, c[1].get()));
          if (total > 0 && rate > 0) {
            line.append(String.format(Locale.ROOT, ", ETA %ds", Math.round((total - done) / rate)));
          }
          line.append(')');
        });
    if (terminal) {
      out.print("\r" + line + (last ? "\n" : ""));
    } else {
      out.println(line);
    }
    out.flush();
  }
}

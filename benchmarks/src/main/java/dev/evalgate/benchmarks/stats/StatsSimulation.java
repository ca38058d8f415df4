package dev.evalgate.benchmarks.stats;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The statistics simulation's command: draws thousands of runs from known truths and measures what
 * the gate's procedures promise (interval coverage, false PROMOTE and false REJECT rates, power),
 * printing one Markdown table per section, ready for {@code benchmarks/README.md}.
 *
 * <pre>
 * StatsSimulation [--runs N] [--threads T] [--only SECTION]...
 * </pre>
 *
 * Each row is seeded by its own key, so its figures do not depend on the other rows, on the order
 * the threads take them or on {@code --only}; the same command prints the same tables.
 */
public final class StatsSimulation {
  static final int DEFAULT_RUNS = 2_000;

  private StatsSimulation() {}

  public static void main(String[] args) throws InterruptedException {
    int runs = DEFAULT_RUNS;
    int threads = Runtime.getRuntime().availableProcessors();
    List<String> only = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(value(args, ++i));
        case "--threads" -> threads = Integer.parseInt(value(args, ++i));
        case "--only" -> only.add(value(args, ++i));
        default -> fail("unknown argument \"" + args[i] + "\"");
      }
    }
    if (runs < 1 || threads < 1) {
      fail("--runs and --threads must be at least 1");
    }
    List<Section> sections = new ArrayList<>();
    sections.addAll(CoverageSections.all());
    sections.addAll(DecisionSections.all());
    sections.addAll(PowerSections.all());
    sections.addAll(SequentialSections.all());
    List<Section> chosen =
        only.isEmpty() ? sections : sections.stream().filter(s -> only.contains(s.name())).toList();
    if (chosen.isEmpty()) {
      fail(
          "no section named "
              + only
              + "; sections: "
              + sections.stream().map(Section::name).toList());
    }
    long start = System.nanoTime();
    print(System.out, chosen, runs, threads);
    System.out.printf(
        Locale.ROOT,
        "%n%,d runs per cell, %d threads, %.0f s%n",
        runs,
        threads,
        (System.nanoTime() - start) / 1e9);
  }

  static void print(PrintStream out, List<Section> sections, int runs, int threads)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<List<Future<List<String>>>> cells = new ArrayList<>();
      for (Section section : sections) {
        List<Future<List<String>>> rows = new ArrayList<>();
        for (Section.Scenario scenario : section.scenarios()) {
          SplittableRandom random = new SplittableRandom(seed(scenario.key()));
          rows.add(pool.submit(() -> scenario.run().cells(random, runs)));
        }
        cells.add(rows);
      }
      for (int s = 0; s < sections.size(); s++) {
        Section section = sections.get(s);
        out.println();
        out.println("### " + section.title() + " (`--only " + section.name() + "`)");
        out.println();
        out.println(section.intro());
        out.println();
        out.println("| " + String.join(" | ", section.header()) + " |");
        out.println("|" + "---|".repeat(section.header().size()));
        for (Future<List<String>> row : cells.get(s)) {
          out.println("| " + String.join(" | ", row.get()) + " |");
        }
        out.flush();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** A row's seed from its key: stable across runs and JVMs (String.hashCode is specified). */
  static long seed(String key) {
    return 0x9E3779B97F4A7C15L * key.hashCode() + key.length();
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      fail(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static void fail(String message) {
    System.err.println("stats: " + message);
    System.err.println("usage: stats [--runs N] [--threads T] [--only SECTION]...");
    System.exit(2);
  }
}

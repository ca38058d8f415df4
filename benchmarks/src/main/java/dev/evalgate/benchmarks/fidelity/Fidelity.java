package dev.evalgate.benchmarks.fidelity;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The fidelity harness's command: judges every corpus under a folder with its task's checks ({@link
 * FidelityTasks}), prints accuracy, precision, recall, balanced accuracy and AUROC per corpus,
 * split, model and source, and holds the figures against the committed file (the ratchet).
 *
 * <pre>
 * Fidelity CORPORA_DIR [--figures FILE] [--update | --no-ratchet] [--split dev|test] [--corpus NAME]... [--misses N]
 * </pre>
 *
 * Exit status: 0 when no guarded figure dropped, 1 when one did, 2 on bad arguments or input.
 */
public final class Fidelity {
  static final List<String> SPLITS = List.of("test", "dev");

  /** A model or source with fewer rows than this is not shown on its own line. */
  static final int SLICE_ROWS = 20;

  private final PrintStream out;

  Fidelity(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    int status;
    try {
      status = new Fidelity(System.out).run(Arguments.parse(args));
    } catch (IllegalArgumentException | UncheckedIOException e) {
      System.err.println("fidelity: " + e.getMessage());
      status = 2;
    }
    System.exit(status);
  }

  /** The command's options. */
  record Arguments(
      Path corpora,
      @Nullable Path figures,
      boolean update,
      List<String> splits,
      Set<String> corpusNames,
      int misses) {

    static final String USAGE =
        "usage: fidelity CORPORA_DIR [--figures FILE] [--update | --no-ratchet] [--split dev|test]"
            + " [--corpus NAME]... [--misses N]";

    static Arguments parse(String... args) {
      Path corpora = null;
      Path figures = null;
      boolean update = false;
      boolean noRatchet = false;
      List<String> splits = SPLITS;
      Set<String> names = new LinkedHashSet<>();
      int misses = 0;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--figures" -> figures = Path.of(value(args, ++i, arg));
          case "--update" -> update = true;
          case "--no-ratchet" -> noRatchet = true;
          case "--split" -> {
            String split = value(args, ++i, arg);
            if (!SPLITS.contains(split)) {
              throw new IllegalArgumentException(
                  "--split must be dev or test, but was \"" + split + "\"");
            }
            splits = List.of(split);
          }
          case "--corpus" -> names.add(value(args, ++i, arg));
          case "--misses" -> {
            try {
              misses = Integer.parseInt(value(args, ++i, arg));
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException(
                  "--misses must be a whole number, but was \"" + args[i] + "\"");
            }
          }
          default -> {
            if (arg.startsWith("--") || corpora != null) {
              throw new IllegalArgumentException("unexpected argument \"" + arg + "\"; " + USAGE);
            }
            corpora = Path.of(arg);
          }
        }
      }
      if (corpora == null) {
        throw new IllegalArgumentException("no corpora folder given; " + USAGE);
      }
      if (update && (figures == null || noRatchet)) {
        throw new IllegalArgumentException(
            noRatchet
                ? "--update and --no-ratchet exclude each other"
                : "--update needs --figures FILE");
      }
      return new Arguments(corpora, noRatchet ? null : figures, update, splits, names, misses);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value; " + USAGE);
      }
      return args[i];
    }
  }

  int run(Arguments arguments) {
    long started = System.nanoTime();
    List<Path> folders = corpusFolders(arguments);
    out.println("Fidelity of the checks against human labels in " + arguments.corpora());
    out.println(
        "acc, prec, recall, bal.acc in %, of the positive class each corpus names; auroc: of the"
            + " checks' score");
    Map<Figures.Key, Double> current = new TreeMap<>();
    int rows = 0;
    for (Path folder : folders) {
      Task task = taskOf(folder);
      List<CorpusRun.Row> judged =
          CorpusRun.judge(folder.resolve(task.fileName()), task, Set.copyOf(arguments.splits()));
      rows += judged.size();
      report(folder.getFileName().toString(), task, judged, arguments, current);
    }
    out.printf(Locale.ROOT, "%n%,d rows in %.1f s%n", rows, (System.nanoTime() - started) / 1e9);
    return arguments.figures() == null ? 0 : ratchet(arguments, current);
  }

  private List<Path> corpusFolders(Arguments arguments) {
    if (!Files.isDirectory(arguments.corpora())) {
      throw new IllegalArgumentException(
          arguments.corpora() + " is not a folder; expected the corpora folder (shared/corpora)");
    }
    List<Path> folders;
    try (Stream<Path> children = Files.list(arguments.corpora())) {
      folders =
          children
              .filter(Files::isDirectory)
              .filter(folder -> task(folder) != null)
              .filter(
                  folder ->
                      arguments.corpusNames().isEmpty()
                          || arguments.corpusNames().contains(folder.getFileName().toString()))
              .sorted(Comparator.comparing(folder -> folder.getFileName().toString()))
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String name : arguments.corpusNames()) {
      if (folders.stream().noneMatch(folder -> folder.getFileName().toString().equals(name))) {
        throw new IllegalArgumentException("no corpus '" + name + "' in " + arguments.corpora());
      }
    }
    if (folders.isEmpty()) {
      throw new IllegalArgumentException(
          "no corpus in "
              + arguments.corpora()
              + "; expected folders holding one of "
              + FidelityTasks.ALL.stream().map(Task::fileName).toList());
    }
    return folders;
  }

  private static @Nullable Task task(Path folder) {
    return FidelityTasks.ALL.stream()
        .filter(task -> Files.isRegularFile(folder.resolve(task.fileName())))
        .findFirst()
        .orElse(null);
  }

  private static Task taskOf(Path folder) {
    Task task = task(folder);
    if (task == null) {
      throw new IllegalStateException("no task for " + folder);
    }
    return task;
  }

  private void report(
      String corpus,
      Task task,
      List<CorpusRun.Row> judged,
      Arguments arguments,
      Map<Figures.Key, Double> current) {
    out.println();
    out.println(
        "== "
            + corpus
            + " (task "
            + task.name()
            + ")"
            + single(judged, CorpusRun.Row::model, "model")
            + single(judged, CorpusRun.Row::source, "source"));
    out.println("   positive class: " + task.positiveClass());
    out.println(
        "   checks: "
            + String.join("; ", task.checks().stream().map(Task.CheckSpec::toString).toList())
            + " ("
            + task.reading().description
            + ")");
    out.printf(
        Locale.ROOT,
        "%-6s %-44s %7s %7s %7s %7s %7s %7s %7s%n",
        "split",
        "slice",
        "n",
        "pos",
        "acc",
        "prec",
        "recall",
        "bal.acc",
        "auroc");
    for (String split : arguments.splits()) {
      List<CorpusRun.Row> rows = judged.stream().filter(row -> row.split().equals(split)).toList();
      if (rows.isEmpty()) {
        continue;
      }
      BinaryMetrics all = metrics(rows);
      line(split, "all", all);
      current.put(new Figures.Key(corpus, split, Figures.ROWS), (double) all.n());
      for (Metric metric : task.ratcheted()) {
        current.put(new Figures.Key(corpus, split, metric.id), metric.of(all));
      }
      slices(split, "model", rows, CorpusRun.Row::model);
      slices(split, "source", rows, CorpusRun.Row::source);
    }
    if (arguments.misses() > 0) {
      misses(judged.stream().filter(row -> row.split().equals("dev")).toList(), arguments.misses());
    }
  }

  private static String single(
      List<CorpusRun.Row> rows, Function<CorpusRun.Row, String> field, String name) {
    Set<String> values = new LinkedHashSet<>();
    rows.forEach(row -> values.add(field.apply(row)));
    return values.size() == 1 ? "; " + name + " " + values.iterator().next() : "";
  }

  /**
   * One line per value of the field, largest first, when the rows have more than one value; values
   * with fewer than {@link #SLICE_ROWS} rows share one line (their figures would be noise).
   */
  private void slices(
      String split, String name, List<CorpusRun.Row> rows, Function<CorpusRun.Row, String> field) {
    Map<String, List<CorpusRun.Row>> byValue = new LinkedHashMap<>();
    rows.forEach(
        row -> byValue.computeIfAbsent(field.apply(row), value -> new ArrayList<>()).add(row));
    if (byValue.size() < 2) {
      return;
    }
    List<CorpusRun.Row> rest = new ArrayList<>();
    int restValues = 0;
    List<Map.Entry<String, List<CorpusRun.Row>>> sorted =
        byValue.entrySet().stream()
            .sorted(
                Comparator.<Map.Entry<String, List<CorpusRun.Row>>>comparingInt(
                        e -> -e.getValue().size())
                    .thenComparing(Map.Entry::getKey))
            .toList();
    for (Map.Entry<String, List<CorpusRun.Row>> e : sorted) {
      if (e.getValue().size() >= SLICE_ROWS) {
        line(split, abbreviate(name + "=" + e.getKey(), 44), metrics(e.getValue()));
      } else {
        rest.addAll(e.getValue());
        restValues++;
      }
    }
    if (!rest.isEmpty()) {
      line(
          split, name + "=" + restValues + " others, <" + SLICE_ROWS + " rows each", metrics(rest));
    }
  }

  private void line(String split, String slice, BinaryMetrics m) {
    out.printf(
        Locale.ROOT,
        "%-6s %-44s %7d %7d %7s %7s %7s %7s %7s%n",
        split,
        slice,
        m.n(),
        m.positives(),
        percent(m.accuracy()),
        percent(m.precision()),
        percent(m.recall()),
        percent(m.balancedAccuracy()),
        fraction(m.auroc()));
  }

  /** Disagreements on the dev split only: the test split is for reporting, not for looking at. */
  private void misses(List<CorpusRun.Row> dev, int limit) {
    for (boolean positive : new boolean[] {true, false}) {
      List<CorpusRun.Row> wrong =
          dev.stream()
              .filter(row -> row.positive() == positive && row.predicted() != positive)
              .toList();
      out.printf(
          Locale.ROOT,
          "   dev %s (%d): %s%n",
          positive ? "false negatives" : "false positives",
          wrong.size(),
          wrong.isEmpty() ? "" : "every " + Math.max(1, wrong.size() / limit) + "th shown");
      int step = Math.max(1, wrong.size() / limit);
      for (int i = 0; i < wrong.size() && i / step < limit; i += step) {
        CorpusRun.Row row = wrong.get(i);
        out.printf(
            Locale.ROOT,
            "   - %s [%s, score %.3f] %s%n       %s%n",
            row.id(),
            row.label(),
            row.score(),
            abbreviate(row.reason(), 200),
            abbreviate(row.answer().replaceAll("\\s+", " "), 400));
      }
    }
  }

  private int ratchet(Arguments arguments, Map<Figures.Key, Double> current) {
    Path file = arguments.figures();
    TreeMap<Figures.Key, Double> recorded;
    try {
      recorded = Files.exists(file) ? Figures.read(file) : new TreeMap<>();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
    if (!arguments.update() && recorded.isEmpty()) {
      out.println("Ratchet FAILED: " + file + " holds no figures; record them with --update");
      return 1;
    }
    if (arguments.update()) {
      TreeMap<Figures.Key, Double> updated = new TreeMap<>(recorded);
      current.forEach(
          (key, value) -> {
            if (!value.isNaN()) {
              updated.put(key, value);
            }
          });
      try {
        Figures.write(file, updated);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.println("Ratchet: wrote " + current.size() + " figures to " + file);
      return 0;
    }
    Figures.Comparison comparison = Figures.compare(recorded, current);
    comparison
        .unguardedDrops()
        .forEach(
            drop ->
                out.println(
                    "Ratchet: note (" + Figures.GUARDED_SPLIT + " only is guarded): " + drop));
    comparison
        .raised()
        .forEach(raised -> out.println("Ratchet: " + raised + "; raise the file with --update"));
    if (!comparison.unrecorded().isEmpty()) {
      out.println(
          "Ratchet: "
              + comparison.unrecorded().size()
              + " figures are not recorded yet (first: "
              + comparison.unrecorded().get(0)
              + "); record them with --update");
    }
    if (comparison.failed()) {
      comparison.drops().forEach(drop -> out.println("Ratchet FAILED: " + drop));
      out.println(
          "Ratchet FAILED: "
              + comparison.drops().size()
              + " figure(s) of the "
              + Figures.GUARDED_SPLIT
              + " split dropped below "
              + file
              + " (tolerance "
              + Figures.TOLERANCE
              + ")");
      return 1;
    }
    out.println(
        "Ratchet passed: no "
            + Figures.GUARDED_SPLIT
            + " figure below "
            + file
            + " (tolerance "
            + Figures.TOLERANCE
            + ")");
    return 0;
  }

  private static String percent(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value * 100);
  }

  private static String fraction(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }

  private static BinaryMetrics metrics(List<CorpusRun.Row> rows) {
    boolean[] positive = new boolean[rows.size()];
    boolean[] predicted = new boolean[rows.size()];
    double[] score = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      positive[i] = rows.get(i).positive();
      predicted[i] = rows.get(i).predicted();
      score[i] = rows.get(i).score();
    }
    return BinaryMetrics.of(positive, predicted, score);
  }
}

package dev.evalgate.benchmarks.fidelity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The committed file of current figures, {@code corpus<TAB>split<TAB>metric<TAB>value} per line,
 * and the ratchet over it: a figure of the guarded split may not drop below the recorded one by
 * more than rounding noise. Figures of other splits are recorded for information and never fail.
 */
final class Figures {
  /** The split the ratchet guards. */
  static final String GUARDED_SPLIT = "test";

  /** A drop this small is the rounding of the recorded value, not a change. */
  static final double TOLERANCE = 0.0005;

  static final String ROWS = "n";

  /** One recorded figure's place. */
  record Key(String corpus, String split, String metric) implements Comparable<Key> {
    private static final Comparator<Key> ORDER =
        Comparator.comparing(Key::corpus).thenComparing(Key::split).thenComparing(Key::metric);

    @Override
    public int compareTo(Key other) {
      return ORDER.compare(this, other);
    }
  }

  private Figures() {}

  /**
   * @throws IllegalArgumentException naming the file and line of a malformed line
   */
  static TreeMap<Key, Double> read(Path file) throws IOException {
    TreeMap<Key, Double> figures = new TreeMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\t", -1);
      if (parts.length != 4) {
        throw new IllegalArgumentException(
            file
                + ":"
                + (i + 1)
                + ": expected corpus<TAB>split<TAB>metric<TAB>value, but was \""
                + line
                + "\"");
      }
      try {
        figures.put(new Key(parts[0], parts[1], parts[2]), Double.parseDouble(parts[3]));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            file + ":" + (i + 1) + ": the value must be a number, but was \"" + parts[3] + "\"");
      }
    }
    return figures;
  }

  static void write(Path file, Map<Key, Double> figures) throws IOException {
    StringBuilder text = new StringBuilder();
    text.append(
            "# Fidelity figures of the checks on the human-labelled corpora (benchmarks/README.md,"
                + " \"Fidelity\").\n")
        .append(
            "# Written by `benchmarks/fidelity.sh --update`; the ratchet in .ci/run fails when a"
                + " figure of the ")
        .append(GUARDED_SPLIT)
        .append(" split\n# drops below the value here (dev is recorded for information). ")
        .append("Raise the file when figures improve.\n")
        .append("# corpus\tsplit\tmetric\tvalue\n");
    for (Map.Entry<Key, Double> entry : new TreeMap<>(figures).entrySet()) {
      Key key = entry.getKey();
      text.append(key.corpus())
          .append('\t')
          .append(key.split())
          .append('\t')
          .append(key.metric())
          .append('\t')
          .append(format(key.metric(), entry.getValue()))
          .append('\n');
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  static String format(String metric, double value) {
    return metric.equals(ROWS)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.4f", value);
  }

  /**
   * What the ratchet found: guarded figures that dropped, others that dropped, and figures above
   * the file.
   */
  record Comparison(
      List<String> drops,
      List<String> unguardedDrops,
      List<String> raised,
      List<String> unrecorded) {
    boolean failed() {
      return !drops.isEmpty();
    }
  }

  /**
   * Compares the figures measured now with the recorded ones, for the corpora and splits measured
   * now. A guarded figure that is no longer measured, or a changed row count, is a drop too.
   */
  static Comparison compare(Map<Key, Double> recorded, Map<Key, Double> current) {
    List<String> drops = new ArrayList<>();
    List<String> unguarded = new ArrayList<>();
    List<String> raised = new ArrayList<>();
    List<String> unrecorded = new ArrayList<>();
    for (Map.Entry<Key, Double> entry : recorded.entrySet()) {
      Key key = entry.getKey();
      if (!measured(key, current)) {
        continue;
      }
      double was = entry.getValue();
      Double now = current.get(key);
      String where = key.corpus() + " " + key.split() + " " + key.metric();
      if (now == null || now.isNaN()) {
        (key.split().equals(GUARDED_SPLIT) ? drops : unguarded)
            .add(
                where
                    + " is recorded as "
                    + format(key.metric(), was)
                    + " but is no longer measured");
      } else if (key.metric().equals(ROWS) ? now.doubleValue() != was : now < was - TOLERANCE) {
        String message =
            where
                + " is "
                + format(key.metric(), now)
                + ", but the recorded figure is "
                + format(key.metric(), was)
                + (key.metric().equals(ROWS)
                    ? " (the corpus changed: check it, then rerun with --update)"
                    : "");
        (key.split().equals(GUARDED_SPLIT) ? drops : unguarded).add(message);
      } else if (!key.metric().equals(ROWS) && now > was + TOLERANCE) {
        raised.add(
            where
                + " is "
                + format(key.metric(), now)
                + ", above the recorded "
                + format(key.metric(), was));
      }
    }
    for (Key key : current.keySet()) {
      if (!recorded.containsKey(key) && !current.get(key).isNaN()) {
        unrecorded.add(key.corpus() + " " + key.split() + " " + key.metric());
      }
    }
    return new Comparison(drops, unguarded, raised, unrecorded);
  }

  /**
   * Whether this run measured the key's corpus and split (a run may be limited to some of them).
   */
  private static boolean measured(Key key, Map<Key, Double> current) {
    return current.containsKey(new Key(key.corpus(), key.split(), ROWS));
  }
}

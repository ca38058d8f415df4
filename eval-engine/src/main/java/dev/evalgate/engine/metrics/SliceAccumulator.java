package dev.evalgate.engine.metrics;

import dev.evalgate.engine.model.CaseResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Accumulates every slice of a run (the cases of one value of a sliced field) in the same pass as
 * the run's other metrics: per slice, each variant's pass rates and each challenger's paired tables
 * (with {@code dataset.cluster}, per cluster too). Memory is bounded by fields x {@value
 * Slice#MAX_VALUES} values x variants x checks, plus the clusters' counts, never by the cases.
 */
final class SliceAccumulator {
  /** How many regressions and improvements are listed per slice and check. */
  static final int LISTED = 10;

  private final List<String> fields;
  private final List<String> variants;
  private final String control;
  private final List<String> challengers;
  private final List<String> checks;
  private final boolean clustered;

  /** Per field (in suite order), its slices by value. */
  private final List<Map<String, Counts>> byField = new ArrayList<>();

  /**
   * @param fields the fields sliced by, in suite order
   * @param variants the variants' names in suite order
   * @param control the control's name
   * @param checks the checks counted, in suite order
   * @param clustered whether the cases come in clusters ({@code dataset.cluster}): each slice's
   *     comparisons are then made over its clusters too
   */
  SliceAccumulator(
      List<String> fields,
      List<String> variants,
      String control,
      List<String> checks,
      boolean clustered) {
    this.fields = List.copyOf(fields);
    this.variants = List.copyOf(variants);
    this.control = control;
    this.challengers = variants.stream().filter(v -> !v.equals(control)).toList();
    this.checks = List.copyOf(checks);
    this.clustered = clustered;
    for (int f = 0; f < this.fields.size(); f++) {
      byField.add(new TreeMap<>());
    }
  }

  boolean active() {
    return !fields.isEmpty();
  }

  /** Adds a case, reduced per variant as the paired comparison reduces it. */
  void accept(CaseResult result, Map<String, CaseSummary> summaries) {
    Map<String, String> values = result.evalCase().slices();
    for (int f = 0; f < fields.size(); f++) {
      String field = fields.get(f);
      Map<String, Counts> slices = byField.get(f);
      String value = values.get(field);
      if (value == null) {
        value = Slice.NONE;
      } else if (!slices.containsKey(value) && slices.size() >= Slice.MAX_VALUES) {
        value = Slice.OTHER;
      }
      slices
          .computeIfAbsent(value, v -> new Counts())
          .add(result.caseId(), result.evalCase().cluster(), summaries);
    }
  }

  /** Every slice: fields in suite order, values sorted with (none) and (other) last. */
  List<Slice> finish(double confidence) {
    List<Slice> slices = new ArrayList<>();
    for (int f = 0; f < fields.size(); f++) {
      String field = fields.get(f);
      List<Map.Entry<String, Counts>> entries = new ArrayList<>(byField.get(f).entrySet());
      entries.sort(Comparator.comparing(e -> sortKey(e.getKey())));
      for (Map.Entry<String, Counts> entry : entries) {
        slices.add(entry.getValue().finish(field, entry.getKey(), confidence));
      }
    }
    return slices;
  }

  private static String sortKey(String value) {
    return switch (value) {
      case Slice.NONE -> "\uffff1";
      case Slice.OTHER -> "\uffff2";
      default -> value;
    };
  }

  private final class Counts {
    long cases;
    final long[] answered = new long[variants.size()];
    final long[] errored = new long[variants.size()];
    final long[] passAll = new long[variants.size()];
    final long[][] passes = new long[variants.size()][checks.size()];
    final long[][] applied = new long[variants.size()][checks.size()];
    final PairTable[][] tables = new PairTable[challengers.size()][];
    final long[] excluded = new long[challengers.size()];

    /** With clusters: per challenger, per check then {@code *}, the pairs per cluster. */
    final PairClusters @Nullable [][] byCluster =
        clustered ? new PairClusters[challengers.size()][checks.size() + 1] : null;

    Counts() {
      if (byCluster != null) {
        for (PairClusters[] row : byCluster) {
          for (int i = 0; i < row.length; i++) {
            row[i] = new PairClusters();
          }
        }
      }
      for (int c = 0; c < tables.length; c++) {
        tables[c] = new PairTable[checks.size() + 1];
        for (int i = 0; i < checks.size(); i++) {
          tables[c][i] = new PairTable(checks.get(i), LISTED);
        }
        tables[c][checks.size()] = new PairTable(PairAccumulator.ALL_CHECKS, LISTED);
      }
    }

    void add(String caseId, @Nullable String cluster, Map<String, CaseSummary> summaries) {
      String key = ClusterTallies.key(caseId, cluster);
      cases++;
      for (int v = 0; v < variants.size(); v++) {
        CaseSummary summary = summaries.get(variants.get(v));
        if (summary == null || !summary.answered()) {
          errored[v]++;
          continue;
        }
        answered[v]++;
        if (summary.passAll()) {
          passAll[v]++;
        }
        for (int i = 0; i < checks.size(); i++) {
          if (summary.applicable()[i]) {
            applied[v][i]++;
            if (summary.passes()[i]) {
              passes[v][i]++;
            }
          }
        }
      }
      CaseSummary controlCase = summaries.get(control);
      for (int c = 0; c < challengers.size(); c++) {
        CaseSummary challengerCase = summaries.get(challengers.get(c));
        if (controlCase == null
            || challengerCase == null
            || !controlCase.answered()
            || !challengerCase.answered()) {
          excluded[c]++;
          continue;
        }
        PairTable[] pair = tables[c];
        for (int i = 0; i < checks.size(); i++) {
          if (controlCase.applicable()[i] && challengerCase.applicable()[i]) {
            pair[i].add(caseId, controlCase.passes()[i], challengerCase.passes()[i]);
            if (byCluster != null) {
              byCluster[c][i].add(key, controlCase.passes()[i], challengerCase.passes()[i]);
            }
          }
        }
        pair[checks.size()].add(caseId, controlCase.passAll(), challengerCase.passAll());
        if (byCluster != null) {
          byCluster[c][checks.size()].add(key, controlCase.passAll(), challengerCase.passAll());
        }
      }
    }

    Slice finish(String field, String value, double confidence) {
      List<Slice.Variant> measured = new ArrayList<>();
      for (int v = 0; v < variants.size(); v++) {
        Map<String, Rate> rates = new LinkedHashMap<>();
        for (int i = 0; i < checks.size(); i++) {
          rates.put(checks.get(i), Rate.of(passes[v][i], applied[v][i]));
        }
        measured.add(
            new Slice.Variant(
                variants.get(v), answered[v], errored[v], rates, Rate.of(passAll[v], cases)));
      }
      List<Slice.Paired> compared = new ArrayList<>();
      for (int c = 0; c < challengers.size(); c++) {
        Map<String, CheckComparison> byCheck = new LinkedHashMap<>();
        Map<String, Clustered> overClusters = byCluster == null ? null : new LinkedHashMap<>();
        for (int i = 0; i < tables[c].length; i++) {
          CheckComparison finished = tables[c][i].finish(confidence);
          byCheck.put(finished.check(), finished);
          if (overClusters != null && byCluster != null) {
            overClusters.put(
                finished.check(), byCluster[c][i].finish(finished.check(), confidence));
          }
        }
        compared.add(
            new Slice.Paired(
                challengers.get(c),
                tables[c][checks.size()].n(),
                excluded[c],
                byCheck,
                overClusters));
      }
      return new Slice(field, value, cases, measured, compared);
    }
  }
}

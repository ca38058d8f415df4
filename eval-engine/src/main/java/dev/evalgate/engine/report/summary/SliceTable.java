package dev.evalgate.engine.report.summary;

import dev.evalgate.engine.metrics.CheckComparison;
import dev.evalgate.engine.metrics.Clustered;
import dev.evalgate.engine.metrics.Slice;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every slice of the cases as the reports show it (Markdown and page: a table; console: a line per
 * slice and challenger): per slice, each variant's pass rates and each challenger's paired
 * difference from the control with its 95 % interval (over the clusters, with {@code
 * dataset.cluster}) and the cases that moved.
 */
public final class SliceTable {
  /** Slices the build log shows before pointing to report.md for the rest. */
  static final int CONSOLE_LINES = 20;

  private SliceTable() {}

  /**
   * The header (slice, cases, variant, "passes every check", then each check) and, per slice, a row
   * per variant and a row per challenger's paired difference; empty without slices.
   */
  public static List<List<String>> rows(RunReport report) {
    List<Slice> slices = report.evaluation().slices();
    if (slices.isEmpty()) {
      return List.of();
    }
    String control = control(report);
    List<String> checks = new ArrayList<>(slices.get(0).variants().get(0).checks().keySet());
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("slice", "cases", "variant", "every check"));
    header.addAll(checks);
    rows.add(header);
    for (Slice slice : slices) {
      boolean first = true;
      for (Slice.Variant variant : slice.variants()) {
        List<String> row = new ArrayList<>();
        row.add(first ? slice.name() : "");
        row.add(first ? String.valueOf(slice.cases()) : "");
        row.add(
            variant.variant()
                + (variant.errored() == 0 ? "" : " (" + variant.errored() + " errored)"));
        row.add(Summary.rate(variant.passAll()));
        for (String check : checks) {
          row.add(Summary.rate(variant.checks().get(check)));
        }
        rows.add(row);
        first = false;
      }
      for (Slice.Paired paired : slice.comparisons()) {
        List<String> row = new ArrayList<>();
        row.add("");
        row.add("");
        row.add("Δ " + paired.challenger() + " − " + control + " (paired)");
        row.add(difference(paired, "*"));
        for (String check : checks) {
          row.add(difference(paired, check));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /**
   * One line per slice and challenger for the build log, at most {@value #CONSOLE_LINES}: {@code
   * slice category=billing (40 cases): challenger passes every check 85.0% vs control 97.5% (Δ
   * -12.5 pp [-26.0, -2.9] n=40; 5 worse, 0 better)}.
   */
  public static List<String> lines(RunReport report) {
    List<String> lines = new ArrayList<>();
    String control = control(report);
    int total = 0;
    for (Slice slice : report.evaluation().slices()) {
      for (Slice.Paired paired : slice.comparisons()) {
        total++;
        if (lines.size() >= CONSOLE_LINES) {
          continue;
        }
        CheckComparison all = paired.checks().get("*");
        lines.add(
            "slice "
                + slice.name()
                + " ("
                + slice.cases()
                + (slice.cases() == 1 ? " case): " : " cases): ")
                + paired.challenger()
                + (all == null || all.n() == 0
                    ? " has no case paired with " + control
                    : " passes every check "
                        + percent(all.challengerRate())
                        + " vs "
                        + control
                        + " "
                        + percent(all.controlRate())
                        + " ("
                        + difference(paired, "*")
                        + ")"));
      }
    }
    if (total > lines.size()) {
      lines.add("... " + (total - lines.size()) + " more slice comparisons in report.md");
    }
    return lines;
  }

  /**
   * {@code Δ -12.5 pp [-26.0, -2.9] n=40; 5 worse, 0 better}, or "-" without pairs; with clusters,
   * the interval over them and {@code n=40, 10 clusters, design effect 3.1} (and {@code , bounding
   * 4.3} when its interval takes a larger one).
   */
  static String difference(Slice.Paired paired, String check) {
    CheckComparison table = paired.checks().get(check);
    if (table == null || table.n() == 0) {
      return "-";
    }
    Clustered clustered = paired.clustered() == null ? null : paired.clustered().get(check);
    return String.format(
        Locale.US,
        "Δ %.1f pp [%.1f, %.1f] n=%d%s; %d worse, %d better",
        table.difference() * 100,
        (clustered == null ? table.low() : clustered.low()) * 100,
        (clustered == null ? table.high() : clustered.high()) * 100,
        table.n(),
        clustered == null ? "" : clustered.note(table),
        table.controlOnly(),
        table.challengerOnly());
  }

  private static String control(RunReport report) {
    return report.variants().stream()
        .filter(RunReport.VariantInfo::control)
        .map(RunReport.VariantInfo::name)
        .findFirst()
        .orElse("control");
  }

  private static String percent(double rate) {
    return String.format(Locale.US, "%.1f%%", rate * 100);
  }
}

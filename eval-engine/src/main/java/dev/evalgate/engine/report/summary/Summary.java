package dev.evalgate.engine.report.summary;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.evalgate.engine.gate.CriterionResult;
import dev.evalgate.engine.gate.Decision;
import dev.evalgate.engine.gate.Verdict;
import dev.evalgate.engine.metrics.CheckComparison;
import dev.evalgate.engine.metrics.Comparison;
import dev.evalgate.engine.metrics.Rate;
import dev.evalgate.engine.metrics.RepeatStats;
import dev.evalgate.engine.metrics.RepeatStats.FlakyCase;
import dev.evalgate.engine.metrics.VariantMetrics;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The summary table (variants side by side), as Markdown for pull requests and as text for the
 * build log.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Summary {
  /** How many flaky cases of a check the pull-request comment and the build log name. */
  static final int FLAKY_LISTED = 10;

  private Summary() {}

  /** Rows of the variant table: label, then one cell per variant. */
  public static List<List<String>> rows(RunReport report) {
    List<VariantMetrics> variants = report.evaluation().variants();
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("metric"));
    variants.forEach(v -> header.add(v.variant() + (v.control() ? " (control)" : "")));
    rows.add(header);
    rows.add(row("model", variants, v -> v.model() + " / " + v.promptVersion()));
    rows.add(row("N (errored)", variants, v -> v.n() + " (" + v.errored() + ")"));
    Set<String> checks = new LinkedHashSet<>();
    variants.forEach(v -> checks.addAll(v.checks().keySet()));
    for (String check : checks) {
      rows.add(row("pass rate " + check, variants, v -> checkRate(v, check)));
    }
    rows.add(row("pass all checks", variants, v -> rate(v.passAll())));
    rows.add(row("refusal rate", variants, v -> v.refusal().n() == 0 ? "-" : rate(v.refusal())));
    rows.add(
        row(
            "over-refusal rate",
            variants,
            v -> v.overRefusal().n() == 0 ? "-" : rate(v.overRefusal())));
    rows.add(
        row(
            "under-refusal rate",
            variants,
            v -> v.underRefusal().n() == 0 ? "-" : rate(v.underRefusal())));
    rows.add(
        row(
            "avg output words",
            variants,
            v -> String.format(Locale.US, "%.1f", v.outputWords().mean())));
    rows.add(row("latency p50 / p95 / p99", variants, Summary::latency));
    rows.add(row("tokens in / out", variants, Summary::tokens));
    // an answer that took several model calls (an app variant's agent rounds): what each case took
    if (variants.stream().anyMatch(v -> v.callsPerCase().max() > 1)) {
      rows.add(
          row(
              "model calls / tokens per case",
              variants,
              v ->
                  String.format(
                      Locale.US,
                      "%.1f / %,.0f",
                      v.callsPerCase().mean(),
                      v.tokensPerCase().mean())));
    }
    // with repeats: per check (then every check at once), the share of cases that flipped
    Set<String> repeated = new LinkedHashSet<>();
    variants.forEach(v -> repeated.addAll(v.repeats().keySet()));
    for (String check : repeated) {
      rows.add(
          row(
              check.equals("*") ? "flaky rate, all checks" : "flaky rate " + check,
              variants,
              v -> flakyCell(v.repeats().get(check))));
    }
    rows.add(
        row(
            "cost per 1K calls",
            variants,
            v ->
                v.cost().per1kCalls() == null
                    ? "unknown"
                    : String.format(Locale.US, "$%.4f", v.cost().per1kCalls())));
    rows.add(
        row(
            "recorded / live",
            variants,
            v -> v.recorded() + " / " + (v.n() - v.errored() - v.recorded())));
    // what the calls took on the wire, when any variant sent a request in this run
    if (variants.stream().anyMatch(v -> v.retries().calls() > 0)) {
      rows.add(row("retries", variants, v -> v.retries().describe()));
    }
    return rows;
  }

  private static List<String> row(
      String label,
      List<VariantMetrics> variants,
      java.util.function.Function<VariantMetrics, String> cell) {
    List<String> row = new ArrayList<>(List.of(label));
    variants.forEach(v -> row.add(cell.apply(v)));
    return row;
  }

  /**
   * A check's pass rate over the cases it applied to, followed by how many it did not apply to:
   * {@code 90.0% [74.4, 96.5] n=30, 170 n/a}; {@code n/a (200)} when it applied to none.
   */
  /**
   * A variant's latency percentiles, {@code 812 / 1,340 / 2,010 ms}; {@code -} when nothing was
   * timed: every call errored, or the answers were read from the dataset (no call took 0 µs).
   */
  static String latency(VariantMetrics v) {
    if (v.answered() == 0 || v.latencyMs().max() == 0) {
      return "-";
    }
    return String.format(
        Locale.US,
        "%,.0f / %,.0f / %,.0f ms",
        v.latencyMs().p50(),
        v.latencyMs().p95(),
        v.latencyMs().p99());
  }

  /** A variant's tokens in and out, {@code 12,400 / 3,100}, with {@code (est.)} when counted. */
  public static String tokens(VariantMetrics v) {
    return String.format(
        Locale.US,
        "%,d / %,d%s",
        v.promptTokens(),
        v.completionTokens(),
        v.estimatedTokens() > 0 ? " (est.)" : "");
  }

  static String checkRate(VariantMetrics v, String check) {
    Rate rate = v.checks().get(check);
    long notApplicable = v.notApplicable(check);
    if (notApplicable == 0) {
      return rate(rate);
    }
    if (rate == null || rate.n() == 0) {
      return "n/a (" + notApplicable + ")";
    }
    return rate(rate) + ", " + notApplicable + " n/a";
  }

  /**
   * A check's flaky rate over its repeats with the stable cases: {@code 25.0% [4.6, 69.9] n=4 (k=3;
   * stable 2 pass, 1 fail)}.
   */
  static String flakyCell(@Nullable RepeatStats stats) {
    if (stats == null) {
      return "-";
    }
    return rate(Rate.of(stats.flaky(), stats.cases()))
        + " (k="
        + stats.k()
        + "; stable "
        + stats.stablePass()
        + " pass, "
        + stats.stableFail()
        + " fail)";
  }

  /**
   * One variant's flaky cases for one check, as the reports list them before any other case.
   *
   * @param flaky all flaky cases of the check, of which {@code listed} are the first
   */
  public record FlakyList(
      String variant, String check, int k, long flaky, long cases, List<FlakyCase> listed) {
    /**
     * {@code c-1 2/3, c-7 1/3}: the first {@code limit} flaky cases with their passes of k, then
     * {@code , ... (N more)} when there are more.
     */
    public String text(java.util.function.Function<String, String> caseLink, int limit) {
      List<String> parts = new ArrayList<>();
      for (FlakyCase c : listed.subList(0, Math.min(limit, listed.size()))) {
        parts.add(caseLink.apply(c.caseId()) + " " + c.passes() + "/" + k);
      }
      return String.join(", ", parts)
          + (flaky > parts.size() ? ", ... (" + (flaky - parts.size()) + " more)" : "");
    }

    /** {@code challenger schema: 2 of 30 cases flaky over 3 repeats}. */
    String heading() {
      return variant
          + " "
          + check
          + ": "
          + flaky
          + " of "
          + cases
          + " cases flaky over "
          + k
          + " repeats";
    }
  }

  /**
   * The flakiness ledger's flaky cases per variant and check (not {@code *}: a case flaky over all
   * checks is flaky for one of them), in report order; empty without repeats or flaky cases.
   */
  public static List<FlakyList> flaky(List<VariantMetrics> variants) {
    List<FlakyList> lists = new ArrayList<>();
    for (VariantMetrics v : variants) {
      v.repeats()
          .forEach(
              (check, stats) -> {
                if (!check.equals("*") && stats.flaky() > 0) {
                  lists.add(
                      new FlakyList(
                          v.variant(),
                          check,
                          stats.k(),
                          stats.flaky(),
                          stats.cases(),
                          stats.flakyCases()));
                }
              });
    }
    return lists;
  }

  static String rate(@Nullable Rate rate) {
    if (rate == null) {
      return "-";
    }
    return String.format(
        Locale.US,
        "%.1f%% [%.1f, %.1f] n=%d",
        rate.rate() * 100,
        rate.low() * 100,
        rate.high() * 100,
        rate.n());
  }

  /**
   * A note for each check that applied to no answered call of any variant (every case lacks the
   * field it needs), which is a suite that cannot mean what it says: {@code check 'grounded'
   * applied to none of the 400 answered calls (400 not applicable; ...)}.
   */
  static List<String> neverApplied(RunReport report) {
    List<String> notes = new ArrayList<>();
    for (RunReport.CheckInfo check : report.checks()) {
      long answered = 0;
      long notApplicable = 0;
      boolean applied = false;
      for (VariantMetrics v : report.evaluation().variants()) {
        Rate rate = v.checks().get(check.name());
        applied |= rate != null && rate.n() > 0;
        answered += v.answered();
        notApplicable += v.notApplicable(check.name());
      }
      if (!applied && notApplicable > 0) {
        notes.add(
            "check '"
                + check.name()
                + "' applied to none of the "
                + answered
                + " answered calls ("
                + notApplicable
                + " not applicable; the reasons are in results.jsonl; missing: fail makes a missing"
                + " field a failure)");
      }
    }
    return notes;
  }

  /** The variants with errored calls, in report order. */
  public static List<VariantMetrics> errored(RunReport report) {
    return errored(report.evaluation().variants());
  }

  /** The variants with errored calls. */
  public static List<VariantMetrics> errored(List<VariantMetrics> variants) {
    return variants.stream().filter(v -> v.errored() > 0).toList();
  }

  static String icon(Decision decision) {
    return switch (decision) {
      case PROMOTE -> "✅";
      case REJECT -> "❌";
      case INCONCLUSIVE -> "⚠️";
    };
  }

  /**
   * A pull-request comment: verdict, variant table, criteria, top regressions linked to the HTML
   * report.
   */
  public static String markdown(RunReport report, String htmlName) {
    StringBuilder md = new StringBuilder();
    md.append("## EvalGate: ").append(escape(report.suite()));
    if (report.experiment() != null) {
      md.append(" (").append(escape(report.experiment())).append(')');
    }
    md.append("\n\n");
    for (Verdict verdict : report.gate().verdicts()) {
      md.append("**")
          .append(icon(verdict.decision()))
          .append(' ')
          .append(verdict.decision())
          .append("** ")
          .append(code(verdict.challenger()))
          .append(" vs ")
          .append(code(verdict.control()))
          .append(": ")
          .append(escape(verdict.message()))
          .append("\n\n");
    }
    List<List<String>> rows = rows(report);
    table(md, rows);
    if (report.sequential() != null) {
      md.append('\n').append(escape(report.sequential().line())).append('\n');
    }
    List<VariantMetrics> errored = errored(report);
    if (!errored.isEmpty()) {
      md.append("\n### Errors\n\n");
      for (VariantMetrics v : errored) {
        md.append("- ")
            .append(code(v.variant()))
            .append(" (")
            .append(v.errored())
            .append(" of ")
            .append(v.n())
            .append(" calls): ")
            .append(escape(v.errorSummary()))
            .append('\n');
      }
    }
    for (String note : neverApplied(report)) {
      md.append("\n").append(escape(note)).append('\n');
    }
    md.append(
        "\n### Criteria\n\n| | criterion | variant | result | detects |\n|---|---|---|---|---|\n");
    for (CriterionResult c : report.gate().criteria()) {
      String mark =
          switch (c.status()) {
            case HOLDS -> "✅";
            case VIOLATED -> "❌";
            case INCONCLUSIVE -> "⚠️";
          };
      md.append("| ")
          .append(mark)
          .append(" | ")
          .append(escape(c.criterion()))
          .append(" | ")
          .append(c.variant() == null ? "all" : escape(c.variant()))
          .append(" | ")
          .append(escape(c.message()))
          .append(" | ")
          .append(c.detects() == null ? "" : escape(c.detects()))
          .append(" |\n");
    }
    List<List<String>> agreement = AgreementTable.rows(report);
    if (!agreement.isEmpty()) {
      md.append("\n### Agreement with people\n\n");
      table(md, agreement);
    }
    List<String> clusters = ClusterLines.lines(report);
    if (!clusters.isEmpty()) {
      md.append("\n### Clusters\n\n");
      clusters.forEach(line -> md.append("- ").append(escape(line)).append('\n'));
    }
    List<List<String>> slices = SliceTable.rows(report);
    if (!slices.isEmpty()) {
      md.append(
          "\n### Slices\n\nEach slice's cases on their own: pass rates with 95 % Wilson intervals,"
              + " and each challenger's paired difference from the control (Newcombe's 95 %"
              + " interval; worse and better: cases that moved).\n\n");
      table(md, slices);
    }
    List<FlakyList> flaky = flaky(report.evaluation().variants());
    if (!flaky.isEmpty()) {
      md.append("\n### Flaky cases\n\n");
      for (FlakyList list : flaky) {
        md.append("- ")
            .append(escape(list.heading()))
            .append(": ")
            .append(
                list.text(
                    id -> "[" + linkText(id) + "](" + htmlName + "#case-" + anchor(id) + ")",
                    FLAKY_LISTED))
            .append('\n');
      }
    }
    for (Comparison comparison : report.evaluation().comparisons()) {
      List<String> lines = new ArrayList<>();
      comparison
          .checks()
          .forEach(
              (check, table) -> {
                if (!check.equals("*") && table.controlOnly() > 0) {
                  lines.add(
                      "- "
                          + code(check)
                          + ": "
                          + table.controlOnly()
                          + " regressions, "
                          + table.challengerOnly()
                          + " improvements"
                          + String.format(Locale.US, " (McNemar p=%.3g): ", table.pExact())
                          + links(table, htmlName));
                }
              });
      if (!lines.isEmpty()) {
        md.append("\n### Top regressions of ")
            .append(escape(comparison.challenger()))
            .append("\n\n");
        lines.forEach(l -> md.append(l).append('\n'));
      }
    }
    md.append("\n<sub>dataset ")
        .append(escape(report.dataset().path()))
        .append(" sha256 ")
        .append(report.dataset().sha256(), 0, 12)
        .append(", ")
        .append(report.dataset().cases())
        .append(" cases, seed ")
        .append(report.seed())
        .append(", EvalGate ")
        .append(report.engineVersion())
        .append("</sub>\n");
    return md.toString();
  }

  private static String links(CheckComparison table, String htmlName) {
    List<String> links = new ArrayList<>();
    for (String id : table.regressions().stream().limit(5).toList()) {
      links.add("[" + linkText(id) + "](" + htmlName + "#case-" + anchor(id) + ")");
    }
    return String.join(", ", links) + (table.controlOnly() > 5 ? ", ..." : "");
  }

  private static void table(StringBuilder md, List<List<String>> rows) {
    for (int i = 0; i < rows.size(); i++) {
      md.append("| ")
          .append(String.join(" | ", rows.get(i).stream().map(Summary::escape).toList()))
          .append(" |\n");
      if (i == 0) {
        md.append("|").append("---|".repeat(rows.get(0).size())).append('\n');
      }
    }
  }

  /**
   * Text as a Markdown table cell or paragraph shows it: report.md is a pull-request comment, and
   * GitHub renders HTML in a comment's text, so an error body, a case id or a name holding markup
   * must reach it as text ({@code <} as {@code &lt;}).
   */
  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
        .replace("\n", " ");
  }

  /**
   * A name as a code span, which shows it as written: fenced by more backticks than it holds in a
   * row, so none of them ends the span.
   */
  private static String code(String name) {
    String text = name.replace('\n', ' ');
    int longest = 0;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = text.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    return longest == 0 ? fence + text + fence : fence + " " + text + " " + fence;
  }

  /** A case id as the text of a link: escaped, and no bracket of it ends the text. */
  private static String linkText(String id) {
    return escape(id.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]"));
  }

  /** The first line of the build log's summary: {@code EvalGate SUITE: VERDICT; VERDICT}. */
  public static String verdicts(RunReport report) {
    return "EvalGate "
        + report.suite()
        + ": "
        + String.join("; ", report.gate().verdicts().stream().map(Verdict::message).toList());
  }

  /** The same content as plain text for the build log, ending with the report paths. */
  public static String console(RunReport report) {
    StringBuilder out = new StringBuilder();
    out.append(verdicts(report)).append('\n');
    List<List<String>> rows = rows(report);
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      out.append("  ");
      for (int i = 0; i < row.size(); i++) {
        out.append(String.format(Locale.ROOT, "%-" + (widths[i] + 2) + "s", row.get(i)));
      }
      out.setLength(out.length() - 2);
      out.append('\n');
    }
    for (VariantMetrics v : errored(report)) {
      out.append("  errors of ")
          .append(v.variant())
          .append(" (")
          .append(v.errored())
          .append(" of ")
          .append(v.n())
          .append(" calls): ")
          .append(v.errorSummary())
          .append('\n');
    }
    for (String note : neverApplied(report)) {
      out.append("  ").append(note).append('\n');
    }
    for (FlakyList list : flaky(report.evaluation().variants())) {
      out.append("  flaky ")
          .append(list.heading())
          .append(": ")
          .append(list.text(id -> id, FLAKY_LISTED))
          .append('\n');
    }
    for (CriterionResult c : report.gate().criteria()) {
      out.append("  [").append(c.status()).append("] ").append(c.message()).append('\n');
    }
    for (String line : AgreementTable.lines(report)) {
      out.append("  ").append(line).append('\n');
    }
    for (String line : SliceTable.lines(report)) {
      out.append("  ").append(line).append('\n');
    }
    for (String line : ClusterLines.lines(report)) {
      out.append("  ").append(line).append('\n');
    }
    if (report.sequential() != null) {
      out.append("  ").append(report.sequential().line()).append('\n');
    }
    return out.toString();
  }

  /**
   * The anchor of a case's row in {@code report.html} ({@code #case-ID}, as the page's script names
   * them).
   */
  public static String anchor(String caseId) {
    return caseId.replaceAll("[^A-Za-z0-9_-]", "_");
  }
}

package dev.evalgate.engine.report.split;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.evalgate.engine.gate.CriterionResult;
import dev.evalgate.engine.gate.GateResult;
import dev.evalgate.engine.gate.Verdict;
import dev.evalgate.engine.io.AtomicFiles;
import dev.evalgate.engine.metrics.Rate;
import dev.evalgate.engine.metrics.VariantMetrics;
import dev.evalgate.engine.report.html.EmbeddedCases;
import dev.evalgate.engine.report.html.Html;
import dev.evalgate.engine.report.summary.EngineVersion;
import dev.evalgate.engine.report.summary.RunReport;
import dev.evalgate.engine.report.summary.Summary;
import dev.evalgate.engine.split.SplitComparison;
import dev.evalgate.engine.split.SplitGate;
import dev.evalgate.engine.split.UnpairedDifference;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The report of a traffic split, {@code split.json} (format {@value #FORMAT}), with {@code
 * split.md} and the console text made from it. Every one of them says, first, that the comparison
 * is observational.
 *
 * @param format the format id
 * @param suite the suite's name
 * @param experiment the experiment id, or {@code null}
 * @param observational why the comparison is observational ({@link SplitGate#OBSERVATIONAL})
 * @param createdAt when the analysis ended (ISO-8601)
 * @param dataset the trace file, its SHA-256 and the calls analysed
 * @param undeclared calls of variants the suite does not declare, by the variant they name
 * @param baseline {@link #BASELINE_NOT_APPLIED} when the build sets {@code evalgate.baseline} (for
 *     its other suites: a split reads no champion), {@code null} when it does not
 * @param variants per-variant metrics over the calls each answered
 * @param comparisons each challenger against the control, unpaired
 * @param gate the suite's criteria and verdicts on this split
 */
@API(status = EXPERIMENTAL, since = "0.1")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SplitReport(
    String format,
    String suite,
    @Nullable String experiment,
    String observational,
    String createdAt,
    RunReport.DatasetInfo dataset,
    Map<String, Long> undeclared,
    @Nullable String baseline,
    List<VariantMetrics> variants,
    List<SplitComparison> comparisons,
    GateResult gate) {

  public static final String FORMAT = "evalgate-split-report/v1";
  public static final String JSON_FILE = "split.json";
  public static final String MARKDOWN_FILE = "split.md";
  public static final String HTML_FILE = "split.html";

  /**
   * Said by a split's reports when {@code evalgate.baseline} is set: a build may set it for its
   * other suites, so it is not an error, but a split never reads it.
   */
  public static final String BASELINE_NOT_APPLIED =
      "evalgate.baseline does not apply to a traffic split (it calls no variant): each variant is"
          + " judged on the answers production logged";

  /**
   * The suite name and gate (criteria and verdicts) of a stored {@code split.json}, for the Maven
   * plugin's check, which judges a split's verdicts as it judges a run's.
   *
   * @throws IOException naming the file and what is wrong with it
   */
  public static Stored read(Path file) throws IOException {
    ObjectMapper json =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    JsonNode tree;
    try {
      tree = json.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + ": not a readable split report (" + e.getMessage() + ")", e);
    }
    String format = tree.path("format").asText("");
    if (!FORMAT.equals(format)) {
      throw new IOException(
          file + ": unsupported split report format '" + format + "'; expected " + FORMAT);
    }
    JsonNode gate = tree.get("gate");
    if (gate == null || !gate.isObject()) {
      throw new IOException(file + ": the split report has no gate");
    }
    return new Stored(tree.path("suite").asText(""), json.treeToValue(gate, GateResult.class));
  }

  /** What {@link #read} gives back of a stored split report. */
  public record Stored(String suite, GateResult gate) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Writes {@code split.json} and {@code split.md} into {@code folder}; returns their paths. */
  public List<Path> write(Path folder) throws IOException {
    Files.createDirectories(folder);
    Path json = folder.resolve(JSON_FILE);
    Path markdown = folder.resolve(MARKDOWN_FILE);
    AtomicFiles.write(json, JSON.writeValueAsString(this));
    AtomicFiles.write(markdown, markdown());
    return List.of(json, markdown);
  }

  /**
   * Writes {@code split.html} into {@code folder}, the page every run has: verdicts, the
   * observational note (and the baseline sentence), the variant table and charts, the criteria, and
   * the cases with the rows {@code cases} made while they were analysed; {@code results} is the
   * results file beside it.
   */
  public Path writePage(
      Path folder, long seed, Map<String, String> promptVersions, Path results, EmbeddedCases cases)
      throws IOException {
    Path html = folder.resolve(HTML_FILE);
    Path temp = AtomicFiles.temp(folder, HTML_FILE);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
      Html.write(
          new Html.Page(
              suite,
              experiment,
              dataset,
              seed,
              EngineVersion.get(),
              createdAt,
              gate,
              variants,
              table().stream().map(List::of).toList(),
              promptVersions,
              Character.toUpperCase(observational.charAt(0)) + observational.substring(1) + ".",
              baseline == null ? null : baseline + ".",
              List.of(),
              List.of()),
          results,
          cases,
          out);
    }
    AtomicFiles.move(temp, html);
    return html;
  }

  /** The console's text: verdicts, the observational note, the table, the comparisons. */
  public String console() {
    StringBuilder out = new StringBuilder();
    for (Verdict verdict : gate.verdicts()) {
      out.append("EvalGate ")
          .append(suite)
          .append(" (traffic split): ")
          .append(verdict.message())
          .append('\n');
    }
    out.append("  ").append(observational).append('\n');
    for (String[] row : table()) {
      out.append("  ");
      for (int i = 0; i < row.length; i++) {
        out.append(String.format(Locale.ROOT, i == 0 ? "%-24s" : " %-26s", row[i]));
      }
      out.append('\n');
    }
    for (String line : comparisonLines()) {
      out.append("  ").append(line).append('\n');
    }
    for (CriterionResult criterion : gate.criteria()) {
      out.append("  [").append(criterion.status()).append("] ").append(criterion.message());
      out.append('\n');
    }
    undeclared.forEach(
        (name, count) ->
            out.append("  ")
                .append(count)
                .append(" calls of variant '")
                .append(name)
                .append("', which the suite does not declare, are not compared\n"));
    if (baseline != null) {
      out.append("  ").append(baseline).append('\n');
    }
    return out.toString();
  }

  /** {@code split.md}: the same, as Markdown. */
  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(suite).append(": traffic split\n\n");
    // "**Observational comparison:** each call was ...": the note's own first words in bold
    int colon = observational.indexOf(": ");
    String lead = colon < 0 ? "Observational" : observational.substring(0, colon);
    String rest = colon < 0 ? observational : observational.substring(colon + 2);
    out.append("> **")
        .append(Character.toUpperCase(lead.charAt(0)))
        .append(lead.substring(1))
        .append(":** ")
        .append(rest)
        .append(".\n\n");
    for (Verdict verdict : gate.verdicts()) {
      out.append("**").append(verdict.message()).append("**\n\n");
    }
    List<String[]> rows = table();
    for (int r = 0; r < rows.size(); r++) {
      out.append("| ").append(String.join(" | ", rows.get(r))).append(" |\n");
      if (r == 0) {
        out.append("|").append(" --- |".repeat(rows.get(r).length)).append('\n');
      }
    }
    out.append("\n## Comparisons (challenger minus control, unpaired)\n\n");
    for (String line : comparisonLines()) {
      out.append("- ").append(line).append('\n');
    }
    out.append("\n## Criteria\n\n");
    for (CriterionResult criterion : gate.criteria()) {
      out.append("- ").append(criterion.status()).append(": ").append(criterion.message());
      out.append('\n');
    }
    undeclared.forEach(
        (name, count) ->
            out.append("\n")
                .append(count)
                .append(" calls of variant '")
                .append(name)
                .append("', which the suite does not declare, are not compared.\n"));
    if (baseline != null) {
      out.append("\n").append(baseline).append(".\n");
    }
    return out.toString();
  }

  /** The seeds' table: one column per variant. */
  private List<String[]> table() {
    List<String[]> rows = new ArrayList<>();
    rows.add(row("metric", v -> v.variant() + (v.control() ? " (control)" : "")));
    rows.add(row("model", VariantMetrics::model));
    rows.add(row("N (errored)", v -> v.n() + " (" + v.errored() + ")"));
    rows.add(row("avg latency", answered(v -> ms(v.latencyMs().mean()))));
    rows.add(
        row(
            "latency p95 / p99",
            answered(v -> ms(v.latencyMs().p95()) + " / " + ms(v.latencyMs().p99()))));
    rows.add(
        row(
            "avg output words",
            answered(v -> String.format(Locale.ROOT, "%.1f", v.outputWords().mean()))));
    rows.add(row("tokens in / out", answered(Summary::tokens)));
    rows.add(
        row(
            "cost per 1K calls",
            answered(
                v ->
                    v.cost().per1kCalls() == null
                        ? "unknown"
                        : String.format(Locale.ROOT, "$%.2f", v.cost().per1kCalls()))));
    rows.add(row("error rate", v -> rate(v.errorRate())));
    rows.add(row("refusal rate", v -> rate(v.refusal())));
    if (!variants.isEmpty()) {
      for (String check : variants.get(0).checks().keySet()) {
        rows.add(row("pass rate " + check, v -> rate(v.checks().get(check))));
      }
      rows.add(row("pass all checks", v -> rate(v.passAll())));
    }
    return rows;
  }

  /**
   * {@code cell}, or "-" for a variant that answered no call of the split (no traffic in the calls
   * read): it has no latency, length, tokens or cost to show, not 0 ms or an unknown price.
   */
  private static java.util.function.Function<VariantMetrics, String> answered(
      java.util.function.Function<VariantMetrics, String> cell) {
    return v -> v.n() == 0 ? "-" : cell.apply(v);
  }

  private String[] row(String label, java.util.function.Function<VariantMetrics, String> cell) {
    String[] row = new String[variants.size() + 1];
    row[0] = label;
    for (int i = 0; i < variants.size(); i++) {
      row[i + 1] = cell.apply(variants.get(i));
    }
    return row;
  }

  private List<String> comparisonLines() {
    List<String> lines = new ArrayList<>();
    for (SplitComparison comparison : comparisons) {
      for (UnpairedDifference d : comparison.differences()) {
        lines.add(
            comparison.challenger()
                + " vs "
                + comparison.control()
                + " "
                + describe(d, comparison.challenger(), comparison.control()));
      }
    }
    return lines;
  }

  private static String describe(UnpairedDifference d, String challenger, String control) {
    boolean rate = d.metric().endsWith("rate") || d.metric().startsWith("pass-rate(");
    Double difference = d.difference();
    Double low = d.low();
    Double high = d.high();
    if (difference == null || low == null || high == null) {
      return d.metric() + ": not compared (" + d.unmeasured(challenger, control) + ")";
    }
    String unit = rate ? " pp" : d.metric().startsWith("cost") ? " USD" : " ms";
    double scale = rate ? 100 : 1;
    String format = d.metric().startsWith("cost") ? "%+.6f" : "%+.1f";
    return d.metric()
        + ": Δ "
        + String.format(Locale.ROOT, format, difference * scale)
        + unit
        + ", CI ["
        + String.format(Locale.ROOT, format, low * scale)
        + ", "
        + String.format(Locale.ROOT, format, high * scale)
        + "] ("
        + (rate ? "Newcombe, independent" : "bootstrap, independent")
        + "; n="
        + d.challengerN()
        + " and "
        + d.controlN()
        + ")";
  }

  private static String rate(@Nullable Rate rate) {
    if (rate == null || rate.n() == 0) {
      return "-";
    }
    return String.format(
        Locale.ROOT,
        "%.1f%% [%.1f, %.1f] n=%d",
        rate.rate() * 100,
        rate.low() * 100,
        rate.high() * 100,
        rate.n());
  }

  private static String ms(double value) {
    return String.format(Locale.ROOT, "%.0f ms", value);
  }
}

package dev.evalgate.engine.report.html;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.engine.gate.CriterionResult;
import dev.evalgate.engine.gate.GateResult;
import dev.evalgate.engine.gate.Verdict;
import dev.evalgate.engine.io.TextCut;
import dev.evalgate.engine.metrics.Rate;
import dev.evalgate.engine.metrics.RunAccumulator;
import dev.evalgate.engine.metrics.VariantMetrics;
import dev.evalgate.engine.report.results.ResultsCursor;
import dev.evalgate.engine.report.results.ResultsWriter;
import dev.evalgate.engine.report.summary.AgreementTable;
import dev.evalgate.engine.report.summary.RunReport;
import dev.evalgate.engine.report.summary.SliceTable;
import dev.evalgate.engine.report.summary.Summary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The self-contained HTML report: no network, no CDN. Charts are inline SVG; the per-case table is
 * paged and filtered in the page from a JSON island streamed from {@code results.jsonl}, so Java
 * never holds every case. Up to {@value #EMBEDDED_CASES} cases every case is embedded; larger runs
 * embed a selection (cases that moved between control and challenger first) and link to the results
 * file, so the page stays usable at a million cases. The page itself, its style and its script are
 * resources ({@link PageTemplate}); this class fills the page's slots.
 */
public final class Html {
  public static final ObjectMapper JSON = new ObjectMapper();
  public static final int TEXT_LIMIT = 4000;

  /** Runs with more cases than this embed a selection of them; smaller runs embed every case. */
  public static final int EMBEDDED_CASES = 10_000;

  static final int MOVED_CASES = 8_000;
  static final int FAILING_CASES = 1_000;
  static final int PASSING_CASES = 1_000;
  private static final String[] COLORS = {
    "#4C78A8", "#F58518", "#54A24B", "#B279A2", "#E45756", "#72B7B2"
  };

  private Html() {}

  /** Text as HTML shows it: {@code < > & " '} escaped. */
  public static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * What the page shows above its cases: a run's header, verdicts, per-variant figures and
   * criteria, from a run report ({@link #of(RunReport)}) or from another analysis of a suite's
   * cases (a traffic split).
   *
   * @param suite the suite's name
   * @param experiment the experiment id, or {@code null}
   * @param dataset the dataset, its hash and the cases read
   * @param seed the run's seed
   * @param engineVersion the engine's version
   * @param createdAt when the run ended (ISO-8601)
   * @param gate criteria results and verdicts
   * @param variants per-variant metrics, control first
   * @param table the variant table's rows, a header row first
   * @param promptVersions each variant's prompt version
   * @param note a sentence shown in bold under the verdicts (a caveat of the comparison), or {@code
   *     null}
   * @param aside a sentence shown plain under the note (a build setting that does not apply to the
   *     run), or {@code null}
   * @param agreement the "Agreement with people" table (a header row first), empty when no case is
   *     labelled
   * @param slices the "Slices" table (a header row first), empty without slices
   */
  public record Page(
      String suite,
      @Nullable String experiment,
      RunReport.DatasetInfo dataset,
      long seed,
      String engineVersion,
      String createdAt,
      GateResult gate,
      List<VariantMetrics> variants,
      List<List<String>> table,
      Map<String, String> promptVersions,
      @Nullable String note,
      @Nullable String aside,
      List<List<String>> agreement,
      List<List<String>> slices) {

    /** The page of a run report. */
    public static Page of(RunReport report) {
      Map<String, String> versions = new LinkedHashMap<>();
      report
          .variants()
          .forEach(v -> versions.put(v.name(), v.promptVersion() == null ? "" : v.promptVersion()));
      return new Page(
          report.suite(),
          report.experiment(),
          report.dataset(),
          report.seed(),
          report.engineVersion(),
          report.createdAt(),
          report.gate(),
          report.evaluation().variants(),
          Summary.rows(report),
          versions,
          null,
          null,
          AgreementTable.rows(report),
          SliceTable.rows(report));
    }
  }

  /**
   * Writes the page to {@code stream} (UTF-8), which the caller closes.
   *
   * @param live the page rows made while the run went, or {@code null}
   * @param chosenFromFile the cases chosen while {@code results} was written (a merge), or {@code
   *     null} to choose from {@code results} when {@code live} is {@code null} too
   */
  public static void write(
      RunReport report,
      Path results,
      @Nullable EmbeddedCases live,
      @Nullable CaseSelection chosenFromFile,
      OutputStream stream)
      throws IOException {
    write(Page.of(report), results, live, chosenFromFile, stream);
  }

  /**
   * Writes {@code page} with the rows made while its cases were analysed to {@code stream} (UTF-8),
   * which the caller closes.
   */
  public static void write(Page page, Path results, EmbeddedCases live, OutputStream stream)
      throws IOException {
    write(page, results, live, null, stream);
  }

  private static void write(
      Page report,
      Path results,
      @Nullable EmbeddedCases live,
      @Nullable CaseSelection chosenFromFile,
      OutputStream stream)
      throws IOException {
    Writer out =
        new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    String control =
        report.variants().stream()
            .filter(VariantMetrics::control)
            .map(VariantMetrics::variant)
            .findFirst()
            .orElse("");
    boolean large = live != null ? live.large() : report.dataset().cases() > EMBEDDED_CASES;
    CaseSelection selection =
        !large || live != null || !Files.isRegularFile(results)
            ? null
            : chosenFromFile != null ? chosenFromFile : CaseSelection.scan(results, control);
    PageRows.SystemPrompts prompts = live != null ? live.prompts() : new PageRows.SystemPrompts();
    PageTemplate.PAGE.write(
        out,
        slot -> {
          switch (slot) {
            case "suite" -> out.write(esc(report.suite()));
            case "css" -> out.write(PageTemplate.CSS);
            case "experiment" ->
                out.write(
                    report.experiment() == null
                        ? ""
                        : "experiment " + esc(report.experiment()) + " · ");
            case "dataset" -> out.write(esc(report.dataset().path()));
            case "cases" -> out.write(String.valueOf(report.dataset().cases()));
            case "sha256" ->
                out.write(
                    esc(
                        report
                            .dataset()
                            .sha256()
                            .substring(0, Math.min(12, report.dataset().sha256().length()))));
            case "seed" -> out.write(String.valueOf(report.seed()));
            case "version" -> out.write(esc(report.engineVersion()));
            case "created" -> out.write(esc(report.createdAt()));
            case "verdicts" -> verdicts(report.gate(), out);
            case "note" -> {
              if (report.note() != null) {
                out.write("<p class=\"note caveat\"><b>" + esc(report.note()) + "</b></p>");
              }
              if (report.aside() != null) {
                out.write("<p class=\"note\">" + esc(report.aside()) + "</p>");
              }
            }
            case "variants" -> variants(report.table(), out);
            case "pass-rate-chart" -> out.write(passRateChart(report.variants()));
            case "latency-chart" -> out.write(latencyChart(report.variants()));
            case "cost-chart" -> out.write(costChart(report.variants()));
            case "criteria" -> criteria(report.gate(), out);
            case "agreement" -> agreement(report.agreement(), out);
            case "slices" -> slices(report.slices(), out);
            case "embedded-note" -> {
              if (large && live != null) {
                embeddedNote(live.selected(), live.cases(), results, out);
              } else if (large && selection != null) {
                embeddedNote(selection.selected(), selection.cases(), results, out);
              }
            }
            case "flaky" -> flaky(report.variants(), out);
            case "error-classes" -> errorClasses(report.variants(), out);
            case "check-options" -> {
              Set<String> checks = new LinkedHashSet<>();
              report.variants().forEach(v -> checks.addAll(v.checks().keySet()));
              for (String check : checks) {
                out.write("<option>" + esc(check) + "</option>");
              }
            }
            case "meta" ->
                out.write(
                    island(
                        JSON.writeValueAsString(
                            new Object[] {
                              control,
                              report.variants().stream().map(VariantMetrics::variant).toList(),
                              report.promptVersions()
                            })));
            case "rows" -> rows(results, live, selection, prompts, out, stream);
            case "prompts" -> {
              StringWriter promptsJson = new StringWriter();
              try (JsonGenerator json = JSON.getFactory().createGenerator(promptsJson)) {
                prompts.write(json);
              }
              out.write(island(promptsJson.toString()));
            }
            case "script" -> out.write(PageTemplate.SCRIPT);
            default ->
                throw new IllegalStateException(
                    "report.html has a slot '" + slot + "' that the page does not fill");
          }
        });
    out.flush();
  }

  private static void embeddedNote(long selected, long cases, Path results, Writer out)
      throws IOException {
    String file = esc(results.getFileName().toString());
    out.write(
        String.format(
            Locale.US,
            PageTemplate.EMBEDDED_NOTE,
            selected,
            cases,
            MOVED_CASES,
            FAILING_CASES,
            PASSING_CASES,
            file,
            file));
  }

  private static void verdicts(GateResult gate, Writer out) throws IOException {
    for (Verdict v : gate.verdicts()) {
      out.write(
          "<div class=\"verdict "
              + v.decision().name().toLowerCase(Locale.ROOT)
              + "\"><b>"
              + v.decision()
              + "</b> "
              + esc(v.challenger())
              + " vs "
              + esc(v.control())
              + "<br><small>"
              + esc(v.message())
              + "</small></div>");
    }
  }

  private static void variants(List<List<String>> rows, Writer out) throws IOException {
    for (int i = 0; i < rows.size(); i++) {
      String cell = i == 0 ? "th" : "td";
      out.write("<tr>");
      for (String value : rows.get(i)) {
        out.write("<" + cell + ">" + esc(value) + "</" + cell + ">");
      }
      out.write("</tr>");
    }
  }

  private static void criteria(GateResult gate, Writer out) throws IOException {
    for (CriterionResult c : gate.criteria()) {
      out.write(
          "<tr class=\""
              + c.status().name().toLowerCase(Locale.ROOT)
              + "\"><td>"
              + switch (c.status()) {
                case HOLDS -> "<span class=\"pass\">✔</span>";
                case VIOLATED -> "<span class=\"fail\">✘</span>";
                case INCONCLUSIVE -> "<span class=\"warn\">?</span>";
              }
              + "</td><td>"
              + esc(c.criterion())
              + "</td><td>"
              + esc(c.variant() == null ? "all" : c.variant())
              + "</td><td>"
              + esc(c.message())
              + "</td><td>"
              + esc(c.detects() == null ? "" : c.detects())
              + "</td></tr>");
    }
  }

  /** The section on how well each labelled check agrees with people; nothing without labels. */
  private static void agreement(List<List<String>> rows, Writer out) throws IOException {
    section(
        "Agreement with people",
        "each labelled check against the dataset's labels; precision and recall are for failures"
            + " (the check fires)",
        "agreement",
        rows,
        out);
  }

  /** The section on each slice of the cases; nothing without slices. */
  private static void slices(List<List<String>> rows, Writer out) throws IOException {
    section(
        "Slices",
        "each slice's cases on their own: pass rates with 95 % Wilson intervals, and each"
            + " challenger's paired difference from the control (Newcombe's 95 % interval; worse"
            + " and better: cases that moved)",
        "slices",
        rows,
        out);
  }

  /** A section holding one table (its first row the header); nothing without rows. */
  private static void section(
      String title, String note, String tableClass, List<List<String>> rows, Writer out)
      throws IOException {
    if (rows.isEmpty()) {
      return;
    }
    out.write(
        "<section><h2>"
            + title
            + "</h2><p class=\"meta\">"
            + note
            + "</p><table class=\"metrics "
            + tableClass
            + "\">");
    for (int i = 0; i < rows.size(); i++) {
      String cell = i == 0 ? "th" : "td";
      out.write("<tr>");
      for (String value : rows.get(i)) {
        out.write("<" + cell + ">" + esc(value) + "</" + cell + ">");
      }
      out.write("</tr>");
    }
    out.write("</table></section>");
  }

  /**
   * The page rows, separated by {@code ",\n"}: those made while the run went (copied as bytes to
   * {@code stream} after {@code out} is flushed), else from the results file, every case's or the
   * chosen ones'.
   */
  private static void rows(
      Path results,
      @Nullable EmbeddedCases live,
      @Nullable CaseSelection selection,
      PageRows.SystemPrompts prompts,
      Writer out,
      OutputStream stream)
      throws IOException {
    if (live != null) {
      out.flush();
      live.rows(stream);
      return;
    }
    boolean[] first = {true};
    PageRows.FromResults fromResults = new PageRows.FromResults(prompts);
    RowSink embed =
        line -> {
          out.write((first[0] ? "" : ",") + island(fromResults.row(line)) + "\n");
          first[0] = false;
        };
    if (selection != null) {
      selection.read(results, embed);
    } else if (Files.isRegularFile(results)) {
      try (ResultsCursor cursor = new ResultsCursor(results, ResultsCursor.Reading.EVERYTHING)) {
        while (cursor.next()) {
          for (ResultsCursor.Row row : cursor.rows()) {
            embed.accept(row);
          }
        }
      }
    }
  }

  /**
   * The errors of each variant by class, with counts and the first message, above the system
   * prompts and the case table: a reader sees why cases have no answer before scrolling through
   * them.
   */
  private static void errorClasses(List<VariantMetrics> variants, Writer out) throws IOException {
    List<VariantMetrics> errored = Summary.errored(variants);
    if (errored.isEmpty()) {
      return;
    }
    out.write(
        "<div class=\"errors\"><h3>Errors by class</h3><table"
            + " class=\"errors\"><tr><th>variant</th><th>error class</th><th>calls</th><th>first"
            + " message</th></tr>");
    for (VariantMetrics v : errored) {
      for (Map.Entry<String, Long> e :
          v.errorsByClass().entrySet().stream()
              .sorted(
                  Map.Entry.<String, Long>comparingByValue()
                      .reversed()
                      .thenComparing(Map.Entry.comparingByKey()))
              .toList()) {
        out.write(
            "<tr><td>"
                + esc(v.variant())
                + "</td><td>"
                + esc(e.getKey())
                + "</td><td>"
                + e.getValue()
                + " of "
                + v.n()
                + "</td><td>"
                + esc(v.firstErrors().getOrDefault(e.getKey(), ""))
                + "</td></tr>");
      }
    }
    out.write("</table></div>");
  }

  /**
   * With repeats, the flakiness ledger's flaky cases per variant and check, with their passes of k,
   * above every other case: a flaky case is read before its verdict is trusted.
   */
  private static void flaky(List<VariantMetrics> variants, Writer out) throws IOException {
    List<Summary.FlakyList> lists = Summary.flaky(variants);
    if (lists.isEmpty()) {
      return;
    }
    out.write(
        "<div class=\"flaky\"><h3>Flaky cases</h3><table class=\"flaky\"><tr><th>variant</th>"
            + "<th>check</th><th>flaky</th><th>cases (passes of k)</th></tr>");
    for (Summary.FlakyList list : lists) {
      out.write(
          "<tr><td>"
              + esc(list.variant())
              + "</td><td>"
              + esc(list.check())
              + "</td><td>"
              + list.flaky()
              + " of "
              + list.cases()
              + " over "
              + list.k()
              + " repeats</td><td>"
              + list.text(
                  id -> "<a href=\"#case-" + Summary.anchor(id) + "\">" + esc(id) + "</a>",
                  RunAccumulator.LISTED)
              + "</td></tr>");
    }
    out.write("</table></div>");
  }

  /** Receives results lines as {@link ResultsCursor} reads them. */
  interface RowSink {
    void accept(ResultsCursor.Row line) throws IOException;
  }

  /**
   * Which cases a large run's page embeds: the byte ranges of at most {@value #EMBEDDED_CASES}
   * cases of a results file, chosen by the {@link EmbeddingRule} either in one pass over the file
   * that reads only case ids, variants, errors and checks ({@link #scan}), or case by case while
   * the file is written ({@link #building}, as a merge does).
   */
  public static final class CaseSelection {
    private final EmbeddingRule rule;
    private long[] ranges = new long[256];
    private int ranged;

    private CaseSelection(EmbeddingRule rule) {
      this.rule = rule;
    }

    int selected() {
      return rule.selected();
    }

    long cases() {
      return rule.cases();
    }

    /** A selection that is given the cases of a results file as it is written. */
    public static CaseSelection building(String control) {
      return new CaseSelection(
          new EmbeddingRule(control, List.of(), MOVED_CASES, FAILING_CASES, PASSING_CASES));
    }

    public static CaseSelection scan(Path results, String control) throws IOException {
      return scan(results, control, MOVED_CASES, FAILING_CASES, PASSING_CASES);
    }

    /**
     * Keeps at most {@code movedLimit}, {@code failingLimit} and {@code passingLimit} cases of each
     * kind.
     */
    static CaseSelection scan(
        Path results, String control, int movedLimit, int failingLimit, int passingLimit)
        throws IOException {
      CaseSelection selection =
          new CaseSelection(
              new EmbeddingRule(control, List.of(), movedLimit, failingLimit, passingLimit));
      try (ResultsCursor cursor = new ResultsCursor(results, ResultsCursor.Reading.CHECKS)) {
        while (cursor.next()) {
          selection.accept(cursor.rows(), cursor.caseStart(), cursor.caseEnd());
        }
      }
      return selection;
    }

    /**
     * The next case of the file, whose lines are at bytes {@code [start, end)}.
     *
     * @param rows the case's lines
     */
    public void accept(List<ResultsCursor.Row> rows, long start, long end) {
      rule.startCase();
      for (ResultsCursor.Row row : rows) {
        rule.call(row.outcome, row.passed);
      }
      if (rule.endCase()) {
        add(start, end);
      }
    }

    private void add(long start, long end) {
      if (ranged * 2 == ranges.length) {
        ranges = Arrays.copyOf(ranges, ranges.length * 2);
      }
      ranges[ranged * 2] = start;
      ranges[ranged * 2 + 1] = end;
      ranged++;
    }

    /** Hands the selected cases' lines to {@code rows}, every field read, in file order. */
    void read(Path results, RowSink rows) throws IOException {
      try (FileChannel channel = FileChannel.open(results, StandardOpenOption.READ)) {
        for (int i = 0; i < ranged; i++) {
          long start = ranges[i * 2];
          ByteBuffer buffer = ByteBuffer.allocate((int) (ranges[i * 2 + 1] - start));
          while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) > 0) {
            // read the whole range
          }
          for (ResultsCursor.Row row :
              ResultsCursor.rows(
                  results,
                  start,
                  buffer.array(),
                  buffer.position(),
                  ResultsCursor.Reading.EVERYTHING)) {
            rows.accept(row);
          }
        }
      }
    }
  }

  /**
   * The first {@value #TEXT_LIMIT} characters of a text the page shows, and what was left out and
   * where the whole text is; a character outside the BMP is not cut in half.
   */
  public static String truncate(String text) {
    return TextCut.keep(text, TEXT_LIMIT, ": the whole text is in " + ResultsWriter.FILE);
  }

  /**
   * JSON made safe to embed in a script element: every {@code <} and {@code >}, and U+2028 and
   * U+2029, become JSON's six-character escapes of themselves (backslash, u, four hex digits).
   * These characters only occur inside JSON strings, where the escapes mean the same characters, so
   * the text is still the same JSON; without a {@code <} the HTML parser can meet neither {@code
   * </script} (which would end the element) nor {@code <!--} (which would change how it looks for
   * the end), whatever the model or the dataset wrote.
   */
  static String island(String json) {
    StringBuilder out = null;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      String escape =
          switch (c) {
            case '<' -> "\\u003c";
            case '>' -> "\\u003e";
            case '\u2028' -> "\\u2028";
            case '\u2029' -> "\\u2029";
            default -> null;
          };
      if (escape != null && out == null) {
        out = new StringBuilder(json.length() + 16).append(json, 0, i);
      }
      if (out != null) {
        if (escape != null) {
          out.append(escape);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? json : out.toString();
  }

  /**
   * {@link #island(String)} on UTF-8 bytes: {@code <} and {@code >} are single bytes that are never
   * part of a longer character there, and U+2028 / U+2029 are the three bytes E2 80 A8 / E2 80 A9.
   * Returns {@code json} itself when nothing needs escaping.
   */
  static byte[] island(byte[] json) {
    int extra = 0;
    for (int i = 0; i < json.length; i++) {
      if (json[i] == '<' || json[i] == '>') {
        extra += 5;
      } else if (separator(json, i)) {
        extra += 3;
      }
    }
    if (extra == 0) {
      return json;
    }
    byte[] out = new byte[json.length + extra];
    int o = 0;
    for (int i = 0; i < json.length; i++) {
      byte b = json[i];
      if (b == '<' || b == '>') {
        o = escape(out, o, b == '<' ? "003c" : "003e");
      } else if (separator(json, i)) {
        o = escape(out, o, json[i + 2] == (byte) 0xA8 ? "2028" : "2029");
        i += 2;
      } else {
        out[o++] = b;
      }
    }
    return out;
  }

  /** Whether the bytes at {@code i} are U+2028 or U+2029 in UTF-8. */
  private static boolean separator(byte[] json, int i) {
    return json[i] == (byte) 0xE2
        && i + 2 < json.length
        && json[i + 1] == (byte) 0x80
        && (json[i + 2] == (byte) 0xA8 || json[i + 2] == (byte) 0xA9);
  }

  private static int escape(byte[] out, int o, String hex) {
    out[o++] = '\\';
    out[o++] = 'u';
    for (int k = 0; k < 4; k++) {
      out[o++] = (byte) hex.charAt(k);
    }
    return o;
  }

  private static String passRateChart(List<VariantMetrics> variants) {
    Set<String> checks = new LinkedHashSet<>();
    variants.forEach(v -> checks.addAll(v.checks().keySet()));
    List<String> labels = new ArrayList<>(checks);
    labels.add("all checks");
    int groupHeight = 14 * variants.size() + 12;
    int height = labels.size() * groupHeight + 30;
    StringBuilder svg =
        new StringBuilder(
            "<svg viewBox=\"0 0 600 "
                + height
                + "\" width=\"600\" height=\""
                + height
                + "\" role=\"img\"><g font-size=\"11\">");
    for (int i = 0; i < labels.size(); i++) {
      String label = labels.get(i);
      int y0 = 10 + i * groupHeight;
      svg.append("<text x=\"0\" y=\"")
          .append(y0 + 10)
          .append("\">")
          .append(esc(label))
          .append("</text>");
      for (int j = 0; j < variants.size(); j++) {
        VariantMetrics v = variants.get(j);
        Rate rate = label.equals("all checks") ? v.passAll() : v.checks().get(label);
        if (rate == null) {
          continue;
        }
        int y = y0 + 14 + j * 14;
        double w = rate.rate() * 300;
        svg.append(
            String.format(
                Locale.US,
                "<rect x=\"120\" y=\"%d\" width=\"%.1f\" height=\"10\" fill=\"%s\"><title>%s"
                    + " %.1f%%</title></rect>",
                y - 10,
                w,
                COLORS[j % COLORS.length],
                esc(v.variant()),
                rate.rate() * 100));
        svg.append(
            String.format(
                Locale.US,
                "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#222\"/>",
                120 + rate.low() * 300,
                120 + rate.high() * 300,
                y - 5,
                y - 5));
        svg.append(
            String.format(
                Locale.US,
                "<text x=\"430\" y=\"%d\">%s %.1f%%</text>",
                y,
                esc(v.variant()),
                rate.rate() * 100));
      }
    }
    return svg.append("</g></svg>").toString();
  }

  private static String latencyChart(List<VariantMetrics> variants) {
    double max = variants.stream().mapToDouble(v -> v.latencyMs().p99()).max().orElse(1);
    max = Math.max(max, 1);
    String[] names = {"p50", "p95", "p99"};
    int height = 3 * (14 * variants.size() + 12) + 20;
    StringBuilder svg =
        new StringBuilder(
            "<svg viewBox=\"0 0 520 "
                + height
                + "\" width=\"520\" height=\""
                + height
                + "\" role=\"img\"><g font-size=\"11\">");
    for (int i = 0; i < 3; i++) {
      int y0 = 10 + i * (14 * variants.size() + 12);
      svg.append("<text x=\"0\" y=\"")
          .append(y0 + 10)
          .append("\">")
          .append(names[i])
          .append("</text>");
      for (int j = 0; j < variants.size(); j++) {
        VariantMetrics v = variants.get(j);
        double value =
            i == 0 ? v.latencyMs().p50() : i == 1 ? v.latencyMs().p95() : v.latencyMs().p99();
        int y = y0 + 14 + j * 14;
        svg.append(
            String.format(
                Locale.US,
                "<rect x=\"60\" y=\"%d\" width=\"%.1f\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%.1f\" y=\"%d\">%s %,.0f ms</text>",
                y - 10,
                value / max * 300,
                COLORS[j % COLORS.length],
                66 + value / max * 300,
                y,
                esc(v.variant()),
                value));
      }
    }
    return svg.append("</g></svg>").toString();
  }

  private static String costChart(List<VariantMetrics> variants) {
    double maxCost =
        variants.stream()
            .mapToDouble(v -> v.cost().per1kCalls() == null ? 0 : v.cost().per1kCalls())
            .max()
            .orElse(0);
    double maxTokens =
        variants.stream()
            .mapToDouble(
                v ->
                    v.n() - v.errored() == 0
                        ? 0
                        : (double) (v.promptTokens() + v.completionTokens())
                            / (v.n() - v.errored()))
            .max()
            .orElse(0);
    int height = 2 * (14 * variants.size() + 12) + 20;
    StringBuilder svg =
        new StringBuilder(
            "<svg viewBox=\"0 0 520 "
                + height
                + "\" width=\"520\" height=\""
                + height
                + "\" role=\"img\"><g font-size=\"11\">");
    for (int i = 0; i < 2; i++) {
      int y0 = 10 + i * (14 * variants.size() + 12);
      svg.append("<text x=\"0\" y=\"")
          .append(y0 + 10)
          .append("\">")
          .append(i == 0 ? "$ / 1K calls" : "tokens / call")
          .append("</text>");
      for (int j = 0; j < variants.size(); j++) {
        VariantMetrics v = variants.get(j);
        long answered = v.n() - v.errored();
        Double value =
            i == 0
                ? v.cost().per1kCalls()
                : Double.valueOf(
                    answered == 0
                        ? 0
                        : (double) (v.promptTokens() + v.completionTokens()) / answered);
        double max = i == 0 ? maxCost : maxTokens;
        int y = y0 + 14 + j * 14;
        double width = value == null || max == 0 ? 0 : value / max * 300;
        String text =
            value == null
                ? "unknown"
                : i == 0
                    ? String.format(Locale.US, "$%.4f", value)
                    : String.format(Locale.US, "%,.0f", value);
        svg.append(
            String.format(
                Locale.US,
                "<rect x=\"90\" y=\"%d\" width=\"%.1f\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%.1f\" y=\"%d\">%s %s</text>",
                y - 10,
                width,
                COLORS[j % COLORS.length],
                96 + width,
                y,
                esc(v.variant()),
                text));
      }
    }
    return svg.append("</g></svg>").toString();
  }
}

package dev.evalgate.engine.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.evaluation.Judgement;
import dev.evalgate.engine.io.AtomicFiles;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.CaseSink;
import dev.evalgate.engine.model.PreparingSink;
import dev.evalgate.engine.recording.RecordingStore;
import dev.evalgate.engine.redact.Redactor;
import dev.evalgate.engine.report.allure.AllureWriter;
import dev.evalgate.engine.report.html.EmbeddedCases;
import dev.evalgate.engine.report.html.Html;
import dev.evalgate.engine.report.results.CaseTexts;
import dev.evalgate.engine.report.results.ResultsWriter;
import dev.evalgate.engine.report.summary.RunReport;
import dev.evalgate.engine.report.summary.Summary;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The reports of one suite run, under {@code <output dir>/<suite>/} (one folder per shard when
 * sharded): {@code results.jsonl} streamed while the run goes, then {@code report.json}, {@code
 * report.md} and {@code report.html}, and Allure results. Formats are in REPORTS.md.
 *
 * <pre>{@code
 * RunReports reports = RunReports.open(config, suite, variants, "datasets/tickets.jsonl");
 * reports.sinks().forEach(pipeline::register);
 * RunReports.Written written = reports.finish(evaluator.finish(), sha256, cases, skipped);
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RunReports {
  public static final String REPORT_JSON = "report.json";
  public static final String REPORT_MD = "report.md";
  public static final String REPORT_HTML = "report.html";
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The files of a suite's folder that are written under a temporary name first. */
  static final List<String> TEMP_NAMES =
      List.of(ResultsWriter.FILE, EmbeddedCases.TEMP_NAME, REPORT_JSON, REPORT_MD, REPORT_HTML);

  private final EngineConfiguration config;
  private final SuiteSpec suite;
  private final List<VariantSpec> variants;
  private final String datasetLocation;
  private final Path folder;
  private final ResultsWriter results;
  private final @Nullable AllureWriter allure;
  private final EmbeddedCases embedded;
  private final Redactor redactor;

  /** What was written. */
  public record Written(RunReport report, List<Path> files, String console, Path html) {}

  private RunReports(
      EngineConfiguration config,
      SuiteSpec suite,
      List<VariantSpec> variants,
      String datasetLocation,
      String datasetPath,
      java.util.Collection<String> secrets) {
    this.config = config;
    this.suite = suite;
    this.variants = List.copyOf(variants);
    this.datasetLocation = datasetLocation;
    this.folder = folder(config, suite.name());
    this.redactor = redactor(config).withSecrets(secrets);
    AtomicFiles.removeLeftovers(folder, TEMP_NAMES);
    this.results = new ResultsWriter(suite, variants, folder, redactor);
    this.embedded =
        new EmbeddedCases(
            suite.control().name(),
            suite.checks().stream().map(c -> c.name()).toList(),
            folder,
            redactor);
    this.allure =
        config.allureEnabled()
            ? new AllureWriter(
                suite,
                variants,
                config.allureResultsDir(),
                datasetLocation,
                redactor,
                new AllureWriter.Options(
                    config.allureMaxResults(),
                    config.allureWriterQueue(),
                    datasetPath,
                    config.shard().toString(),
                    config.gateInconclusive(),
                    !AllureWriter.allureJunitPlatformPresent()))
            : null;
  }

  /** The folder a suite's run writes to: {@code <output dir>/<name>[/shard-I-of-N]}. */
  public static Path folder(EngineConfiguration config, String suite) {
    String shard =
        config.shard().count() == 1
            ? ""
            : "/shard-" + config.shard().index() + "-of-" + config.shard().count();
    return config.outputDir().resolve(RecordingStore.slug(suite) + shard);
  }

  public static RunReports open(
      EngineConfiguration config,
      SuiteSpec suite,
      List<VariantSpec> variants,
      String datasetLocation) {
    return new RunReports(config, suite, variants, datasetLocation, datasetLocation, List.of());
  }

  /**
   * @param datasetPath the dataset as the Allure results name it beside each case's line: the file
   *     under {@code src/} relative to the working directory when the suite reads its build copy
   */
  public static RunReports open(
      EngineConfiguration config,
      SuiteSpec suite,
      List<VariantSpec> variants,
      String datasetLocation,
      String datasetPath) {
    return new RunReports(config, suite, variants, datasetLocation, datasetPath, List.of());
  }

  /**
   * As {@link #open(EngineConfiguration, SuiteSpec, List, String, String)}, replacing the run's
   * secret values (keys, header values, credentials in base URLs) in every text written, whatever
   * the rules say.
   */
  public static RunReports open(
      EngineConfiguration config,
      SuiteSpec suite,
      List<VariantSpec> variants,
      String datasetLocation,
      String datasetPath,
      java.util.Collection<String> secrets) {
    return new RunReports(config, suite, variants, datasetLocation, datasetPath, secrets);
  }

  /**
   * The configured rules; never a fallback (discovery refuses invalid rules, so this only guards
   * other callers).
   */
  static Redactor redactor(EngineConfiguration config) {
    return config.redactor();
  }

  public Path folder() {
    return folder;
  }

  /** The text with the run's redaction rules applied, as everything written is. */
  public String redact(String text) {
    return redactor.apply(text);
  }

  /** The sinks that must see every case result. */
  public List<CaseSink> sinks() {
    List<CaseSink> sinks = new ArrayList<>();
    sinks.add(new ResultsAndPage());
    if (allure != null) {
      sinks.add(allure);
    }
    return sinks;
  }

  /** The results line and the page rows of a case, prepared from one redaction of its texts. */
  private record Lines(byte[] results, EmbeddedCases.Rows page) {}

  /** Feeds the results file and the page rows, in that order, from texts redacted once a case. */
  private final class ResultsAndPage implements PreparingSink<Lines> {
    @Override
    public Lines prepare(CaseResult result) {
      CaseTexts texts = new CaseTexts(result, redactor);
      return new Lines(results.prepare(result, texts), embedded.prepare(result, texts));
    }

    @Override
    public void accept(CaseResult result, Lines lines) {
      results.accept(result, lines.results());
      embedded.accept(result, lines.page());
    }
  }

  /**
   * Closes the results file and writes every run-level report.
   *
   * @param judged what the run's evaluator concluded; its plan's seed is the one reported
   */
  public Written finish(Judgement judged, String datasetSha256, long cases, long skippedRows)
      throws IOException {
    return finish(judged, datasetSha256, cases, skippedRows, 0, null);
  }

  /**
   * Closes the results and writes the run-level reports of a run that may have stopped at a look.
   *
   * @param skippedRows dataset rows that could not be used
   * @param wholeFileProblems problems of the dataset as a whole, which skipped no row
   * @param sequential where a sequential run stopped, {@code null} for a run judged once
   */
  public Written finish(
      Judgement judged,
      String datasetSha256,
      long cases,
      long skippedRows,
      long wholeFileProblems,
      RunReport.@Nullable Sequential sequential)
      throws IOException {
    results.close();
    RunReport report =
        RunReport.of(
            RunReport.Subject.of(suite, variants, judged.plan().seed()),
            new RunReport.DatasetInfo(datasetLocation, datasetSha256, cases),
            config.shard().toString(),
            judged,
            skippedRows,
            wholeFileProblems,
            sequential);
    Written written;
    try {
      written = writeRunLevel(folder, report, results.path(), embedded, null);
    } finally {
      embedded.delete();
    }
    if (allure == null) {
      return written;
    }
    allure.finish(report);
    return new Written(
        report,
        written.files(),
        written.console() + allureHint(config.allureResultsDir()),
        written.html());
  }

  /**
   * The build log's line about the Allure results: the folder, and the command that opens it with
   * the folder's absolute path. The tests run in the module's folder while a build may be started
   * anywhere above it (a repository root, {@code -pl}, an IDE), and the test JVM cannot tell where:
   * an absolute path is right from any of them.
   */
  static String allureHint(Path folder) {
    String absolute = folder.toAbsolutePath().normalize().toString();
    return "  allure results: "
        + absolute
        + " (open with: npx allure-commandline serve "
        + absolute
        + ")\n";
  }

  /**
   * Writes {@code report.json}, {@code report.md} and {@code report.html} for a report whose
   * results are written.
   */
  public static Written writeRunLevel(Path folder, RunReport report, Path results)
      throws IOException {
    return writeRunLevel(folder, report, results, null, null);
  }

  /**
   * {@link #writeRunLevel(Path, RunReport, Path)} with the page's cases chosen while {@code
   * results} was written.
   */
  public static Written writeRunLevel(
      Path folder, RunReport report, Path results, Html.CaseSelection chosen) throws IOException {
    return writeRunLevel(folder, report, results, null, chosen);
  }

  private static Written writeRunLevel(
      Path folder,
      RunReport report,
      Path results,
      @Nullable EmbeddedCases embedded,
      Html.@Nullable CaseSelection chosen)
      throws IOException {
    Path json = folder.resolve(REPORT_JSON);
    AtomicFiles.write(json, JSON.writeValueAsString(report));
    Path md = folder.resolve(REPORT_MD);
    AtomicFiles.write(md, Summary.markdown(report, REPORT_HTML));
    Path html = folder.resolve(REPORT_HTML);
    Path temp = AtomicFiles.temp(folder, REPORT_HTML);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
      Html.write(report, results, embedded, chosen, out);
    }
    AtomicFiles.move(temp, html);
    String console = Summary.console(report) + "  reports: " + html.toAbsolutePath() + "\n";
    return new Written(report, List.of(results, json, md, html), console, html);
  }

  /** Closes the results file after a failed run so that what was written is kept. */
  public void abandon() {
    try {
      embedded.delete();
      results.close();
    } catch (RuntimeException ignored) {
      // already failing; the run's own error is reported
    }
    if (allure != null) {
      try {
        allure.close();
      } catch (RuntimeException ignored) {
        // already failing; the run's own error is reported
      }
    }
  }
}

package dev.evalgate.engine.execution;

import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.Exchange;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.api.TraceSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.dataset.CaseSampling;
import dev.evalgate.engine.dataset.DatasetException;
import dev.evalgate.engine.dataset.DatasetReader;
import dev.evalgate.engine.dataset.DatasetSource;
import dev.evalgate.engine.dataset.RowProblem;
import dev.evalgate.engine.gate.ClaimResults;
import dev.evalgate.engine.gate.GateResult;
import dev.evalgate.engine.io.AtomicFiles;
import dev.evalgate.engine.metrics.VariantLabel;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.VariantOutcome;
import dev.evalgate.engine.recording.RecordingStore;
import dev.evalgate.engine.redact.Redactor;
import dev.evalgate.engine.report.html.EmbeddedCases;
import dev.evalgate.engine.report.results.CaseTexts;
import dev.evalgate.engine.report.results.ResultsWriter;
import dev.evalgate.engine.report.split.SplitReport;
import dev.evalgate.engine.report.summary.RunReport;
import dev.evalgate.engine.split.SplitAccumulator;
import dev.evalgate.engine.split.SplitGate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A suite over a traffic split ({@code dataset.split: true}): each production call was answered by
 * the variant its {@code variant} field names, so no variant is called. The logged answer is that
 * variant's recorded answer; the suite's checks run on it, the metrics and the unpaired comparisons
 * are accumulated, and the suite's criteria judged ({@link SplitGate}); the reports say the
 * comparison is observational.
 */
final class TrafficSplitRun {
  private final EngineConfiguration config;
  private final RunEnvironment environment;

  TrafficSplitRun(EngineConfiguration config, RunEnvironment environment) {
    this.config = config;
    this.environment = environment;
  }

  /**
   * @param selection the dataset's sample, limit and shard, as for a replay
   * @param seed the run's seed (of the sample and the bootstrap intervals)
   * @param claims whether the criteria are judged and the reports written; false when only cases
   *     were selected (an IDE runs one case): then only those are checked, and nothing is written
   * @param selectedCases ids of individually selected cases
   */
  SuiteOutcome run(
      SuiteSpec spec,
      List<VariantSpec> variants,
      DatasetSource dataset,
      CaseSampling selection,
      long seed,
      boolean claims,
      Set<String> selectedCases) {
    List<RowProblem> problems = new ArrayList<>();
    Map<String, VariantSpec> byName = new LinkedHashMap<>();
    variants.forEach(v -> byName.put(v.name(), v));
    Map<String, Long> undeclared = new LinkedHashMap<>();
    Map<String, CaseResult> selected = new LinkedHashMap<>();
    Map<String, String> notRun = new LinkedHashMap<>();
    List<VariantLabel> labels = variants.stream().map(VariantLabel::of).toList();
    SplitAccumulator split =
        new SplitAccumulator(
            labels,
            spec.checks().stream().map(Check::name).toList(),
            seed,
            spec.gate().confidence(),
            config.redactor()::apply);
    Path folder = folder(config, spec.name());
    Redactor redactor = config.redactor();
    ResultsWriter results = null;
    EmbeddedCases page = null;
    long count = 0;
    long read = 0;
    String sha256;
    try (DatasetReader reader =
        DatasetReader.open(dataset, spec.dataset(), redactor, problems::add)) {
      if (claims) {
        AtomicFiles.removeLeftovers(
            folder, List.of(ResultsWriter.FILE, EmbeddedCases.TEMP_NAME, SplitReport.HTML_FILE));
        results = new ResultsWriter(spec, variants, folder, redactor);
        page =
            new EmbeddedCases(
                spec.control().name(),
                spec.checks().stream().map(Check::name).toList(),
                folder,
                redactor);
      }
      Iterator<EvalCase> cases = selection.apply(reader);
      while (cases.hasNext()) {
        EvalCase evalCase = cases.next();
        if (!claims && !selectedCases.contains(evalCase.id())) {
          continue;
        }
        read++;
        Object named = evalCase.variable("variant");
        VariantSpec variant = named == null ? null : byName.get(named.toString());
        if (variant == null) {
          undeclared.merge(named == null ? "(none)" : named.toString(), 1L, Long::sum);
          if (selectedCases.contains(evalCase.id())) {
            notRun.put(evalCase.id(), undeclaredVariant(named, byName.keySet()));
          }
          continue;
        }
        ModelResponse response = logged(evalCase);
        if (response == null) {
          problems.add(
              new RowProblem(
                  dataset.location(),
                  evalCase.line(),
                  "no logged answer (answer) nor error; expected the answer the variant gave in"
                      + " production"));
          continue;
        }
        CaseResult result =
            new CaseResult(
                evalCase,
                Map.of(variant.name(), evalCase.messages()),
                List.of(check(spec, variant, evalCase, response)));
        if (selectedCases.contains(result.caseId())) {
          selected.put(result.caseId(), result);
        }
        if (results != null && page != null) {
          split.accept(result);
          // the results line and the page rows of a call, from one redaction of its texts
          CaseTexts texts = new CaseTexts(result, redactor);
          results.accept(result, results.prepare(result, texts));
          page.accept(result, page.prepare(result, texts));
        }
        count++;
      }
      reader.close();
      sha256 = reader.sha256();
      if (results != null) {
        results.close();
      }
    } catch (DatasetException e) {
      abandon(results, page);
      return SuiteOutcome.failed(SuiteOutcome.Part.DATASET, e.describe());
    } catch (UncheckedIOException e) {
      abandon(results, page);
      String message = e.getCause() == null ? null : e.getCause().getMessage();
      return SuiteOutcome.failed(message == null ? e.toString() : message);
    } catch (IOException e) {
      abandon(results, page);
      return SuiteOutcome.failed(dataset.location() + ": cannot read the dataset: " + e);
    }
    if (results == null || page == null) {
      // only selected cases ran: nothing is judged or written
      return new SuiteOutcome(problems, count, Map.of(), selected, List.of(), "", notRun);
    }
    SplitAccumulator.Split figures = split.finish();
    List<String> challengers = spec.challengers().stream().map(VariantSpec::name).toList();
    GateResult gate =
        SplitGate.judge(
            spec.control().name(),
            challengers,
            spec.gate(),
            figures,
            undeclared,
            read(read, dataset.location(), spec.dataset().traces(), selection));
    SplitReport report =
        new SplitReport(
            SplitReport.FORMAT,
            spec.name(),
            spec.experiment(),
            SplitGate.OBSERVATIONAL,
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
            new RunReport.DatasetInfo(dataset.location(), sha256, count),
            undeclared,
            config.baseline() == null ? null : SplitReport.BASELINE_NOT_APPLIED,
            figures.evaluation().variants(),
            figures.comparisons(),
            gate);
    List<Path> files = new ArrayList<>();
    Path html;
    try {
      files.addAll(report.write(folder));
      Map<String, String> versions = new LinkedHashMap<>();
      variants.forEach(v -> versions.put(v.name(), v.promptVersion()));
      html = report.writePage(folder, seed, versions, results.path(), page);
      files.add(html);
      files.add(results.path());
    } catch (IOException | UncheckedIOException e) {
      return SuiteOutcome.failed(
          "cannot write the traffic split's reports in " + folder + ": " + e);
    } finally {
      page.delete();
    }
    String console = report.console() + "  reports: " + html.toAbsolutePath() + "\n";
    environment.console().print(console);
    environment.console().flush();
    return new SuiteOutcome(
        problems, count, ClaimResults.of(spec, gate), selected, files, console, notRun);
  }

  /** The folder a traffic split writes its reports to: one per suite name, never per shard. */
  static Path folder(EngineConfiguration config, String suite) {
    return config.outputDir().resolve(RecordingStore.slug(suite));
  }

  /**
   * The calls a split read and how they were chosen, for a variant that received none: "80 calls
   * read from traces/week.jsonl (from 2026-11-23T00:00:00Z to 2026-11-30T00:00:00Z, where
   * deployment.environment: prod and region: eu, the 2000 most recent, a sample of 200)".
   */
  static String read(
      long calls, String location, @Nullable TraceSpec traces, CaseSampling selection) {
    List<String> window = new ArrayList<>();
    if (traces != null) {
      Instant from = traces.from();
      Instant to = traces.to();
      if (from != null) {
        window.add("from " + from + (to == null ? "" : " to " + to));
      } else if (to != null) {
        window.add("before " + to);
      }
      List<String> where = new ArrayList<>();
      new TreeMap<>(traces.where()).forEach((k, v) -> where.add(k + ": " + v));
      if (!where.isEmpty()) {
        window.add("where " + String.join(" and ", where));
      }
      if (traces.recent() != null) {
        window.add("the " + traces.recent() + " most recent");
      }
    }
    if (selection.sample() != null) {
      window.add("a sample of " + selection.sample());
    }
    if (selection.limit() != null) {
      window.add("at most " + selection.limit());
    }
    return calls
        + (calls == 1 ? " call" : " calls")
        + " read from "
        + location
        + " ("
        + (window.isEmpty() ? "every call of the file" : String.join(", ", window))
        + ")";
  }

  /** Why a selected call of a variant the suite does not declare is not checked. */
  private static String undeclaredVariant(@Nullable Object named, Set<String> declared) {
    return (named == null
            ? "the call names no variant"
            : "the call was answered by variant '" + named + "', which the suite does not declare")
        + ", so it is not checked; the suite's variants: "
        + String.join(", ", declared);
  }

  /** Keeps what was written of the results after a failed run, and removes the page's rows. */
  private static void abandon(@Nullable ResultsWriter results, @Nullable EmbeddedCases page) {
    try {
      if (page != null) {
        page.delete();
      }
      if (results != null) {
        results.close();
      }
    } catch (RuntimeException ignored) {
      // already failing; the run's own error is reported
    }
  }

  /** The answer production logged, as the variant's recorded answer; null when there is none. */
  private static @Nullable ModelResponse logged(EvalCase evalCase) {
    Duration latency = Duration.ofNanos(Math.round(number(evalCase, "latency_ms", 0) * 1e6));
    Object error = evalCase.variable("error");
    if (error != null) {
      return ModelResponse.failure(ErrorClass.SERVER_ERROR, error.toString(), latency, 0)
          .asRecorded();
    }
    Object answer = evalCase.variable("answer");
    if (answer == null) {
      return null;
    }
    long in = (long) number(evalCase, "input_tokens", -1);
    long out = (long) number(evalCase, "output_tokens", -1);
    TokenUsage usage = in < 0 || out < 0 ? TokenUsage.NONE : new TokenUsage(in, out, false);
    return new ModelResponse(
        answer.toString(), "stop", usage, latency, null, 200, null, null, null, true);
  }

  private static double number(EvalCase evalCase, String field, double absent) {
    Object value = evalCase.variable(field);
    if (value == null) {
      return absent;
    }
    try {
      return Double.parseDouble(value.toString());
    } catch (NumberFormatException e) {
      return absent;
    }
  }

  private VariantOutcome check(
      SuiteSpec spec, VariantSpec variant, EvalCase evalCase, ModelResponse response) {
    if (response.isError()) {
      return new VariantOutcome(variant.name(), 0, response, null, List.of());
    }
    Double cost = environment.prices().cost(variant, response.usage());
    Exchange exchange =
        new Exchange(
            evalCase, variant.name(), variant.model(), evalCase.messages(), response, cost, 0);
    List<CheckResult> results = new ArrayList<>();
    for (Check check : spec.checks()) {
      try {
        results.add(check.evaluate(exchange));
      } catch (RuntimeException e) {
        results.add(
            CheckResult.fail(
                check.name(),
                "the check threw "
                    + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())));
      }
    }
    return new VariantOutcome(variant.name(), 0, response, cost, results);
  }
}

package dev.evalgate.engine.execution;

import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.Exchange;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.dataset.DatasetException;
import dev.evalgate.engine.dataset.DatasetReader;
import dev.evalgate.engine.dataset.DatasetSource;
import dev.evalgate.engine.dataset.RowProblem;
import dev.evalgate.engine.gate.ClaimResults;
import dev.evalgate.engine.gate.GateResult;
import dev.evalgate.engine.metrics.VariantLabel;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.VariantOutcome;
import dev.evalgate.engine.recording.RecordingStore;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  SuiteOutcome run(SuiteSpec spec, List<VariantSpec> variants, DatasetSource dataset) {
    List<RowProblem> problems = new ArrayList<>();
    Map<String, VariantSpec> byName = new LinkedHashMap<>();
    variants.forEach(v -> byName.put(v.name(), v));
    Map<String, Long> undeclared = new LinkedHashMap<>();
    List<VariantLabel> labels = variants.stream().map(VariantLabel::of).toList();
    SplitAccumulator split =
        new SplitAccumulator(
            labels,
            spec.checks().stream().map(Check::name).toList(),
            spec.seed(),
            spec.gate().confidence(),
            config.redactor()::apply);
    long count = 0;
    String sha256;
    try (DatasetReader reader =
        DatasetReader.open(dataset, spec.dataset(), config.redactor(), problems::add)) {
      while (reader.hasNext()) {
        EvalCase evalCase = reader.next();
        Object named = evalCase.variable("variant");
        VariantSpec variant = named == null ? null : byName.get(named.toString());
        if (variant == null) {
          undeclared.merge(named == null ? "(none)" : named.toString(), 1L, Long::sum);
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
        split.accept(
            new CaseResult(
                evalCase,
                Map.of(variant.name(), evalCase.messages()),
                List.of(check(spec, variant, evalCase, response))));
        count++;
      }
      reader.close();
      sha256 = reader.sha256();
    } catch (DatasetException e) {
      return SuiteOutcome.failed(e.describe());
    } catch (UncheckedIOException e) {
      String message = e.getCause() == null ? null : e.getCause().getMessage();
      return SuiteOutcome.failed(message == null ? e.toString() : message);
    } catch (IOException e) {
      return SuiteOutcome.failed(dataset.location() + ": cannot read the dataset: " + e);
    }
    SplitAccumulator.Split figures = split.finish();
    List<String> challengers = spec.challengers().stream().map(VariantSpec::name).toList();
    GateResult gate = SplitGate.judge(spec.control().name(), challengers, spec.gate(), figures);
    SplitReport report =
        new SplitReport(
            SplitReport.FORMAT,
            spec.name(),
            spec.experiment(),
            SplitGate.OBSERVATIONAL,
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
            new RunReport.DatasetInfo(dataset.location(), sha256, count),
            undeclared,
            figures.evaluation().variants(),
            figures.comparisons(),
            gate);
    Path folder = config.outputDir().resolve(RecordingStore.slug(spec.name()));
    List<Path> files;
    try {
      files = report.write(folder);
    } catch (IOException e) {
      return SuiteOutcome.failed(
          "cannot write the traffic split's reports in " + folder + ": " + e);
    }
    String console = report.console() + "  reports: " + files.get(1) + "\n";
    environment.console().print(console);
    environment.console().flush();
    return new SuiteOutcome(
        null, problems, count, ClaimResults.of(spec, gate), Map.of(), files, console);
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

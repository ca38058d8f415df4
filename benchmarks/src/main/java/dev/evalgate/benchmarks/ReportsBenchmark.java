package dev.evalgate.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.Exchange;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.config.Settings;
import dev.evalgate.engine.evaluation.EvaluationPlan;
import dev.evalgate.engine.evaluation.Evaluator;
import dev.evalgate.engine.gate.GateEvaluator;
import dev.evalgate.engine.gate.GateResult;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.RunAccumulator;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.CaseSink;
import dev.evalgate.engine.model.VariantOutcome;
import dev.evalgate.engine.prompt.PromptRenderer;
import dev.evalgate.engine.provider.PriceTable;
import dev.evalgate.engine.redact.Redactor;
import dev.evalgate.engine.report.RunReports;
import dev.evalgate.engine.report.merge.ShardMerger;
import dev.evalgate.engine.report.results.ResultsWriter;
import dev.evalgate.engine.report.summary.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Statistics and reports at a million cases x 2 variants (the {@link ScaleSuite} suite: schema,
 * refusal and length checks, answers imitating the simulator's), each measured as one shot:
 *
 * <ul>
 *   <li>{@code statistics}: every case result fed to the {@link RunAccumulator} as a run does, then
 *       the evaluation (Wilson and Newcombe intervals, McNemar, seeded bootstraps) and the gate;
 *   <li>{@code reports}: {@code report.json}, {@code report.md} and {@code report.html} written
 *       from a finished report and its 2,000,000-line {@code results.jsonl} alone (what
 *       re-rendering or a merge does: the page's cases are chosen in a streaming pass over the
 *       file);
 *   <li>{@code merge}: the report rebuilt from the results file alone, as {@code evalgate:merge}
 *       does for shards: every line parsed (a streaming parse that skips prompts), accumulated, its
 *       bytes copied to the merged file, the page's cases chosen on the way, and all reports
 *       written;
 *   <li>{@code runEnd} (state {@link RunEnd}): what the end of a live run costs. Each iteration's
 *       setup (not measured) feeds every case through the run's sinks as a run does (metrics,
 *       {@code results.jsonl}, the page's case choice; Allure off); the measured part is the
 *       accumulators' finish, the gate and {@code RunReports.finish} (report.json, .md, .html).
 * </ul>
 *
 * <p>{@code reports} and {@code merge} first write the results file (about 2.5 GB) under {@code
 * target/reports-bench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx512m"})
public class ReportsBenchmark {
  private static final int POOL = 4096;

  @Param("1000000")
  public int cases;

  SuiteSpec suite;
  private Map<String, List<ChatMessage>>[] prompts;
  private List<VariantOutcome>[] outcomes;
  private String[] questions;

  /** What {@link RunAccumulator#prepare} makes of each pooled case (word counts). */
  private int[][] prepared;

  @Setup(Level.Trial)
  @SuppressWarnings("unchecked")
  public void setUp() throws Exception {
    Path schema = Path.of("target/reports-bench/schema.json");
    Files.createDirectories(schema.getParent());
    Files.writeString(
        schema,
        "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\",\"required\":[\"answer\"],"
            + "\"properties\":{\"answer\":{\"type\":\"string\"},\"confidence\":{\"type\":\"number\"},\"tags\":{\"type\":\"array\"}}}");
    System.setProperty("bench.schema", schema.toString());
    System.setProperty("bench.dataset", "target/reports-bench/dataset.jsonl");
    suite = ScaleSuite.scale();
    prompts = new Map[POOL];
    outcomes = new List[POOL];
    questions = new String[POOL];
    PriceTable prices = PriceTable.bundled();
    for (int i = 0; i < POOL; i++) {
      questions[i] =
          "Question "
              + i
              + ": what is the status of order "
              + i * 7919
              + " and what should the customer do next?";
      EvalCase evalCase = EvalCase.of("q-" + i, Map.of("question", questions[i]));
      Map<String, List<ChatMessage>> byVariant = new LinkedHashMap<>();
      List<VariantOutcome> answers = new ArrayList<>();
      for (VariantSpec variant : suite.variants()) {
        List<ChatMessage> prompt =
            new PromptRenderer(variant.name(), variant.prompt()).render(evalCase);
        byVariant.put(variant.name(), prompt);
        ModelResponse response = variant.function().answer(prompt);
        Double cost = prices.cost(variant, response.usage());
        Exchange exchange =
            new Exchange(evalCase, variant.name(), variant.model(), prompt, response, cost, 0);
        List<CheckResult> checks = new ArrayList<>();
        for (Check check : suite.checks()) {
          checks.add(check.evaluate(exchange));
        }
        answers.add(new VariantOutcome(variant.name(), 0, response, cost, checks));
      }
      prompts[i] = byVariant;
      outcomes[i] = answers;
    }
    prepared = new int[POOL][];
    RunAccumulator preparer = new RunAccumulator(suite);
    for (int i = 0; i < POOL; i++) {
      prepared[i] = preparer.prepare(caseResult(i));
    }
  }

  /** A finished run's results file (about 2.5 GB at a million cases) and report. */
  @State(Scope.Benchmark)
  public static class ResultsFile {
    Path folder;
    Path results;
    RunReport report;

    @Setup(Level.Trial)
    public void write(ReportsBenchmark bench) throws IOException {
      SuiteSpec suite = bench.suite;
      folder = Path.of("target/reports-bench/run");
      deleteTree(folder);
      Files.createDirectories(folder);
      RunAccumulator metrics = new RunAccumulator(suite);
      ResultsWriter writer = new ResultsWriter(suite, suite.variants(), folder, Redactor.NONE);
      for (int i = 0; i < bench.cases; i++) {
        CaseResult result = bench.caseResult(i);
        metrics.accept(result);
        writer.accept(result);
      }
      writer.close();
      results = writer.path();
      Evaluation evaluation = metrics.finish();
      GateResult gate = GateEvaluator.evaluate(suite, evaluation);
      List<RunReport.VariantInfo> info =
          suite.variants().stream()
              .map(
                  v ->
                      new RunReport.VariantInfo(
                          v.name(),
                          v.control(),
                          v.provider(),
                          v.model(),
                          v.promptVersion(),
                          Map.of()))
              .toList();
      report =
          new RunReport(
              RunReport.FORMAT,
              suite.name(),
              null,
              "bench",
              "2026-01-01T00:00:00Z",
              new RunReport.DatasetInfo("dataset.jsonl", "0".repeat(64), bench.cases),
              "0".repeat(64),
              "0".repeat(64),
              suite.seed(),
              "1/1",
              info,
              evaluation,
              gate,
              0,
              suite.gate(),
              suite.checks().stream()
                  .map(c -> new RunReport.CheckInfo(c.name(), c.family()))
                  .toList(),
              1);
      Files.writeString(
          folder.resolve("report.json"), new ObjectMapper().writeValueAsString(report));
    }
  }

  CaseResult caseResult(int i) {
    int k = i % POOL;
    EvalCase evalCase =
        EvalCase.builder("q-" + Integer.toString(10_000_000 + i + 1).substring(1))
            .line(i + 1)
            .build();
    return new CaseResult(evalCase, prompts[k], outcomes[k]);
  }

  @Benchmark
  public GateResult statistics() {
    RunAccumulator metrics = new RunAccumulator(suite);
    for (int i = 0; i < cases; i++) {
      metrics.accept(caseResult(i));
    }
    return GateEvaluator.evaluate(suite, metrics.finish());
  }

  /**
   * The part of {@link #statistics} left on the pipeline's one ordered thread: in a run the word
   * counts ({@link RunAccumulator#prepare}) are made on the threads that finished each case.
   */
  @Benchmark
  public GateResult statisticsOrdered() {
    RunAccumulator metrics = new RunAccumulator(suite);
    for (int i = 0; i < cases; i++) {
      metrics.accept(caseResult(i), prepared[i % POOL]);
    }
    return GateEvaluator.evaluate(suite, metrics.finish());
  }

  @Benchmark
  public RunReports.Written reports(ResultsFile file) throws IOException {
    Path out = Path.of("target/reports-bench/reports");
    Files.createDirectories(out);
    return RunReports.writeRunLevel(out, file.report, file.results);
  }

  @Benchmark
  public RunReports.Written merge(ResultsFile file) throws IOException {
    return ShardMerger.merge(
        List.of(file.folder.resolve("report.json")), Path.of("target/reports-bench/merged"));
  }

  /** A live run fed up to its last case. */
  @State(Scope.Thread)
  public static class RunEnd {
    Evaluator evaluator;
    RunReports reports;
    long cases;

    @Setup(Level.Iteration)
    public void feed(ReportsBenchmark bench) throws IOException {
      Path out = Path.of("target/reports-bench/live");
      deleteTree(out);
      EngineConfiguration config =
          EngineConfiguration.from(
              Settings.of(
                  key ->
                      Optional.ofNullable(
                          Map.of(
                                  "evalgate.output.dir",
                                  out.toString(),
                                  "evalgate.allure.enabled",
                                  "false")
                              .get(key))));
      evaluator = new Evaluator(EvaluationPlan.of(bench.suite));
      reports = RunReports.open(config, bench.suite, bench.suite.variants(), "dataset.jsonl");
      List<CaseSink> sinks = new ArrayList<>(reports.sinks());
      sinks.add(evaluator);
      for (int i = 0; i < bench.cases; i++) {
        CaseResult result = bench.caseResult(i);
        for (CaseSink sink : sinks) {
          sink.accept(result);
        }
      }
      cases = bench.cases;
    }
  }

  @Benchmark
  public RunReports.Written runEnd(RunEnd run) throws IOException {
    return run.reports.finish(run.evaluator.finish(), "0".repeat(64), run.cases, 0);
  }

  @TearDown(Level.Iteration)
  public void cleanMerged() throws IOException {
    deleteTree(Path.of("target/reports-bench/merged"));
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}

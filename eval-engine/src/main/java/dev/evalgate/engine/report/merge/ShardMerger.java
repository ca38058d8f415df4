package dev.evalgate.engine.report.merge;

import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.PromptTemplate;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.gate.GateEvaluator;
import dev.evalgate.engine.gate.GateResult;
import dev.evalgate.engine.io.AtomicFiles;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.RunAccumulator;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.report.RunReports;
import dev.evalgate.engine.report.html.Html;
import dev.evalgate.engine.report.results.ResultsCursor;
import dev.evalgate.engine.report.results.ResultsWriter;
import dev.evalgate.engine.report.summary.EngineVersion;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Merges the reports of a sharded run ({@code evalgate.shard=I/N}) into the report an unsharded run
 * would have written: the shards' results are merged back into dataset order case by case (each
 * shard's file is already in that order, so this streams) and accumulated exactly as a single run
 * accumulates them, so metrics, seeded bootstrap intervals and verdicts are the same. Each shard is
 * read with a {@link ResultsCursor} (a streaming parse that skips prompts); the merged
 * {@code results.jsonl} is the shards' own bytes, case by case, and the page's cases are chosen while
 * it is written, so the merge reads every shard once and the merged file not at all.
 */
public final class ShardMerger {
  private ShardMerger() {}

  /**
   * @param shardReports the {@code report.json} of every shard of one suite
   * @param folder where the merged reports go
   * @throws IOException naming the shard that does not fit and why
   */
  public static RunReports.Written merge(List<Path> shardReports, Path folder) throws IOException {
    List<RunReport> shards = new ArrayList<>();
    for (Path file : shardReports) {
      shards.add(ReportReader.read(file));
    }
    RunReport first = shards.get(0);
    TreeSet<Integer> indexes = new TreeSet<>();
    int count = -1;
    for (int i = 0; i < shards.size(); i++) {
      RunReport shard = shards.get(i);
      String where = shardReports.get(i).toString();
      if (!shard.suite().equals(first.suite()) || !shard.suiteHash().equals(first.suiteHash())) {
        throw new IOException(where + ": suite '" + shard.suite() + "' (definition " + shard.suiteHash().substring(0, 12)
            + ") differs from '" + first.suite() + "' (" + first.suiteHash().substring(0, 12) + "); expected shards of one suite");
      }
      if (!shard.dataset().sha256().equals(first.dataset().sha256())) {
        throw new IOException(where + ": dataset sha256 " + shard.dataset().sha256() + " differs from " + first.dataset().sha256()
            + "; expected every shard to read the same dataset");
      }
      String[] parts = shard.shard().split("/");
      int index = Integer.parseInt(parts[0]);
      int n = Integer.parseInt(parts[1]);
      if (count >= 0 && n != count) {
        throw new IOException(where + ": shard " + shard.shard() + " is not one of " + count + "; expected shards I/" + count);
      }
      count = n;
      if (!indexes.add(index)) {
        throw new IOException(where + ": shard " + shard.shard() + " appears twice");
      }
    }
    if (indexes.size() != count) {
      List<Integer> missing = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        if (!indexes.contains(i)) {
          missing.add(i);
        }
      }
      throw new IOException("suite '" + first.suite() + "': shards " + missing + " of " + count + " are missing; expected all of them");
    }
    SuiteSpec suite = suite(first);
    RunAccumulator metrics = new RunAccumulator(suite);
    Html.CaseSelection page = Html.CaseSelection.building(suite.control().name());
    Files.createDirectories(folder);
    Path results = folder.resolve(ResultsWriter.FILE);
    Path temp = AtomicFiles.temp(folder, ResultsWriter.FILE);
    List<ResultsCursor> cursors = new ArrayList<>();
    long cases = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 20)) {
      for (Path file : shardReports) {
        ResultsCursor cursor = new ResultsCursor(file.resolveSibling(ResultsWriter.FILE));
        cursors.add(cursor);
        cursor.next();
      }
      long written = 0;
      while (true) {
        // the shards' cases interleave by dataset line; each file is in dataset order
        ResultsCursor next = null;
        for (ResultsCursor cursor : cursors) {
          CaseResult result = cursor.current();
          if (result != null && (next == null || result.evalCase().line() < next.current().evalCase().line())) {
            next = cursor;
          }
        }
        if (next == null) {
          break;
        }
        CaseResult result = next.current();
        long start = written;
        written += next.copyCase(out);
        metrics.accept(result);
        page.accept(next.rows(), start, written);
        cases++;
        next.next();
      }
    } finally {
      for (ResultsCursor cursor : cursors) {
        cursor.close();
      }
    }
    AtomicFiles.move(temp, results);
    Evaluation evaluation = metrics.finish();
    GateResult gate = GateEvaluator.evaluate(suite, evaluation);
    long skipped = shards.stream().mapToLong(RunReport::skippedRows).max().orElse(0);
    RunReport merged = new RunReport(RunReport.FORMAT, first.suite(), first.experiment(), EngineVersion.get(),
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        new RunReport.DatasetInfo(first.dataset().path(), first.dataset().sha256(), cases), first.suiteHash(), first.gateHash(),
        first.seed(), "1/1", first.variants(), evaluation, gate, skipped, first.policy(), first.checks(), first.repeats());
    return RunReports.writeRunLevel(folder, merged, results, page);
  }

  /** A suite with the reported variants, check names and gate. */
  public static SuiteSpec suite(RunReport report) {
    List<VariantSpec> variants = new ArrayList<>();
    for (RunReport.VariantInfo v : report.variants()) {
      VariantSpec spec = VariantSpec.IN_PROCESS.equals(v.provider())
          ? VariantSpec.inProcess(v.name(), prompt -> {
            throw new IllegalStateException("a merged report calls no variant");
          }).withModel(v.model())
          : VariantSpec.http(v.name(), v.provider(), String.valueOf(v.model()));
      spec = spec.withPrompt(new PromptTemplate(v.promptVersion(), null, null));
      variants.add(v.control() ? spec.asControl() : spec.asChallenger());
    }
    List<Check> checks = report.checks().stream().map(c -> (Check) new Check() {
      @Override
      public String name() {
        return c.name();
      }

      @Override
      public String family() {
        return c.family();
      }

      @Override
      public CheckResult evaluate(dev.evalgate.api.Exchange exchange) {
        throw new IllegalStateException("a merged report runs no check");
      }
    }).toList();
    return new SuiteSpec(report.suite(), report.experiment(), dev.evalgate.api.DatasetSpec.of(report.dataset().path()), variants,
        checks, report.policy(), report.repeats(), report.seed());
  }

  /** One case rebuilt from its {@code results.jsonl} lines. */
  public static CaseResult caseResult(List<String> lines) throws IOException {
    return ResultsCursor.caseResult(lines);
  }
}

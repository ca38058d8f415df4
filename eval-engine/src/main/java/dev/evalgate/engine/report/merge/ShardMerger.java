package dev.evalgate.engine.report.merge;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.evalgate.engine.evaluation.Evaluator;
import dev.evalgate.engine.io.AtomicFiles;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.report.RunReports;
import dev.evalgate.engine.report.html.Html;
import dev.evalgate.engine.report.results.ResultsCursor;
import dev.evalgate.engine.report.results.ResultsWriter;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Merges the reports of a sharded run ({@code evalgate.shard=I/N}) into the report an unsharded run
 * would have written: the shards' results are merged back into dataset order case by case (each
 * shard's file is already in that order, so this streams) and accumulated exactly as a single run
 * accumulates them, under the plan the shards reported ({@link RunReport#plan()}), by the same
 * {@link Evaluator}, so metrics, seeded bootstrap intervals and verdicts are the same. Each shard
 * is read with a {@link ResultsCursor} (a streaming parse that skips prompts); the merged {@code
 * results.jsonl} is the shards' own bytes, case by case, and the page's cases are chosen while it
 * is written, so the merge reads every shard once and the merged file not at all.
 */
@API(status = EXPERIMENTAL, since = "0.1")
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
        throw new IOException(
            where
                + ": suite '"
                + shard.suite()
                + "' (definition "
                + shard.suiteHash().substring(0, 12)
                + ") differs from '"
                + first.suite()
                + "' ("
                + first.suiteHash().substring(0, 12)
                + "); expected shards of one suite");
      }
      if (!shard.dataset().sha256().equals(first.dataset().sha256())) {
        throw new IOException(
            where
                + ": dataset sha256 "
                + shard.dataset().sha256()
                + " differs from "
                + first.dataset().sha256()
                + "; expected every shard to read the same dataset");
      }
      String[] parts = shard.shard().split("/");
      int index = Integer.parseInt(parts[0]);
      int n = Integer.parseInt(parts[1]);
      if (count >= 0 && n != count) {
        throw new IOException(
            where
                + ": shard "
                + shard.shard()
                + " is not one of "
                + count
                + "; expected shards I/"
                + count);
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
      throw new IOException(
          "suite '"
              + first.suite()
              + "': shards "
              + missing
              + " of "
              + count
              + " are missing; expected all of them");
    }
    // the plan the shards were judged by: each of them reported it, and they are of one suite
    Evaluator evaluator;
    try {
      evaluator = new Evaluator(first.plan());
    } catch (IllegalArgumentException e) {
      throw new IOException(shardReports.get(0) + ": " + e.getMessage(), e);
    }
    Html.CaseSelection page = Html.CaseSelection.building(evaluator.plan().control().name());
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
        CaseResult result = null;
        for (ResultsCursor cursor : cursors) {
          CaseResult current = cursor.current();
          if (current != null
              && (result == null || current.evalCase().line() < result.evalCase().line())) {
            next = cursor;
            result = current;
          }
        }
        if (next == null || result == null) {
          break;
        }
        long start = written;
        written += next.copyCase(out);
        evaluator.accept(result);
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
    // every shard reads the whole dataset, so each found every problem
    long skipped = shards.stream().mapToLong(RunReport::skippedRows).max().orElse(0);
    long wholeFile = shards.stream().mapToLong(RunReport::wholeFileProblems).max().orElse(0);
    RunReport merged =
        RunReport.of(
            first.subject(),
            new RunReport.DatasetInfo(first.dataset().path(), first.dataset().sha256(), cases),
            "1/1",
            evaluator.finish(),
            skipped,
            wholeFile,
            null);
    return RunReports.writeRunLevel(folder, merged, results, page);
  }

  /** One case rebuilt from its {@code results.jsonl} lines. */
  public static CaseResult caseResult(List<String> lines) throws IOException {
    return ResultsCursor.caseResult(lines);
  }
}

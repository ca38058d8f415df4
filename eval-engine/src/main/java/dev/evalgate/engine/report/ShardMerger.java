package dev.evalgate.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.PromptTemplate;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.EngineVersion;
import dev.evalgate.engine.gate.GateEvaluator;
import dev.evalgate.engine.gate.GateResult;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.RunAccumulator;
import dev.evalgate.engine.run.CaseResult;
import dev.evalgate.engine.run.VariantOutcome;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Merges the reports of a sharded run ({@code evalgate.shard=I/N}) into the report an unsharded run
 * would have written: the shards' results are merged back into dataset order case by case (each
 * shard's file is already in that order, so this streams) and accumulated exactly as a single run
 * accumulates them, so metrics, seeded bootstrap intervals and verdicts are the same.
 */
public final class ShardMerger {
  private static final ObjectMapper JSON = new ObjectMapper();

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
    Files.createDirectories(folder);
    Path results = folder.resolve(ResultsWriter.FILE);
    Path temp = Files.createTempFile(folder, "." + ResultsWriter.FILE, ".tmp");
    List<ShardCursor> cursors = new ArrayList<>();
    long cases = 0;
    try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
      for (Path file : shardReports) {
        cursors.add(new ShardCursor(Files.newBufferedReader(file.resolveSibling(ResultsWriter.FILE), StandardCharsets.UTF_8)));
      }
      while (true) {
        ShardCursor next = null;
        for (ShardCursor cursor : cursors) {
          if (cursor.peekLine() >= 0 && (next == null || cursor.peekLine() < next.peekLine())) {
            next = cursor;
          }
        }
        if (next == null) {
          break;
        }
        List<JsonNode> rows = new ArrayList<>();
        for (String line : next.takeCase(rows)) {
          out.write(line);
          out.write('\n');
        }
        metrics.accept(fromRows(rows));
        cases++;
      }
    } finally {
      for (ShardCursor cursor : cursors) {
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
    return RunReports.writeRunLevel(folder, merged, results);
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
    List<JsonNode> rows = new ArrayList<>(lines.size());
    for (String text : lines) {
      rows.add(JSON.readTree(text));
    }
    return fromRows(rows);
  }

  /** One case rebuilt from its parsed {@code results.jsonl} lines. */
  static CaseResult fromRows(List<JsonNode> rows) {
    List<VariantOutcome> outcomes = new ArrayList<>();
    String caseId = null;
    long line = 0;
    for (JsonNode row : rows) {
      caseId = row.path("case_id").asText();
      line = row.path("line").asLong();
      Duration latency = Duration.ofNanos(Math.round(row.path("latency_ms").asDouble() * 1e6));
      ModelResponse response;
      if (!row.path("error_class").isNull()) {
        response = ModelResponse.failure(ErrorClass.fromId(row.path("error_class").asText()), row.path("error").asText(""), latency, 0);
      } else {
        response = new ModelResponse(row.path("output").asText(), text(row, "finish_reason"),
            new TokenUsage(row.path("tokens_in").asLong(), row.path("tokens_out").asLong(), row.path("tokens_estimated").asBoolean()),
            latency, row.path("ttfb_ms").isNull() ? null : Duration.ofMillis(row.path("ttfb_ms").asLong()), 200, null, null, null,
            row.path("recorded").asBoolean());
      }
      List<CheckResult> checks = new ArrayList<>();
      for (JsonNode check : row.path("checks")) {
        Map<String, String> details = new HashMap<>();
        check.path("details").fields().forEachRemaining(e -> details.put(e.getKey(), e.getValue().asText()));
        details.put(CheckResult.DETAIL_FAMILY, check.path("family").asText());
        checks.add(new CheckResult(check.path("name").asText(), check.path("passed").asBoolean(),
            check.path("score").isNull() ? null : check.path("score").asDouble(), check.path("reason").asText(), details));
      }
      outcomes.add(new VariantOutcome(row.path("variant").asText(), row.path("repeat").asInt(), response,
          row.path("cost_usd").isNull() ? null : row.path("cost_usd").asDouble(), checks));
    }
    return new CaseResult(new EvalCase(caseId, Map.of(), List.of(), null, List.of(), List.of(), null, line), Map.of(), outcomes);
  }

  private static @Nullable String text(JsonNode row, String field) {
    return row.path(field).isNull() || row.path(field).isMissingNode() ? null : row.path(field).asText();
  }

  /** Reads one shard's results case by case. */
  private static final class ShardCursor implements AutoCloseable {
    private final BufferedReader reader;
    private @Nullable String pending;
    private @Nullable JsonNode pendingRow;
    private long pendingLine = -1;
    private String pendingCase = "";

    ShardCursor(BufferedReader reader) throws IOException {
      this.reader = reader;
      advance();
    }

    private void advance() throws IOException {
      String text = reader.readLine();
      while (text != null && text.isBlank()) {
        text = reader.readLine();
      }
      pending = text;
      if (text == null) {
        pendingLine = -1;
        return;
      }
      JsonNode row = JSON.readTree(text);
      pendingRow = row;
      pendingLine = row.path("line").asLong();
      pendingCase = row.path("case_id").asText();
    }

    long peekLine() {
      return pendingLine;
    }

    /** The next case's lines; their parsed rows are added to {@code rows}. */
    List<String> takeCase(List<JsonNode> rows) throws IOException {
      List<String> lines = new ArrayList<>();
      String id = pendingCase;
      while (pending != null && pendingCase.equals(id)) {
        lines.add(pending);
        rows.add(pendingRow);
        advance();
      }
      return lines;
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}

package dev.evalgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.GateSpec;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.baseline.ChampionComparison;
import dev.evalgate.engine.gate.GateEvaluator;
import dev.evalgate.engine.gate.GateResult;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.RunAccumulator;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.VariantOutcome;
import dev.evalgate.engine.redact.Redactor;
import dev.evalgate.engine.report.html.Html;
import dev.evalgate.engine.report.merge.ShardMerger;
import dev.evalgate.engine.report.results.ResultsCursor;
import dev.evalgate.engine.report.results.ResultsWriter;
import dev.evalgate.engine.report.summary.EngineVersion;
import dev.evalgate.engine.report.summary.RunReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming reader of results files ({@link ResultsCursor}) gives what the tree parse it
 * replaced gave, a merge of shards is the single run's report (results bytes, metrics, verdicts,
 * pages), and a line that is not a results line is named with what was expected.
 */
class StreamingResultsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String[] WORDS = {
    "order",
    "ships",
    "in",
    "three",
    "days",
    "ünïcödé",
    "\"quoted\"",
    "back\\slash",
    "tab\there",
    "new\nline",
    "</script>",
    "€",
    "🙂"
  };
  @TempDir Path dir;

  static SuiteSpec suite() {
    return SuiteSpec.named("stream")
        .dataset("d.jsonl")
        .control(VariantSpec.inProcess("control", p -> ModelResponse.ofText("x")).withModel("m-1"))
        .challenger(
            VariantSpec.inProcess("challenger", p -> ModelResponse.ofText("x")).withModel("m-2"))
        .check(Check.of("schema", x -> CheckResult.pass("schema", "")))
        .check(Check.of("refusal", x -> CheckResult.pass("refusal", "")))
        .check(Check.of("length", x -> CheckResult.pass("length", "")))
        .gate(GateSpec.minCases(1).atLeast("pass-all-rate", "0%"))
        .seed(11)
        .build();
  }

  /**
   * A deterministic case with errors, refusals, unknown costs, time to first byte and awkward text.
   */
  static CaseResult result(int i) {
    long h = (i + 1) * 0x9E3779B97F4A7C15L;
    List<VariantOutcome> outcomes = new ArrayList<>();
    Map<String, List<ChatMessage>> prompts = new HashMap<>();
    for (String variant : List.of("control", "challenger")) {
      h = h * 6364136223846793005L + 1442695040888963407L;
      int r = (int) (h >>> 33);
      prompts.put(
          variant,
          List.of(
              ChatMessage.system("Answer in JSON."),
              ChatMessage.user("Question " + i + " " + WORDS[r % WORDS.length])));
      Duration latency = Duration.ofNanos(100_000_000L + (r % 5_000_000) * 123L);
      if (r % 23 == 0) {
        outcomes.add(
            new VariantOutcome(
                variant,
                0,
                ModelResponse.failure(
                    r % 2 == 0 ? ErrorClass.TIMEOUT : ErrorClass.RATE_LIMITED,
                    "failed \"" + i + "\" ü",
                    latency,
                    0),
                null,
                List.of()));
        continue;
      }
      StringBuilder text = new StringBuilder("{\"answer\":\"");
      for (int w = 0; w < 5 + r % 40; w++) {
        text.append(w == 0 ? "" : " ").append(WORDS[(r >>> (w % 20)) % WORDS.length]);
      }
      text.append("\"}");
      ModelResponse response =
          new ModelResponse(
              text.toString(),
              r % 17 == 0 ? "length" : "stop",
              new TokenUsage(30 + r % 7, 5 + r % 90, r % 11 == 0),
              latency,
              r % 3 == 0 ? Duration.ofMillis(r % 400) : null,
              200,
              null,
              null,
              null,
              r % 13 == 0);
      boolean refused = r % 19 == 0;
      List<CheckResult> checks =
          List.of(
              new CheckResult(
                  "schema",
                  r % 7 != 0,
                  r % 7 != 0 ? 1.0 : 0.0,
                  "valid \"" + i + "\"",
                  Map.of("json.form", "raw")),
              new CheckResult(
                  "refusal",
                  !refused,
                  refused ? 0.0 : 1.0,
                  refused ? "refused" : "answered",
                  Map.of("expect", "comply", "refusal", refused ? "refusal" : "compliance")),
              new CheckResult("length", r % 5 != 1, null, (5 + r % 40) + " words", Map.of()));
      outcomes.add(
          new VariantOutcome(
              variant, 0, response, r % 29 == 0 ? null : (r % 1000) * 1.3e-7, checks));
    }
    EvalCase evalCase = EvalCase.builder("c-" + i).line(i * 2L + 1).build();
    return new CaseResult(evalCase, prompts, outcomes);
  }

  /**
   * Writes the cases {@code i < cases} that {@code keep} accepts as a run does, and returns the
   * results file.
   */
  static Path write(SuiteSpec suite, Path folder, int cases, IntPredicate keep) {
    ResultsWriter writer = new ResultsWriter(suite, suite.variants(), folder, Redactor.NONE);
    for (int i = 0; i < cases; i++) {
      if (keep.test(i)) {
        writer.accept(result(i));
      }
    }
    writer.close();
    return writer.path();
  }

  static RunReport report(
      SuiteSpec suite, Evaluation evaluation, GateResult gate, long cases, String shard) {
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
    return new RunReport(
        RunReport.FORMAT,
        suite.name(),
        null,
        EngineVersion.get(),
        "2026-01-01T00:00:00Z",
        new RunReport.DatasetInfo("d.jsonl", "a".repeat(64), cases),
        "b".repeat(64),
        "c".repeat(64),
        suite.seed(),
        shard,
        info,
        evaluation,
        gate,
        0,
        suite.gate(),
        suite.checks().stream().map(c -> new RunReport.CheckInfo(c.name(), c.family())).toList(),
        1);
  }

  /**
   * The tree parse the streaming reader replaced (ShardMerger.fromRows before it), as the
   * reference.
   */
  static CaseResult treeParsed(List<JsonNode> rows) {
    List<VariantOutcome> outcomes = new ArrayList<>();
    String caseId = null;
    long line = 0;
    for (JsonNode row : rows) {
      caseId = row.path("case_id").asText();
      line = row.path("line").asLong();
      Duration latency = Duration.ofNanos(Math.round(row.path("latency_ms").asDouble() * 1e6));
      ModelResponse response;
      if (!row.path("error_class").isNull()) {
        response =
            ModelResponse.failure(
                ErrorClass.fromId(row.path("error_class").asText()),
                row.path("error").asText(""),
                latency,
                0);
      } else {
        response =
            new ModelResponse(
                row.path("output").asText(),
                row.path("finish_reason").isNull() ? null : row.path("finish_reason").asText(),
                new TokenUsage(
                    row.path("tokens_in").asLong(),
                    row.path("tokens_out").asLong(),
                    row.path("tokens_estimated").asBoolean()),
                latency,
                row.path("ttfb_ms").isNull()
                    ? null
                    : Duration.ofMillis(row.path("ttfb_ms").asLong()),
                200,
                null,
                null,
                null,
                row.path("recorded").asBoolean());
      }
      List<CheckResult> checks = new ArrayList<>();
      for (JsonNode check : row.path("checks")) {
        Map<String, String> details = new HashMap<>();
        check
            .path("details")
            .fields()
            .forEachRemaining(e -> details.put(e.getKey(), e.getValue().asText()));
        details.put(CheckResult.DETAIL_FAMILY, check.path("family").asText());
        checks.add(
            new CheckResult(
                check.path("name").asText(),
                check.path("passed").asBoolean(),
                check.path("score").isNull() ? null : check.path("score").asDouble(),
                check.path("reason").asText(),
                details));
      }
      outcomes.add(
          new VariantOutcome(
              row.path("variant").asText(),
              row.path("repeat").asInt(),
              response,
              row.path("cost_usd").isNull() ? null : row.path("cost_usd").asDouble(),
              checks));
    }
    return new CaseResult(EvalCase.builder(caseId).line(line).build(), Map.of(), outcomes);
  }

  static List<CaseResult> treeParsed(Path results) throws IOException {
    List<CaseResult> cases = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
      List<JsonNode> rows = new ArrayList<>();
      String line;
      while ((line = reader.readLine()) != null) {
        JsonNode row = JSON.readTree(line);
        if (!rows.isEmpty()
            && !rows.get(0).path("case_id").asText().equals(row.path("case_id").asText())) {
          cases.add(treeParsed(rows));
          rows = new ArrayList<>();
        }
        rows.add(row);
      }
      if (!rows.isEmpty()) {
        cases.add(treeParsed(rows));
      }
    }
    return cases;
  }

  @Test
  void streamedCasesEqualTheTreeParsedOnes() throws Exception {
    Path results = write(suite(), dir.resolve("run"), 3_000, i -> true);
    List<CaseResult> streamed = new ArrayList<>();

    ChampionComparison.forEachCase(results, streamed::add);

    List<CaseResult> reference = treeParsed(results);
    assertThat(streamed).hasSize(3_000).isEqualTo(reference);
    assertThat(
            streamed.stream()
                .flatMap(c -> c.outcomes().stream())
                .filter(VariantOutcome::errored)
                .count())
        .isPositive();
    try (ResultsCursor cursor = new ResultsCursor(results)) {
      assertThat(cursor.seek(2_001, "c-1000")).isEqualTo(reference.get(1000));
      assertThat(cursor.seek(41, "c-20")).isEqualTo(reference.get(20));
    }
  }

  @Test
  void mergedShardsAreTheSingleRunsResultsMetricsVerdictsAndPages() throws Exception {
    SuiteSpec suite = suite();
    int cases = Html.EMBEDDED_CASES + 700;
    // the single run: its results file, its metrics from the case results themselves, its reports
    // (the page chosen by a scan)
    Path whole = dir.resolve("whole");
    Path results = write(suite, whole, cases, i -> true);
    RunAccumulator metrics = new RunAccumulator(suite);
    for (int i = 0; i < cases; i++) {
      metrics.accept(result(i));
    }
    Evaluation evaluation = metrics.finish();
    GateResult gate = GateEvaluator.evaluate(suite, evaluation);
    RunReports.writeRunLevel(whole, report(suite, evaluation, gate, cases, "1/1"), results);
    // three shards, cases spread by a hash of the id as evalgate.shard does, each file in dataset
    // order
    List<Path> shards = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      int shard = s;
      Path folder = dir.resolve("shard-" + (s + 1));
      write(suite, folder, cases, i -> Math.floorMod(("c-" + i).hashCode() * 31 + 7, 3) == shard);
      Path json = folder.resolve(RunReports.REPORT_JSON);
      Files.writeString(
          json, JSON.writeValueAsString(report(suite, evaluation, gate, cases, (s + 1) + "/3")));
      shards.add(json);
    }

    RunReports.Written merged = ShardMerger.merge(shards, dir.resolve("merged"));

    Path out = dir.resolve("merged");
    assertThat(Files.readAllBytes(out.resolve(ResultsWriter.FILE)))
        .isEqualTo(Files.readAllBytes(results));
    assertThat((JsonNode) JSON.valueToTree(merged.report().evaluation()))
        .isEqualTo(JSON.valueToTree(evaluation));
    assertThat((JsonNode) JSON.valueToTree(merged.report().gate()))
        .isEqualTo(JSON.valueToTree(gate));
    String createdAt = merged.report().createdAt();
    for (String file :
        List.of(RunReports.REPORT_JSON, RunReports.REPORT_MD, RunReports.REPORT_HTML)) {
      assertThat(Files.readString(out.resolve(file)).replace(createdAt, "2026-01-01T00:00:00Z"))
          .as(file)
          .isEqualTo(Files.readString(whole.resolve(file)));
    }
    assertThat(Files.readString(out.resolve(RunReports.REPORT_HTML)))
        .contains("This page embeds 7,613 of the run's 10,700 cases");
  }

  @Test
  void aMergeCopiesLinesEndingInCrLfOrSeparatedByBlankLinesAsSingleRunLines() throws Exception {
    SuiteSpec suite = suite();
    Path folder = dir.resolve("run");
    Path results = write(suite, folder, 40, i -> true);
    List<String> lines = Files.readAllLines(results);
    StringBuilder untidy = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      untidy
          .append(lines.get(i))
          .append(i % 3 == 0 ? "\r\n" : "\n")
          .append(i % 5 == 0 ? "  \n\n" : "");
    }
    Files.writeString(results, untidy.toString().strip());
    Files.writeString(
        folder.resolve(RunReports.REPORT_JSON),
        JSON.writeValueAsString(
            report(
                suite,
                new RunAccumulator(suite).finish(),
                GateEvaluator.evaluate(suite, new RunAccumulator(suite).finish()),
                40,
                "1/1")));

    ShardMerger.merge(List.of(folder.resolve(RunReports.REPORT_JSON)), dir.resolve("merged"));

    assertThat(Files.readString(dir.resolve("merged").resolve(ResultsWriter.FILE)))
        .isEqualTo(String.join("\n", lines) + "\n");
  }

  private Path resultsFile(String... lines) throws IOException {
    Path results = dir.resolve("results.jsonl");
    Files.writeString(results, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return results;
  }

  private static String line(String id, long line) {
    return "{\"case_id\":\""
        + id
        + "\",\"line\":"
        + line
        + ",\"variant\":\"control\",\"repeat\":0,\"error_class\":null,"
        + "\"output\":\"o\",\"passed\":true,\"checks\":[]}";
  }

  @Test
  void aLineThatIsNotJsonIsNamedWithItsNumberAndWhatWasExpected() throws Exception {
    Path results =
        resultsFile(
            line("c-1", 1),
            "",
            line("c-2", 2),
            "{\"case_id\":\"c-3\",\"line\":3,\"variant\":\"control\"");

    assertThatThrownBy(() -> ChampionComparison.forEachCase(results, c -> {}))
        .isInstanceOf(IOException.class)
        .hasMessage(
            results
                + " line 4: malformed JSON at column 46; expected one JSON object per line"
                + " (evalgate-results/v1)");
  }

  @Test
  void aLineThatIsNotAnObjectOrHasNoCaseIdIsNamed() throws Exception {
    Path array = resultsFile(line("c-1", 1), "[1, 2]");
    assertThatThrownBy(() -> ChampionComparison.forEachCase(array, c -> {}))
        .hasMessage(
            array
                + " line 2: found an array where a results line starts; expected one JSON object"
                + " per line (evalgate-results/v1)");

    Path noId = resultsFile(line("c-1", 1), "{\"line\":2,\"variant\":\"control\"}");
    assertThatThrownBy(() -> ChampionComparison.forEachCase(noId, c -> {}))
        .hasMessage(
            noId
                + " line 2: no case_id; expected \"case_id\" (a string) and \"line\" (a number) in"
                + " every results line");

    Path twoObjects = resultsFile(line("c-1", 1) + " " + line("c-2", 2));
    assertThatThrownBy(() -> ChampionComparison.forEachCase(twoObjects, c -> {}))
        .hasMessage(
            twoObjects
                + " line 1: more after the JSON object at column 117; expected one JSON object per"
                + " line (evalgate-results/v1)");
  }

  @Test
  void aMergeNamesTheShardFileAndLineThatIsBroken() throws Exception {
    SuiteSpec suite = suite();
    List<Path> shards = new ArrayList<>();
    for (int s = 0; s < 2; s++) {
      int shard = s;
      Path folder = dir.resolve("shard-" + (s + 1));
      write(suite, folder, 50, i -> i % 2 == shard);
      Path json = folder.resolve(RunReports.REPORT_JSON);
      Files.writeString(
          json,
          JSON.writeValueAsString(
              report(
                  suite,
                  new RunAccumulator(suite).finish(),
                  GateEvaluator.evaluate(suite, new RunAccumulator(suite).finish()),
                  50,
                  (s + 1) + "/2")));
      shards.add(json);
    }
    Path broken = dir.resolve("shard-2").resolve(ResultsWriter.FILE);
    List<String> lines = new ArrayList<>(Files.readAllLines(broken));
    lines.set(9, lines.get(9).replace("\"line\":", "\"line\":\"x\",\"ln\":"));
    Files.write(broken, lines);

    assertThatThrownBy(() -> ShardMerger.merge(shards, dir.resolve("merged")))
        .isInstanceOf(IOException.class)
        .hasMessage(
            broken
                + " line 10: no dataset line; expected \"case_id\" (a string) and \"line\" (a"
                + " number) in every results line");
  }
}

package dev.evalgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.DatasetSpec;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.GateSpec;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.PromptTemplate;
import dev.evalgate.api.Role;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.VariantOutcome;
import dev.evalgate.engine.redact.Redactor;
import dev.evalgate.engine.report.html.EmbeddedCases;
import dev.evalgate.engine.report.html.Html;
import dev.evalgate.engine.report.results.ResultsCursor;
import dev.evalgate.engine.report.results.ResultsWriter;
import dev.evalgate.engine.report.summary.ReportReader;
import dev.evalgate.engine.report.summary.RunReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page is the same bytes whichever code writes it: a fixed run (a report and its results file,
 * {@code fixtures/page/}, from a run of the hostile suite with a long answer, not-applicable checks
 * and scores added) renders to the committed {@code report.html} when the page is rebuilt from the
 * results file and when it is written while the run goes; a large run made from the same cases
 * renders, along all three ways a large page chooses its cases (as the run goes, in a pass over the
 * results file, while a merge writes the file), to the committed SHA-256s. The golden files were
 * rendered by the code before the page moved to resources and before the results format got one
 * reader; {@code -Devalgate.golden.write=true} writes them anew (only for a deliberate change of
 * the page).
 */
class GoldenPageTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path FIXTURE = Path.of("src/test/resources/fixtures/page");
  static final boolean WRITE = Boolean.getBoolean("evalgate.golden.write");

  /** Cases of the large run: more than the page embeds, so that it embeds a choice. */
  static final int LARGE = Html.EMBEDDED_CASES + 1_200;

  static final Pattern MESSAGE = Pattern.compile("\n\n(?=\\[(system|user|assistant)\\] )");

  @TempDir Path dir;

  @Test
  void thePageRebuiltFromTheResultsFileIsTheGoldenPage() throws IOException {
    byte[] page =
        page(report(FIXTURE.resolve("report.json")), FIXTURE.resolve("results.jsonl"), null, null);

    golden("report.html", page);
  }

  @Test
  void thePageWrittenWhileTheRunGoesIsTheGoldenPageAndItsResultsAreTheFixturesBytes()
      throws IOException {
    RunReport report = report(FIXTURE.resolve("report.json"));
    List<CaseResult> cases =
        cases(Files.readAllLines(FIXTURE.resolve("results.jsonl"), StandardCharsets.UTF_8));

    Path folder = dir.resolve("live");
    EmbeddedCases live = run(report, cases, folder);
    byte[] page = page(report, folder.resolve(ResultsWriter.FILE), live, null);
    live.delete();

    assertThat(folder.resolve(ResultsWriter.FILE))
        .hasSameBinaryContentAs(FIXTURE.resolve("results.jsonl"));
    golden("report.html", page);
  }

  @Test
  void aLargeRunsPagesAreTheGoldenOnesHoweverTheirCasesAreChosen() throws IOException {
    List<String> lines =
        Files.readAllLines(FIXTURE.resolve("results.jsonl"), StandardCharsets.UTF_8);
    List<ObjectNode> nodes = new ArrayList<>();
    for (String line : lines) {
      nodes.add((ObjectNode) JSON.readTree(line));
    }
    List<String> large = new ArrayList<>();
    for (int i = 0; i < LARGE; i++) {
      // the fixture's cases again and again, each copy a case of its own; the long answer once
      long c = i % 12 + 1;
      if (i >= 12 && c == 7) {
        c = 6;
      }
      for (ObjectNode fixture : nodes) {
        if (fixture.path("line").asLong() == c) {
          ObjectNode node = fixture.deepCopy();
          node.put("case_id", "g-" + i + node.path("case_id").asText());
          node.put("line", i + 1);
          large.add(JSON.writeValueAsString(node));
        }
      }
    }
    Path results = Files.createDirectories(dir.resolve("scan")).resolve(ResultsWriter.FILE);
    Files.writeString(results, String.join("\n", large) + "\n", StandardCharsets.UTF_8);
    ObjectNode reportJson = (ObjectNode) JSON.readTree(FIXTURE.resolve("report.json").toFile());
    ((ObjectNode) reportJson.path("dataset")).put("cases", LARGE);
    Path reportFile = dir.resolve("report.json");
    JSON.writeValue(reportFile.toFile(), reportJson);
    RunReport report = report(reportFile);

    byte[] scanned = page(report, results, null, null);

    Path folder = dir.resolve("live");
    EmbeddedCases live = run(report, cases(large), folder);
    byte[] written = page(report, folder.resolve(ResultsWriter.FILE), live, null);
    live.delete();

    Path merged = Files.createDirectories(dir.resolve("merged")).resolve(ResultsWriter.FILE);
    Html.CaseSelection chosen = Html.CaseSelection.building(report.variants().get(0).name());
    try (ResultsCursor cursor = new ResultsCursor(results);
        OutputStream out = Files.newOutputStream(merged)) {
      long bytes = 0;
      while (cursor.next()) {
        long start = bytes;
        bytes += cursor.copyCase(out);
        chosen.accept(cursor.rows(), start, bytes);
      }
    }
    byte[] whileMerging = page(report, merged, null, chosen);

    assertThat(folder.resolve(ResultsWriter.FILE)).hasSameBinaryContentAs(results);
    assertThat(merged).hasSameBinaryContentAs(results);
    String hashes =
        "chosen while the run went "
            + sha256(written)
            + "\nchosen in a pass over the results "
            + sha256(scanned)
            + "\nchosen while a merge wrote the results "
            + sha256(whileMerging)
            + "\n";
    golden("large.sha256", hashes.getBytes(StandardCharsets.UTF_8));
  }

  private static void golden(String name, byte[] actual) throws IOException {
    Path file = FIXTURE.resolve(name);
    if (WRITE) {
      Files.write(file, actual);
    } else if (!java.util.Arrays.equals(actual, Files.readAllBytes(file))) {
      // for a diff with the golden file
      Files.write(Files.createDirectories(Path.of("target/golden-actual")).resolve(name), actual);
    }
    assertThat(new String(actual, StandardCharsets.UTF_8))
        .as(name)
        .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    assertThat(actual).as(name).isEqualTo(Files.readAllBytes(file));
  }

  private static RunReport report(Path file) throws IOException {
    return ReportReader.read(file);
  }

  private static byte[] page(
      RunReport report, Path results, EmbeddedCases live, Html.CaseSelection chosen)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Html.write(report, results, live, chosen, out);
    return out.toByteArray();
  }

  /**
   * Writes {@code cases} as a run does: the results file and the page rows, from the same texts.
   */
  private static EmbeddedCases run(RunReport report, List<CaseResult> cases, Path folder) {
    List<VariantSpec> variants = new ArrayList<>();
    for (RunReport.VariantInfo v : report.variants()) {
      VariantSpec spec =
          VariantSpec.inProcess(
                  v.name(),
                  p -> {
                    throw new IllegalStateException("calls nothing");
                  })
              .withModel(v.model())
              .withPrompt(new PromptTemplate(v.promptVersion(), null, null));
      variants.add(v.control() ? spec.asControl() : spec.asChallenger());
    }
    SuiteSpec suite =
        new SuiteSpec(
            report.suite(),
            report.experiment(),
            DatasetSpec.of(report.dataset().path()),
            variants,
            List.of(),
            GateSpec.minCases(1),
            1,
            1);
    List<String> checks = report.checks().stream().map(RunReport.CheckInfo::name).toList();
    EmbeddedCases live = new EmbeddedCases(suite.control().name(), checks, folder, Redactor.NONE);
    try (ResultsWriter writer = new ResultsWriter(suite, variants, folder, Redactor.NONE)) {
      for (CaseResult result : cases) {
        writer.accept(result, writer.prepare(result));
        live.accept(result, live.prepare(result));
      }
    }
    return live;
  }

  /**
   * The cases of results lines, read with Jackson's tree model (not with the reader under test).
   */
  private static List<CaseResult> cases(List<String> lines) throws IOException {
    List<CaseResult> cases = new ArrayList<>();
    List<JsonNode> caseLines = new ArrayList<>();
    for (String text : lines) {
      JsonNode line = JSON.readTree(text);
      if (!caseLines.isEmpty()
          && !caseLines.get(0).path("case_id").asText().equals(line.path("case_id").asText())) {
        cases.add(caseResult(caseLines));
        caseLines.clear();
      }
      caseLines.add(line);
    }
    cases.add(caseResult(caseLines));
    return cases;
  }

  private static CaseResult caseResult(List<JsonNode> lines) {
    JsonNode first = lines.get(0);
    JsonNode fields = first.path("case");
    EvalCase evalCase =
        EvalCase.builder(first.path("case_id").asText())
            .context(text(fields.path("context")))
            .references(texts(fields.path("references")))
            .incorrectReferences(texts(fields.path("incorrect_references")))
            .expect(text(fields.path("expect")))
            .line(first.path("line").asLong())
            .build();
    Map<String, List<ChatMessage>> prompts = new LinkedHashMap<>();
    List<VariantOutcome> outcomes = new ArrayList<>();
    for (JsonNode line : lines) {
      String variant = line.path("variant").asText();
      List<ChatMessage> prompt = new ArrayList<>();
      for (String message : MESSAGE.split(line.path("prompt").asText())) {
        int close = message.indexOf("] ");
        prompt.add(
            new ChatMessage(
                Role.valueOf(message.substring(1, close).toUpperCase(java.util.Locale.ROOT)),
                message.substring(close + 2)));
      }
      prompts.put(variant, prompt);
      Duration latency = Duration.ofNanos(Math.round(line.path("latency_ms").asDouble() * 1e6));
      Duration call = Duration.ofNanos(Math.round(line.path("call_ms").asDouble() * 1e6));
      ModelResponse response =
          new ModelResponse(
              text(line.path("output")),
              text(line.path("finish_reason")),
              new TokenUsage(
                  line.path("tokens_in").asLong(),
                  line.path("tokens_out").asLong(),
                  line.path("tokens_estimated").asBoolean()),
              latency,
              line.path("ttfb_ms").isNull()
                  ? null
                  : Duration.ofMillis(line.path("ttfb_ms").asLong()),
              200,
              null,
              line.path("error_class").isNull()
                  ? null
                  : ErrorClass.fromId(line.path("error_class").asText()),
              text(line.path("error")),
              line.path("recorded").asBoolean(),
              call);
      List<CheckResult> checks = new ArrayList<>();
      for (JsonNode check : line.path("checks")) {
        Map<String, String> details = new HashMap<>();
        check
            .path("details")
            .properties()
            .forEach(e -> details.put(e.getKey(), e.getValue().asText()));
        details.put(CheckResult.DETAIL_FAMILY, check.path("family").asText());
        checks.add(
            new CheckResult(
                check.path("name").asText(),
                CheckResult.Outcome.fromId(check.path("outcome").asText()),
                check.path("score").isNull() ? null : check.path("score").asDouble(),
                check.path("reason").asText(),
                details));
      }
      outcomes.add(
          new VariantOutcome(
              variant,
              line.path("repeat").asInt(),
              response,
              line.path("cost_usd").isNull() ? null : line.path("cost_usd").asDouble(),
              checks));
    }
    return new CaseResult(evalCase, prompts, outcomes);
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? node.asText() : null;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

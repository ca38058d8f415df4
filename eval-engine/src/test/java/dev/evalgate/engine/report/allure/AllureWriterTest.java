package dev.evalgate.engine.report.allure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.GateSpec;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.TokenUsage;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.config.InconclusivePolicy;
import dev.evalgate.engine.gate.GateEvaluator;
import dev.evalgate.engine.gate.GateResult;
import dev.evalgate.engine.metrics.Evaluation;
import dev.evalgate.engine.metrics.RunAccumulator;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.VariantOutcome;
import dev.evalgate.engine.redact.Redactor;
import dev.evalgate.engine.report.summary.RunReport;
import dev.evalgate.engine.report.summary.SuiteFingerprint;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.internal.Allure2ModelJackson;
import io.qameta.allure.internal.shadowed.jackson.databind.MapperFeature;
import io.qameta.allure.internal.shadowed.jackson.databind.ObjectMapper;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.TestResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Allure writer on its own: the files it writes are those allure-java-commons' {@code
 * FileSystemResultsWriter} writes for the same model, on the writer thread or the caller's; the
 * per-run limit holds; a write error is reported with the directory.
 */
class AllureWriterTest {
  /**
   * Allure's own mapper, made to read what it writes (it only configures writing: enums in lower
   * case).
   */
  @SuppressWarnings("deprecation")
  static final ObjectMapper ALLURE =
      Allure2ModelJackson.createMapper()
          .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);

  @TempDir Path dir;

  static final SuiteSpec SUITE =
      SuiteSpec.named("writer-suite")
          .dataset("d.jsonl")
          .control(VariantSpec.inProcess("control", p -> ModelResponse.ofText("x")))
          .challenger(VariantSpec.inProcess("challenger", p -> ModelResponse.ofText("x")))
          .gate(GateSpec.minCases(1))
          .build();

  /**
   * Case {@code i}: control passes; the challenger fails a check (odd i) or errors (every third).
   */
  static CaseResult caseResult(int i) {
    EvalCase evalCase = EvalCase.builder("c-" + i).line(i + 1).build();
    Map<String, List<ChatMessage>> prompts =
        Map.of(
            "control",
                List.of(
                    ChatMessage.system("Be \"exact\"."),
                    ChatMessage.user("Case " + i + ": mail ada@example.com")),
            "challenger", List.of(ChatMessage.user("Case " + i + "\ttabbed é")));
    ModelResponse ok =
        new ModelResponse(
            "Answer " + i + " for bob@example.org",
            "stop",
            new TokenUsage(10, 5, false),
            Duration.ofMillis(120 + i),
            null,
            200,
            null,
            null,
            null,
            false);
    VariantOutcome control =
        new VariantOutcome(
            "control",
            0,
            ok,
            0.001,
            List.of(
                new CheckResult("schema", true, 1.0, "valid", Map.of()),
                new CheckResult("length", true, null, "5 words", Map.of())));
    VariantOutcome challenger =
        i % 3 == 0
            ? new VariantOutcome(
                "challenger",
                0,
                ModelResponse.failure(
                    ErrorClass.TIMEOUT, "no answer in 30 s", Duration.ofSeconds(30), 0),
                null,
                List.of())
            : new VariantOutcome(
                "challenger",
                0,
                ok,
                0.002,
                List.of(
                    new CheckResult(
                        "schema",
                        i % 2 == 0,
                        i % 2 == 0 ? 1.0 : 0.0,
                        i % 2 == 0 ? "valid" : "no JSON in \"answer\"\nat all",
                        Map.of(CheckResult.DETAIL_FAMILY, "schema")),
                    new CheckResult("length", true, null, "5 words", Map.of())));
    return new CaseResult(evalCase, prompts, List.of(control, challenger));
  }

  static List<Path> results(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith("-result.json"))
          .sorted()
          .toList();
    }
  }

  static RunReport report(SuiteSpec suite, List<CaseResult> cases) {
    RunAccumulator metrics = new RunAccumulator(suite);
    cases.forEach(metrics::accept);
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
                        SuiteFingerprint.parameters(v)))
            .toList();
    return new RunReport(
        RunReport.FORMAT,
        suite.name(),
        null,
        "test",
        "2026-12-02T00:00:00Z",
        new RunReport.DatasetInfo("d.jsonl", "0".repeat(64), cases.size()),
        "0".repeat(64),
        "0".repeat(64),
        1L,
        "1/1",
        info,
        evaluation,
        gate,
        0,
        suite.gate(),
        List.of(),
        1);
  }

  @ParameterizedTest(name = "queue {0}")
  @ValueSource(ints = {0, 1, 256})
  void everyResultIsWhatAllureCommonsWritesForTheSameModelAndItsAttachmentsAreInPlace(int queue)
      throws Exception {
    Path allure = dir.resolve("allure");
    AllureWriter writer =
        new AllureWriter(
            SUITE, SUITE.variants(), allure, "d.jsonl", Redactor.parse("email,card"), 0, queue);
    List<CaseResult> cases = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      cases.add(caseResult(i));
      writer.accept(cases.get(i));
    }
    writer.finish(report(SUITE, cases));

    Path reference = dir.resolve("reference");
    FileSystemResultsWriter commons = new FileSystemResultsWriter(reference);
    Map<String, TestResult> byName = new TreeMap<>();
    for (Path file : results(allure)) {
      TestResult result = ALLURE.readValue(file.toFile(), TestResult.class);
      commons.write(result);
      assertThat(Files.readString(file))
          .as(file.toString())
          .isEqualTo(Files.readString(reference.resolve(file.getFileName())));
      byName.put(result.getName(), result);
    }
    // 24 calls, plus the criterion and gate results when allure-junit-platform is absent
    // 24 calls; the tests are allure-junit-platform's to report (this constructor's default when it
    // is present)
    assertThat(byName.keySet())
        .hasSize(24)
        .contains("c-0 [control] ✔", "c-11 [challenger] ✘ schema");
    // cases are evidence: an errored call is broken, an answered one has no status (Allure's
    // "unknown")
    assertThat(byName.get("c-0 [challenger] ⚠ timeout").getStatus().value()).isEqualTo("broken");
    assertThat(byName.get("c-0 [challenger] ⚠ timeout").getStatusDetails().getMessage())
        .isEqualTo("timeout: no answer in 30 s");
    assertThat(byName.get("c-1 [challenger] ✘ schema").getStatus()).isNull();
    assertThat(byName.get("c-1 [challenger] ✘ schema").getStatusDetails().getMessage())
        .isEqualTo("schema: no JSON in \"answer\"\nat all");
    assertThat(byName.get("c-2 [challenger] ✔").getStatus()).isNull();
    assertThat(byName.get("c-2 [challenger] ✔").getStatusDetails().getMessage())
        .isEqualTo("no check failed");

    TestResult control = byName.get("c-4 [control] ✔");
    assertThat(control.getAttachments())
        .extracting(Attachment::getName)
        .containsExactly("prompt", "output", "checks");
    assertThat(control.getAttachments())
        .extracting(Attachment::getSource)
        .allMatch(
            s ->
                s.matches(
                    "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}-attachment\\.(txt|json)"));
    assertThat(control.getUuid())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(Files.readString(allure.resolve(control.getAttachments().get(0).getSource())))
        .isEqualTo("[system] Be \"exact\".\n\n[user] Case 4: mail [REDACTED:email]");
    assertThat(Files.readString(allure.resolve(control.getAttachments().get(1).getSource())))
        .isEqualTo("Answer 4 for [REDACTED:email]");
    assertThat(Files.readString(allure.resolve(control.getAttachments().get(2).getSource())))
        .isEqualTo(
            "[{\"name\":\"schema\",\"passed\":true,\"score\":1.0,\"reason\":\"valid\"},"
                + "{\"name\":\"length\",\"passed\":true,\"score\":null,\"reason\":\"5 words\"}]");
    // the same check details are one file, named by every result that has them
    assertThat(byName.get("c-5 [control] ✔").getAttachments().get(2).getSource())
        .isEqualTo(control.getAttachments().get(2).getSource());
    assertThat(byName.get("c-5 [control] ✔").getAttachments().get(0).getSource())
        .isNotEqualTo(control.getAttachments().get(0).getSource());
    try (Stream<Path> files = Files.list(allure)) {
      assertThat(files.filter(f -> f.getFileName().toString().endsWith("-attachment.json")).count())
          .isLessThan(24);
    }
    for (TestResult result : byName.values()) {
      for (Attachment attachment : result.getAttachments()) {
        assertThat(allure.resolve(attachment.getSource())).exists();
      }
    }
    assertThat(control.getStop() - control.getStart()).isEqualTo(124);
    assertThat(control.getHistoryId())
        .isEqualTo(SuiteFingerprint.sha256("writer-suite|c-4|control|0"));
    assertThat(control.getTestCaseId())
        .isEqualTo(SuiteFingerprint.sha256("writer-suite|c-4"))
        .isEqualTo(byName.get("c-4 [challenger] ✔").getTestCaseId());
    assertThat(allure.resolve("environment.properties")).exists();
    assertThat(allure.resolve("executor.json")).exists();
    assertThat(allure.resolve("categories.json")).exists();
  }

  @ParameterizedTest(name = "queue {0}")
  @ValueSource(ints = {0, 256})
  void theLimitHoldsWithinACaseAndOneSkippedResultCountsTheRest(int queue) throws Exception {
    Path allure = dir.resolve("allure");
    AllureWriter writer =
        new AllureWriter(SUITE, SUITE.variants(), allure, "d.jsonl", Redactor.NONE, 5, queue);
    List<CaseResult> cases = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      cases.add(caseResult(i));
      writer.accept(cases.get(i));
    }
    writer.finish(report(SUITE, cases));

    List<TestResult> results = new ArrayList<>();
    for (Path file : results(allure)) {
      results.add(ALLURE.readValue(file.toFile(), TestResult.class));
    }
    assertThat(results)
        .extracting(TestResult::getName)
        .filteredOn(n -> n.startsWith("c-"))
        .containsExactlyInAnyOrder(
            "c-0 [control] ✔",
            "c-0 [challenger] ⚠ timeout",
            "c-1 [control] ✔",
            "c-1 [challenger] ✘ schema",
            "c-2 [control] ✔");
    assertThat(results)
        .filteredOn(r -> r.getStatus() != null && r.getStatus().value().equals("skipped"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.getStatusDetails().getMessage())
                    .isEqualTo(
                        "3 more calls of suite 'writer-suite' are not in Allure "
                            + "(evalgate.allure.max-results=5); every call is in results.jsonl"));
  }

  /**
   * A writer (queue of {@code queue} cases) whose results directory has become a file, so that
   * every write fails.
   */
  private static AllureWriter writerWithAFileForItsDirectory(Path allure, int queue)
      throws IOException {
    AllureWriter writer =
        new AllureWriter(SUITE, SUITE.variants(), allure, "d.jsonl", Redactor.NONE, 0, queue);
    Files.delete(allure);
    Files.writeString(allure, "a file where the directory was");
    return writer;
  }

  @Test
  void aWriteErrorOnTheWriterThreadIsReportedWithTheDirectoryAtClose() throws Exception {
    Path allure = dir.resolve("allure");
    AllureWriter writer = writerWithAFileForItsDirectory(allure, 16);
    writer.accept(caseResult(1));

    assertThatThrownBy(writer::close)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith(
            "java.io.IOException: cannot write Allure results to " + allure + ": ")
        .cause()
        .hasMessageStartingWith("cannot write Allure results to " + allure + ": ");
    assertThatThrownBy(() -> writer.accept(caseResult(2)))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot write Allure results to " + allure);
    assertThatThrownBy(() -> writer.finish(report(SUITE, List.of(caseResult(1)))))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("cannot write Allure results to " + allure + ": ");
  }

  @Test
  void aWriteErrorOnTheCallersThreadIsThrownByAccept() throws Exception {
    Path allure = dir.resolve("allure");
    AllureWriter writer = writerWithAFileForItsDirectory(allure, 0);

    assertThatThrownBy(() -> writer.accept(caseResult(1)))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot write Allure results to " + allure + ": ");
  }

  @Test
  void closeWaitsForEveryHandedOverCaseAndStopsTheWriterThread() throws Exception {
    Path allure = dir.resolve("allure");
    AllureWriter writer =
        new AllureWriter(SUITE, SUITE.variants(), allure, "d.jsonl", Redactor.NONE, 0, 2);
    for (int i = 0; i < 50; i++) {
      writer.accept(caseResult(i));
    }
    writer.close();

    assertThat(results(allure)).hasSize(100);
    assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .noneMatch(n -> n.equals("evalgate-allure-writer"));
    assertThatThrownBy(() -> writer.accept(caseResult(51)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  static final SuiteSpec JUDGED =
      SuiteSpec.named("judged-suite")
          .dataset("d.jsonl")
          .control(VariantSpec.inProcess("control", p -> ModelResponse.ofText("x")))
          .challenger(VariantSpec.inProcess("challenger", p -> ModelResponse.ofText("x")))
          .gate(
              GateSpec.minCases(1)
                  .atLeast("pass-rate(length)", "50%")
                  .atLeast("pass-rate(schema)", "99%"))
          .build();

  /**
   * Writes the Allure results of 12 cases of {@link #JUDGED} as a build without
   * allure-junit-platform does, finished with the run's report as {@code finished} makes it;
   * returns that report.
   */
  private RunReport writeJudged(
      Path allure, InconclusivePolicy inconclusive, UnaryOperator<RunReport> finished)
      throws IOException {
    AllureWriter writer =
        new AllureWriter(
            JUDGED,
            JUDGED.variants(),
            allure,
            "d.jsonl",
            Redactor.NONE,
            new AllureWriter.Options(
                0, 0, "src/test/resources/d.jsonl", "1/1", inconclusive, true));
    List<CaseResult> cases = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      cases.add(caseResult(i));
      writer.accept(cases.get(i));
    }
    RunReport report = finished.apply(report(JUDGED, cases));
    writer.finish(report);
    return report;
  }

  @ParameterizedTest(name = "gate.inconclusive={0}")
  @ValueSource(strings = {"fail", "warn"})
  void withoutAllureJunitPlatformEvalGateWritesTheSuitesTestsAsTheBuildEndsThem(String inconclusive)
      throws Exception {
    Path allure = dir.resolve("allure");
    RunReport report =
        writeJudged(
            allure,
            InconclusivePolicy.valueOf(inconclusive.toUpperCase(java.util.Locale.ROOT)),
            r -> r);

    Map<String, dev.evalgate.engine.gate.ClaimResult> claims =
        dev.evalgate.engine.gate.ClaimResults.of(JUDGED, report.gate());
    assertThat(claims.values())
        .extracting(dev.evalgate.engine.gate.ClaimResult::status)
        .anyMatch(status -> status != dev.evalgate.engine.gate.ClaimStatus.HOLDS);
    Map<String, TestResult> tests = new TreeMap<>();
    for (Path file : results(allure)) {
      TestResult result = ALLURE.readValue(file.toFile(), TestResult.class);
      if (result.getLabels().stream()
          .anyMatch(
              l -> l.getName().equals("suite") && l.getValue().equals("1. gate and criteria"))) {
        tests.put(result.getName(), result);
      }
    }
    List<String> names = new ArrayList<>();
    for (dev.evalgate.engine.gate.Claim claim : dev.evalgate.engine.gate.Claim.of(JUDGED)) {
      names.add(claim.displayName());
      dev.evalgate.engine.gate.ClaimResult claimResult = claims.get(claim.key());
      boolean passes =
          claimResult.status() == dev.evalgate.engine.gate.ClaimStatus.HOLDS
              || claimResult.status() == dev.evalgate.engine.gate.ClaimStatus.INCONCLUSIVE
                  && !inconclusive.equals("fail");
      assertThat(tests.get(claim.displayName()).getStatus().value())
          .as(claim.displayName())
          .isEqualTo(passes ? "passed" : "failed");
      assertThat(tests.get(claim.displayName()).getStatusDetails().getMessage())
          .isEqualTo(claimResult.message());
      // the evidence as Allure renders it faithfully: escaped HTML, never a Markdown description
      assertThat(tests.get(claim.displayName()).getDescription()).isNull();
      assertThat(tests.get(claim.displayName()).getDescriptionHtml())
          .isEqualTo(
              claimResult.evidence().isEmpty()
                  ? null
                  : AllureWriter.descriptionHtml(String.join("\n", claimResult.evidence())));
    }
    assertThat(claims.values()).anyMatch(c -> !c.evidence().isEmpty());
    names.add("dataset: every row of d.jsonl is usable");
    assertThat(tests.keySet()).containsExactlyInAnyOrderElementsOf(names);
    assertThat(tests.values())
        .allSatisfy(
            t ->
                assertThat(t.getLabels())
                    .anySatisfy(
                        l -> {
                          assertThat(l.getName()).isEqualTo("parentSuite");
                          assertThat(l.getValue()).isEqualTo("judged-suite");
                        }));
  }

  @Test
  void evidenceReachesAllureAsEscapedHtmlSoAGatewaysErrorPageReadsAsItWasSent() {
    assertThat(
            AllureWriter.descriptionHtml(
                "errors of challenger: server_error 1 (first: server error (HTTP 502): <html><body>"
                    + "<h1>502 Bad Gateway</h1><script>alert(1)</script></body></html>)\n"
                    + "Δ -2.0 pp & \"q\" _not emphasis_ *nor this*"))
        .isEqualTo(
            "<pre>errors of challenger: server_error 1 (first: server error (HTTP 502):"
                + " &lt;html&gt;&lt;body&gt;&lt;h1&gt;502 Bad Gateway&lt;/h1&gt;&lt;script&gt;"
                + "alert(1)&lt;/script&gt;&lt;/body&gt;&lt;/html&gt;)\n"
                + "Δ -2.0 pp &amp; &quot;q&quot; _not emphasis_ *nor this*</pre>");
  }

  @ParameterizedTest(name = "{0} rows skipped, {1} problems of the whole file")
  @CsvSource(
      delimiter = '|',
      value = {
        "0|1|The dataset as a whole has 1 problem; the build log and the discovery warnings name"
            + " each",
        "2|1|2 dataset rows were skipped, and the dataset as a whole has 1 problem; the build log"
            + " and the discovery warnings name each",
        "1|0|1 dataset row was skipped; the build log and the discovery warnings name each"
      })
  void theDatasetTestRebuiltFromAReportFailsOnSkippedRowsAndOnProblemsOfTheWholeFile(
      long rows, long wholeFile, String message) throws Exception {
    Path allure = dir.resolve("allure");
    writeJudged(
        allure,
        InconclusivePolicy.FAIL,
        r ->
            new RunReport(
                r.format(),
                r.suite(),
                r.experiment(),
                r.engineVersion(),
                r.createdAt(),
                r.dataset(),
                r.suiteHash(),
                r.gateHash(),
                r.seed(),
                r.shard(),
                r.variants(),
                r.evaluation(),
                r.gate(),
                rows,
                wholeFile,
                r.policy(),
                r.checks(),
                r.repeats(),
                r.labelsVariant(),
                r.sequential()));

    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    JsonNode dataset = null;
    for (Path file : results(allure)) {
      JsonNode result = json.readTree(file.toFile());
      if (result.path("name").asText().equals("dataset: every row of d.jsonl is usable")) {
        dataset = result;
      }
    }
    assertThat(dataset).isNotNull();
    assertThat(dataset.path("status").asText()).isEqualTo("failed");
    assertThat(dataset.path("statusDetails").path("message").asText()).isEqualTo(message);
    assertThat(AllureStoryTest.matching(dataset, AllureStoryTest.categories(allure)))
        .containsExactly("Dataset problems");
  }

  @Test
  void aCaseWhoseOnlyMissedChecksDidNotApplyFailedNothing() throws Exception {
    Path allure = dir.resolve("allure");
    AllureWriter writer =
        new AllureWriter(SUITE, SUITE.variants(), allure, "d.jsonl", Redactor.NONE, 0, 0);
    EvalCase evalCase = EvalCase.builder("n-1").line(1).build();
    ModelResponse ok = ModelResponse.ofText("fine");
    List<CheckResult> checks =
        List.of(
            CheckResult.pass("length", "1 word"),
            CheckResult.notApplicable("grounded", "the case has no context"));
    writer.accept(
        new CaseResult(
            evalCase,
            Map.of(
                "control",
                List.of(ChatMessage.user("q")),
                "challenger",
                List.of(ChatMessage.user("q"))),
            List.of(
                new VariantOutcome("control", 0, ok, null, checks),
                new VariantOutcome("challenger", 0, ok, null, checks))));
    writer.finish(report(SUITE, List.of()));

    TestResult result = ALLURE.readValue(results(allure).get(0).toFile(), TestResult.class);
    assertThat(result.getName()).endsWith("] ✔");
    assertThat(result.getStatus()).isNull();
    assertThat(result.getStatusDetails().getMessage())
        .isEqualTo("no check failed (1 not applicable)");
    assertThat(result.getStatusDetails().getTrace()).isNull();
    assertThat(result.getSteps())
        .extracting(step -> step.getStatus().value())
        .containsExactly("passed", "skipped");
  }
}

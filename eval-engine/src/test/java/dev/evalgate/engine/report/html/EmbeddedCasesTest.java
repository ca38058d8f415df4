package dev.evalgate.engine.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.checks.Checks;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.VariantOutcome;
import dev.evalgate.engine.redact.Redactor;
import dev.evalgate.engine.report.results.ResultsWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rows chosen during a run are the rows the page would make from the results file. */
class EmbeddedCasesTest {
  static final SuiteSpec SUITE =
      SuiteSpec.named("embedded")
          .dataset("d.jsonl")
          .control(VariantSpec.inProcess("control", p -> ModelResponse.ofText("x")))
          .challenger(VariantSpec.inProcess("challenger", p -> ModelResponse.ofText("x")))
          .check(Checks.maxWords(3))
          .build();
  static final Redactor REDACTOR = Redactor.parse("email");

  @TempDir Path dir;

  @Test
  void rowsChosenLiveMatchTheRowsMadeFromResultsLines() throws Exception {
    ResultsWriter results = new ResultsWriter(SUITE, SUITE.variants(), dir, REDACTOR);
    EmbeddedCases embedded = new EmbeddedCases("control", List.of("max-words"), dir, REDACTOR);
    for (int i = 0; i < 4; i++) {
      EvalCase evalCase =
          i % 2 == 0
              ? EvalCase.builder("c-" + i).line(i + 1).build()
              : EvalCase.builder("c-" + i)
                  .context("context of a@b.example " + i)
                  .references("ref " + i, "ref </b>")
                  .incorrectReferences("wrong " + i)
                  .expect("refuse")
                  .line(i + 1)
                  .build();
      List<ChatMessage> prompt =
          List.of(
              ChatMessage.system("be brief"),
              ChatMessage.user("mail me at a@b.example \"now\" " + i));
      ModelResponse ok = ModelResponse.ofText("fine </script> ü");
      ModelResponse failed =
          i == 3
              ? ModelResponse.failure(
                  ErrorClass.TIMEOUT, "timed out for a@b.example", Duration.ofSeconds(1), 0)
              : ModelResponse.ofText("one two three four");
      List<VariantOutcome> outcomes = new ArrayList<>();
      outcomes.add(
          new VariantOutcome(
              "control",
              0,
              ok,
              0.001,
              List.of(CheckResult.pass("max-words", "3 words, within 3"))));
      outcomes.add(
          new VariantOutcome(
              "challenger",
              0,
              failed,
              null,
              i == 3
                  ? List.of()
                  : List.of(CheckResult.fail("max-words", "4 words, expected at most 3"))));
      CaseResult result =
          new CaseResult(evalCase, Map.of("control", prompt, "challenger", prompt), outcomes);
      results.accept(result);
      embedded.accept(result);
    }
    results.close();

    List<String> fromResults = new ArrayList<>();
    PageRows.SystemPrompts prompts = new PageRows.SystemPrompts();
    PageRows.FromResults pageRows = new PageRows.FromResults(prompts);
    for (String line : Files.readAllLines(results.path())) {
      fromResults.add(Html.island(pageRows.row(line)));
    }
    List<String> live = pageRows(embedded);
    embedded.delete();

    assertThat(json(embedded.prompts())).isEqualTo(json(prompts)).contains("[system] be brief");
    assertThat(live)
        .filteredOn(row -> row.contains("\"f\":"))
        .hasSize(2)
        .allSatisfy(
            row ->
                assertThat(row)
                    .contains(
                        "\"context\":\"context of [REDACTED:email] ",
                        "\"expect\":\"refuse\"",
                        "\"references\":[\"ref ",
                        "\"incorrect_references\""));
    assertThat(live)
        .allSatisfy(row -> assertThat(row).doesNotContain("be brief").contains("\"s\":\""));
    assertThat(embedded.cases()).isEqualTo(4);
    assertThat(embedded.selected()).isEqualTo(4);
    assertThat(live).containsExactlyElementsOf(fromResults);
    assertThat(String.join("\n", live)).doesNotContain("a@b.example");
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly(ResultsWriter.FILE);
    }
  }

  /**
   * Kinds of the cases below: P passing, F failing alike, M moved (the challenger fails where the
   * control passes).
   */
  private static final String KINDS = "PPPFFMPM";

  @Test
  void aRunNoLargerThanTheHeadGetsEveryCasesRowsWhateverTheLimits() throws Exception {
    // head 5, at most 1 moved, 1 failing, 2 passing: a 5-case run still shows all 5 cases, in
    // dataset order
    List<String> rows = rowsOf(5);

    assertThat(rows).containsExactlyElementsOf(compactedResults());
    assertThat(rows)
        .extracting(row -> row.substring(0, row.indexOf("\",\"v\"")))
        .containsExactly(
            "{\"c\":\"c-0",
            "{\"c\":\"c-0",
            "{\"c\":\"c-1",
            "{\"c\":\"c-1",
            "{\"c\":\"c-2",
            "{\"c\":\"c-2",
            "{\"c\":\"c-3",
            "{\"c\":\"c-3",
            "{\"c\":\"c-4",
            "{\"c\":\"c-4");
  }

  @Test
  void aRunLargerThanTheHeadGetsTheRulesChoiceFromTheHeadAndAfterIt() throws Exception {
    // 8 cases PPPFFMPM past a head of 5: passing c-0 and c-1 (limit 2), failing c-3 (limit 1),
    // moved c-5 (limit 1)
    List<String> rows = rowsOf(KINDS.length());

    List<String> all = compactedResults();
    assertThat(rows)
        .containsExactly(
            all.get(0),
            all.get(1),
            all.get(2),
            all.get(3),
            all.get(6),
            all.get(7),
            all.get(10),
            all.get(11));
  }

  private EmbeddedCases embedded;

  /**
   * Runs the first {@code cases} of {@link #KINDS} through a results writer and an EmbeddedCases
   * (head 5, limits 1/1/2).
   */
  private List<String> rowsOf(int cases) throws Exception {
    ResultsWriter results = new ResultsWriter(SUITE, SUITE.variants(), dir, REDACTOR);
    embedded = new EmbeddedCases("control", List.of("max-words"), dir, REDACTOR, 5, 1, 1, 2);
    CheckResult pass = CheckResult.pass("max-words", "1 word, within 3");
    CheckResult fail = CheckResult.fail("max-words", "4 words, expected at most 3");
    for (int i = 0; i < cases; i++) {
      char kind = KINDS.charAt(i);
      EvalCase evalCase = EvalCase.builder("c-" + i).line(i + 1).build();
      List<ChatMessage> prompt = List.of(ChatMessage.user("case " + i));
      List<VariantOutcome> outcomes =
          List.of(
              new VariantOutcome(
                  "control",
                  0,
                  ModelResponse.ofText("a" + i),
                  null,
                  List.of(kind == 'F' ? fail : pass)),
              new VariantOutcome(
                  "challenger",
                  0,
                  ModelResponse.ofText("b" + i),
                  null,
                  List.of(kind == 'P' ? pass : fail)));
      CaseResult result =
          new CaseResult(evalCase, Map.of("control", prompt, "challenger", prompt), outcomes);
      results.accept(result);
      embedded.accept(result);
    }
    results.close();
    List<String> rows = pageRows(embedded);
    embedded.delete();
    assertThat(embedded.large()).isEqualTo(cases > 5);
    return rows;
  }

  private List<String> compactedResults() throws Exception {
    List<String> rows = new ArrayList<>();
    PageRows.FromResults pageRows = new PageRows.FromResults(new PageRows.SystemPrompts());
    for (String line : Files.readAllLines(dir.resolve(ResultsWriter.FILE))) {
      rows.add(Html.island(pageRows.row(line)));
    }
    return rows;
  }

  private static String json(PageRows.SystemPrompts prompts) throws Exception {
    java.io.StringWriter text = new java.io.StringWriter();
    try (var json = Html.JSON.getFactory().createGenerator(text)) {
      prompts.write(json);
    }
    return text.toString();
  }

  @Test
  void rowsAreEscapedForTheScriptIslandByteByByteAsTheStringEscapeDoes() {
    String alphabet = "</!->aü\\\u2028\u2029\u2027\u20a8";
    java.util.Random random = new java.util.Random(7);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(14); i > 0; i--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String json = text.toString();
      assertThat(
              new String(
                  Html.island(json.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
          .as(json)
          .isEqualTo(Html.island(json));
    }
    assertThat(Html.island("a</script><!-- x -->\u2028"))
        .isEqualTo("a\\u003c/script\\u003e\\u003c!-- x --\\u003e\\u2028");
  }

  /**
   * The rows as the page's array holds them: the first on its own line, each later one after a
   * comma.
   */
  private static List<String> pageRows(EmbeddedCases embedded) throws Exception {
    ByteArrayOutputStream page = new ByteArrayOutputStream();
    embedded.rows(page);
    String text = page.toString(StandardCharsets.UTF_8);
    List<String> rows = new ArrayList<>();
    if (text.isEmpty()) {
      return rows;
    }
    assertThat(text).endsWith("\n").doesNotStartWith(",");
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      assertThat(lines[i].startsWith(",")).as("row %d starts with a comma", i).isEqualTo(i > 0);
      rows.add(i > 0 ? lines[i].substring(1) : lines[i]);
    }
    return rows;
  }
}

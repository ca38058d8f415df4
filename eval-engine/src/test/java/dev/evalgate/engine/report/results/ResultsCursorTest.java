package dev.evalgate.engine.report.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.engine.model.CaseResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stored run's cases are found by walking its results forward, one case in memory at a time. */
class ResultsCursorTest {
  @TempDir Path dir;

  private static String line(String id, long line, String variant, int repeat, String output) {
    return "{\"case_id\":\""
        + id
        + "\",\"line\":"
        + line
        + ",\"variant\":\""
        + variant
        + "\",\"repeat\":"
        + repeat
        + ",\"tokens_in\":1,\"tokens_out\":1,\"tokens_estimated\":false,\"cost_usd\":null,\"latency_ms\":1.0,\"ttfb_ms\":null,"
        + "\"finish_reason\":\"stop\",\"error_class\":null,\"error\":null,\"recorded\":false,\"prompt\":\"p\",\"output\":\""
        + output
        + "\",\"passed\":true,\"checks\":[]}";
  }

  @Test
  void findsCasesInDatasetOrderSkipsMissingOnesAndStartsAgainWhenAskedForAnEarlierOne()
      throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      lines.add(line("c-" + i, i * 2L, "control", 0, "a" + i));
      lines.add(line("c-" + i, i * 2L, "control", 1, "b" + i));
      lines.add(line("c-" + i, i * 2L, "challenger", 0, "x" + i));
    }
    Path results = dir.resolve("results.jsonl");
    Files.writeString(results, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

    try (ResultsCursor cursor = new ResultsCursor(results)) {
      CaseResult second = cursor.seek(4, "c-2");
      assertThat(second.outcomes())
          .extracting(o -> o.variant() + o.repeat() + ":" + o.response().text())
          .containsExactly("control0:a2", "control1:b2", "challenger0:x2");
      assertThat(cursor.seek(4, "c-2")).isSameAs(second);
      assertThat(cursor.seek(5, "not-there")).isNull();
      assertThat(cursor.seek(8, "c-4").outcomes().get(0).response().text()).isEqualTo("a4");
      assertThat(cursor.seek(2, "c-1").outcomes().get(2).response().text()).isEqualTo("x1");
      assertThat(cursor.seek(10, "c-5").caseId()).isEqualTo("c-5");
      assertThat(cursor.seek(12, "c-6")).isNull();
    }
  }

  @Test
  void theCallsTotalTimeIsReadBackAndAnOlderLineWithoutItTookItsAnswersTime() throws Exception {
    String withCallTime =
        line("c-1", 1, "control", 0, "a")
            .replace("\"latency_ms\":1.0,", "\"latency_ms\":1.0,\"call_ms\":3200.5,");
    Path results = dir.resolve("results.jsonl");
    Files.writeString(
        results,
        withCallTime + "\n" + line("c-2", 2, "control", 0, "b") + "\n",
        StandardCharsets.UTF_8);

    try (ResultsCursor cursor = new ResultsCursor(results)) {
      assertThat(cursor.seek(1, "c-1").outcomes().get(0).response().callTime())
          .isEqualTo(java.time.Duration.ofNanos(3_200_500_000L));
      assertThat(cursor.seek(2, "c-2").outcomes().get(0).response().callTime())
          .isEqualTo(java.time.Duration.ofMillis(1));
    }
  }

  @Test
  void theAttemptsAndTheRetriedErrorsAreReadBackAndALineWithoutThemClaimsNone() throws Exception {
    String retried =
        line("c-1", 1, "control", 0, "a")
            .replace(
                "\"latency_ms\":1.0,",
                "\"latency_ms\":1.0,\"attempts\":3,\"retried_errors\":[\"server error (HTTP 503)\","
                    + "\"rate limited (HTTP 429)\"],");
    Path results = dir.resolve("results.jsonl");
    Files.writeString(
        results, retried + "\n" + line("c-2", 2, "control", 0, "b") + "\n", StandardCharsets.UTF_8);

    try (ResultsCursor cursor = new ResultsCursor(results)) {
      dev.evalgate.api.ModelResponse first = cursor.seek(1, "c-1").outcomes().get(0).response();
      assertThat(first.attempts()).isEqualTo(3);
      assertThat(first.retriedErrors())
          .containsExactly("server error (HTTP 503)", "rate limited (HTTP 429)");
      dev.evalgate.api.ModelResponse second = cursor.seek(2, "c-2").outcomes().get(0).response();
      assertThat(second.attempts()).isZero();
      assertThat(second.retriedErrors()).isEmpty();
    }
  }

  @Test
  void anAppAnswersStepsAreReadBackAsWrittenSoAMergeCountsItsCallsAndTokensAsTheLiveRunDid()
      throws Exception {
    List<dev.evalgate.api.CallStep> steps =
        List.of(
            new dev.evalgate.api.CallStep(
                "openai",
                "gpt-4.1-mini",
                new dev.evalgate.api.TokenUsage(40, 7, false),
                java.time.Duration.ofNanos(412_500_000),
                null,
                List.of(
                    dev.evalgate.api.ToolCall.of(
                        "call_1", "lookup_order", "{\"order_id\":\"A-1\"}")),
                "tool_calls",
                false,
                true,
                200,
                null,
                null,
                List.of()),
            new dev.evalgate.api.CallStep(
                "anthropic",
                "claude-sonnet-4",
                new dev.evalgate.api.TokenUsage(50, 9, true),
                java.time.Duration.ofMillis(30),
                java.time.Duration.ofMillis(12),
                List.of(),
                "end_turn",
                true,
                false,
                429,
                dev.evalgate.api.ErrorClass.RATE_LIMITED,
                "HTTP 429",
                List.of()));
    java.io.StringWriter written = new java.io.StringWriter();
    try (com.fasterxml.jackson.core.JsonGenerator json =
        new com.fasterxml.jackson.databind.ObjectMapper().getFactory().createGenerator(written)) {
      json.writeStartObject();
      StepTexts.write(
          json,
          ResultsFields.STEPS,
          steps,
          dev.evalgate.engine.redact.Redactor.NONE,
          java.util.function.UnaryOperator.identity());
      json.writeEndObject();
    }
    String array = written.toString().substring(1, written.toString().length() - 1);
    Path results = dir.resolve("results.jsonl");
    Files.writeString(
        results,
        line("c-1", 1, "app", 0, "done").replace(",\"passed\"", "," + array + ",\"passed\"") + "\n",
        StandardCharsets.UTF_8);

    try (ResultsCursor cursor = new ResultsCursor(results, ResultsCursor.Reading.ANSWERS)) {
      assertThat(cursor.next()).isTrue();
      assertThat(cursor.rows().get(0).outcome.response().steps()).isEqualTo(steps);
    }
    try (ResultsCursor cursor = new ResultsCursor(results, ResultsCursor.Reading.CHECKS)) {
      assertThat(cursor.next()).isTrue();
      assertThat(cursor.rows().get(0).outcome.response().steps()).isEmpty();
    }
  }

  @Test
  void eachReadingReadsTheFieldsItNamesAndSkipsTheRest() throws Exception {
    String first =
        line("c-1", 1, "control", 0, "the answer")
            .replace("\"prompt\":\"p\"", "\"prompt\":\"[user] hi\"")
            .replace(
                "\"checks\":[]}",
                "\"checks\":[],\"case\":{\"context\":\"ctx\",\"expect\":\"refuse\","
                    + "\"references\":[\"r1\",\"r2\"],\"incorrect_references\":[\"w\"]}}");
    Path results = dir.resolve("results.jsonl");
    Files.writeString(results, first + "\n", StandardCharsets.UTF_8);

    List<String> read = new ArrayList<>();
    for (ResultsCursor.Reading reading : ResultsCursor.Reading.values()) {
      try (ResultsCursor cursor = new ResultsCursor(results, reading)) {
        assertThat(cursor.next()).isTrue();
        ResultsCursor.Row row = cursor.rows().get(0);
        read.add(
            reading
                + ": "
                + row.caseId
                + " "
                + row.line
                + " "
                + row.outcome.variant()
                + " passed="
                + row.passed
                + " output='"
                + row.outcome.response().text()
                + "' prompt='"
                + row.prompt
                + "' fields="
                + row.fields);
      }
    }

    assertThat(read)
        .containsExactly(
            "CHECKS: c-1 1 control passed=true output='' prompt='' fields=null",
            "ANSWERS: c-1 1 control passed=true output='the answer' prompt='' fields=null",
            "EVERYTHING: c-1 1 control passed=true output='the answer' prompt='[user] hi' fields="
                + new CaseFields("ctx", "refuse", List.of("r1", "r2"), List.of("w")));
  }

  @Test
  void linesReadFromTheMiddleOfAFileNameTheFileAndWhereTheyStartWhenOneIsNotAResultsLine()
      throws Exception {
    byte[] bytes =
        (line("c-1", 1, "control", 0, "a") + "\n{\"case_id\":\"c-2\"}\n")
            .getBytes(StandardCharsets.UTF_8);
    Path results = dir.resolve("results.jsonl");

    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    ResultsCursor.rows(
                        results, 4096, bytes, bytes.length, ResultsCursor.Reading.EVERYTHING)))
        .hasMessage(
            results
                + " at byte 4096, line 2 from there: no dataset line; expected"
                + " \"case_id\" (a string) and \"line\" (a number) in every results line");
  }
}

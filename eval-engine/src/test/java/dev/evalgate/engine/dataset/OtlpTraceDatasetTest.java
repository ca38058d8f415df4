package dev.evalgate.engine.dataset;

import static dev.evalgate.engine.dataset.TraceExport.attribute;
import static dev.evalgate.engine.dataset.TraceExport.chat;
import static dev.evalgate.engine.dataset.TraceExport.event;
import static dev.evalgate.engine.dataset.TraceExport.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.DatasetSpec;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.Role;
import dev.evalgate.api.TraceSpec;
import dev.evalgate.engine.config.Shard;
import dev.evalgate.engine.redact.Redactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtlpTraceDatasetTest {
  static final Instant MONDAY = Instant.parse("2026-11-30T09:00:00Z");

  @TempDir Path dir;
  final List<RowProblem> problems = new ArrayList<>();

  List<EvalCase> read(TraceExport export, TraceSpec traces) throws IOException {
    return read(export.write(dir.resolve("traces.json")), traces, Redactor.NONE);
  }

  List<EvalCase> read(Path file, TraceSpec traces, Redactor redactor) throws IOException {
    DatasetSource source = new DatasetSource(file.getFileName().toString(), file.toUri(), file);
    List<EvalCase> cases = new ArrayList<>();
    try (DatasetReader reader =
        DatasetReader.open(
            source, DatasetSpec.traces(source.location(), traces), redactor, problems::add)) {
      reader.forEachRemaining(cases::add);
    }
    return cases;
  }

  static TraceSpec otlp() {
    return TraceSpec.of(TraceSpec.Format.OTLP);
  }

  static ObjectNode call(String id, Instant start, String variant, String prompt) {
    return chat(
        id,
        start,
        800,
        Map.of(
            "gen_ai.operation.name",
            "chat",
            "gen_ai.request.model",
            variant.equals("control") ? "gpt-4o-mini" : "claude-haiku-4-5",
            "gen_ai.usage.input_tokens",
            120,
            "gen_ai.usage.output_tokens",
            48,
            "experiment_id",
            "exp-7",
            "variant",
            variant),
        "Be brief.",
        prompt,
        "Answer to " + prompt);
  }

  @Test
  void eachGenAiSpanIsACaseWithItsPromptAnswerAndFigures() throws IOException {
    ObjectNode current = call("a1", MONDAY, "control", "Where is order A-1?");
    ObjectNode legacy = span("b2", MONDAY.plusSeconds(60), 1500);
    attribute(legacy, "gen_ai.system", "openai");
    attribute(legacy, "gen_ai.request.model", "gpt-4o");
    attribute(legacy, "gen_ai.prompt", "[{\"role\":\"user\",\"content\":\"Cancel my plan\"}]");
    attribute(legacy, "gen_ai.completion", "[{\"role\":\"assistant\",\"content\":\"Done.\"}]");
    attribute(legacy, "prompt_version", "v2");
    ObjectNode withEvents = span("c3", MONDAY.plusSeconds(120), 200);
    attribute(withEvents, "gen_ai.request.model", "gpt-4o");
    event(withEvents, "gen_ai.system.message", Map.of("content", "You are a support agent."));
    event(withEvents, "gen_ai.user.message", Map.of("content", "Refund please"));
    event(withEvents, "gen_ai.choice", Map.of("message", "{\"content\":\"Refund issued.\"}"));
    ObjectNode http = span("d4", MONDAY.plusSeconds(130), 20);
    attribute(http, "http.request.method", "POST");
    TraceExport export =
        new TraceExport()
            .resource("service.name", "support-bot")
            .resource("variant", "challenger")
            .span("a1", current)
            .span("b2", legacy)
            .span("c3", withEvents)
            .span("d4", http);

    List<EvalCase> cases = read(export, otlp());

    assertThat(problems).isEmpty();
    assertThat(cases).extracting(EvalCase::id).containsExactly("a1", "b2", "c3");
    EvalCase first = cases.get(0);
    assertThat(first.line()).isEqualTo(export.lineOf("a1"));
    assertThat(first.messages())
        .containsExactly(
            new ChatMessage(Role.SYSTEM, "Be brief."),
            new ChatMessage(Role.USER, "Where is order A-1?"));
    assertThat(first.variable("answer")).isEqualTo("Answer to Where is order A-1?");
    assertThat(first.variable("model")).isEqualTo("gpt-4o-mini");
    assertThat(first.variable("variant")).isEqualTo("control");
    assertThat(first.variable("experiment_id")).isEqualTo("exp-7");
    assertThat(first.variable("input_tokens")).isEqualTo("120");
    assertThat(first.variable("output_tokens")).isEqualTo("48");
    assertThat(first.variable("latency_ms")).isEqualTo("800.0");
    assertThat(first.variable("time")).isEqualTo("2026-11-30T09:00:00Z");
    EvalCase second = cases.get(1);
    assertThat(second.messages()).containsExactly(new ChatMessage(Role.USER, "Cancel my plan"));
    assertThat(second.variable("answer")).isEqualTo("Done.");
    assertThat(second.variable("provider")).isEqualTo("openai");
    assertThat(second.variable("prompt_version")).isEqualTo("v2");
    assertThat(second.variable("variant"))
        .as("the resource's attribute when the span has none")
        .isEqualTo("challenger");
    EvalCase third = cases.get(2);
    assertThat(third.messages())
        .containsExactly(
            new ChatMessage(Role.SYSTEM, "You are a support agent."),
            new ChatMessage(Role.USER, "Refund please"));
    assertThat(third.variable("answer")).isEqualTo("Refund issued.");
  }

  @Test
  void malformedSpansAreReportedWithTheirLineAndTheRestIsRead() throws IOException {
    ObjectNode noStart = call("n1", MONDAY, "control", "q1");
    noStart.remove("startTimeUnixNano");
    ObjectNode badInteger = call("n2", MONDAY, "control", "q2");
    attribute(badInteger, "gen_ai.usage.input_tokens", "x");
    ((ObjectNode)
            badInteger.get("attributes").get(badInteger.get("attributes").size() - 1).get("value"))
        .removeAll()
        .put("intValue", "twelve");
    ObjectNode noPrompt = span("n3", MONDAY, 100);
    attribute(noPrompt, "gen_ai.request.model", "gpt-4o");
    TraceExport export =
        new TraceExport()
            .span("ok1", call("ok1", MONDAY, "control", "fine"))
            .span("n1", noStart)
            .span("n2", badInteger)
            .raw("n4", "42")
            .span("n3", noPrompt)
            .span("ok2", call("ok2", MONDAY.plusSeconds(1), "control", "also fine"));

    List<EvalCase> cases = read(export, otlp());

    assertThat(cases).extracting(EvalCase::id).containsExactly("ok1", "ok2");
    assertThat(problems)
        .extracting(RowProblem::describe)
        .containsExactly(
            "traces.json:"
                + export.lineOf("n1")
                + ": span 'chat' n1: expected startTimeUnixNano (nanoseconds since 1970, as text"
                + " or a number)",
            "traces.json:"
                + export.lineOf("n2")
                + ": span 'chat' n2: attributes[9]: intValue must be an integer, but was 'twelve'",
            "traces.json:" + export.lineOf("n4") + ": a span must be an object, but was a number",
            "traces.json:"
                + export.lineOf("n3")
                + ": span 'chat' n3: a GenAI call without its prompt; expected"
                + " gen_ai.input.messages, gen_ai.prompt or gen_ai.*.message events (turn on the"
                + " instrumentation's content capture)");
  }

  @Test
  void invalidJsonEndsTheReadingWithAProblemAtItsLine() throws IOException {
    TraceExport export =
        new TraceExport()
            .span("ok1", call("ok1", MONDAY, "control", "fine"))
            .raw("broken", "{\"spanId\": \"x\", ")
            .span("ok2", call("ok2", MONDAY, "control", "never read"));

    List<EvalCase> cases = read(export, otlp());

    assertThat(cases).extracting(EvalCase::id).containsExactly("ok1");
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).line()).isEqualTo(export.lineOf("broken"));
    assertThat(problems.get(0).message())
        .startsWith("invalid JSON at column ")
        .endsWith("); expected OTLP/JSON (the rest of the file is not read)");
  }

  @Test
  void exportsOnePerLineAsTheCollectorWritesThemAreAllRead() throws IOException {
    String first = new TraceExport().span("a", call("a", MONDAY, "control", "q")).text();
    String second =
        new TraceExport().span("b", call("b", MONDAY.plusSeconds(5), "challenger", "r")).text();
    Path file = dir.resolve("traces.jsonl");
    Files.writeString(file, first.replace("\n", "") + "\n" + second.replace("\n", "") + "\n");

    List<EvalCase> cases = read(file, otlp(), Redactor.NONE);

    assertThat(problems).isEmpty();
    assertThat(cases).extracting(EvalCase::id).containsExactly("a", "b");
    assertThat(cases).extracting(EvalCase::line).containsExactly(1L, 2L);
  }

  @Test
  void recordsAreSelectedByAttributeAndTimeWindow() throws IOException {
    TraceExport export = new TraceExport().resource("deployment.environment", "prod");
    for (int day = 0; day < 10; day++) {
      String variant = day % 2 == 0 ? "control" : "challenger";
      export.span(
          "s" + day, call("s" + day, MONDAY.plus(Duration.ofDays(day)), variant, "q" + day));
    }
    TraceSpec traces =
        new TraceSpec(
            TraceSpec.Format.OTLP,
            Map.of("variant", "control", "deployment.environment", "prod"),
            MONDAY.plus(Duration.ofDays(2)),
            MONDAY.plus(Duration.ofDays(8)),
            null,
            Map.of());

    assertThat(read(export, traces)).extracting(EvalCase::id).containsExactly("s2", "s4", "s6");
    assertThat(
            read(
                export,
                new TraceSpec(
                    TraceSpec.Format.OTLP,
                    Map.of("gen_ai.request.model", "claude-haiku-4-5"),
                    null,
                    null,
                    null,
                    Map.of())))
        .extracting(EvalCase::id)
        .containsExactly("s1", "s3", "s5", "s7", "s9");
    assertThat(problems).isEmpty();
  }

  @Test
  void recentKeepsTheNewestRecordsOldestFirstAndASeededSampleOfThemIsStable() throws IOException {
    TraceExport export = new TraceExport();
    // written out of time order, as concurrent exporters do
    int[] days = {5, 1, 9, 3, 7, 0, 8, 2, 6, 4};
    for (int day : days) {
      export.span("s" + day, call("s" + day, MONDAY.plus(Duration.ofDays(day)), "control", "q"));
    }
    TraceSpec recent = new TraceSpec(TraceSpec.Format.OTLP, Map.of(), null, null, 4, Map.of());

    List<EvalCase> newest = read(export, recent);

    assertThat(newest).extracting(EvalCase::id).containsExactly("s6", "s7", "s8", "s9");
    CaseSampling sample = new CaseSampling(null, 2, 42, Shard.WHOLE);
    List<String> once = new ArrayList<>();
    sample.apply(newest.iterator()).forEachRemaining(c -> once.add(c.id()));
    List<String> again = new ArrayList<>();
    sample.apply(read(export, recent).iterator()).forEachRemaining(c -> again.add(c.id()));
    assertThat(once).hasSize(2).isEqualTo(again);
  }

  @Test
  void productionTextIsRedactedAsItIsReadButIdsAndFiguresAreNot() throws IOException {
    ObjectNode span =
        chat(
            "a1",
            MONDAY,
            300,
            Map.of("gen_ai.request.model", "gpt-4o-mini", "variant", "control"),
            "Be brief.",
            "I am ada@example.com, card 4111 1111 1111 1111",
            "Mail sent to ada@example.com");
    Path file = new TraceExport().span("a1", span).write(dir.resolve("traces.json"));

    List<EvalCase> cases = read(file, otlp(), Redactor.parse("email,card"));

    EvalCase c = cases.get(0);
    assertThat(c.id()).isEqualTo("a1");
    assertThat(c.messages().get(1).content())
        .isEqualTo("I am [REDACTED:email], card [REDACTED:card]");
    assertThat(c.variable("answer")).isEqualTo("Mail sent to [REDACTED:email]");
    assertThat(c.variable("model")).isEqualTo("gpt-4o-mini");
    assertThat(Files.readString(file)).contains("ada@example.com");
  }

  @Test
  void aResourceWithBrokenAttributesIsReportedAndItsSpansStillRead() throws IOException {
    String text =
        new TraceExport()
            .span("a", call("a", MONDAY, "control", "q"))
            .text()
            .replace("{\"attributes\": []}", "{\"attributes\": 7}");
    Path file = dir.resolve("traces.json");
    Files.writeString(file, text);

    assertThat(read(file, otlp(), Redactor.NONE)).extracting(EvalCase::id).containsExactly("a");
    assertThat(problems)
        .extracting(RowProblem::describe)
        .containsExactly(
            "traces.json:2: resource.attributes must be an array of {\"key\": ..., \"value\":"
                + " {...}}, but was a number (its spans are read without the resource's"
                + " attributes)");
  }
}

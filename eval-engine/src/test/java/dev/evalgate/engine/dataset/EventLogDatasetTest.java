package dev.evalgate.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.DatasetSpec;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.Role;
import dev.evalgate.api.TraceSpec;
import dev.evalgate.engine.redact.Redactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogDatasetTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Map<String, String> FIELDS =
      Map.of(
          "id", "request_id",
          "time", "ts",
          "prompt", "request.input",
          "answer", "response.text",
          "variant", "route.group",
          "latency_ms", "timing.total_ms");

  @TempDir Path dir;
  final List<RowProblem> problems = new ArrayList<>();

  /** One gateway event as a gateway writes it. */
  static String event(String id, Instant ts, String group, String input, String output) {
    ObjectNode event = JSON.createObjectNode();
    event.put("request_id", id);
    event.put("ts", ts.toString());
    event.putObject("request").put("input", input).put("region", "eu");
    event.putObject("response").put("text", output);
    event.putObject("route").put("group", group);
    event.putObject("timing").put("total_ms", 640);
    event.put("model", group.equals("a") ? "gpt-4o-mini" : "claude-haiku-4-5");
    return event.toString();
  }

  List<EvalCase> read(List<String> lines, TraceSpec traces, Redactor redactor) throws IOException {
    Path file = dir.resolve("gateway.jsonl");
    Files.write(file, lines);
    DatasetSource source = new DatasetSource("gateway.jsonl", file.toUri(), file);
    List<EvalCase> cases = new ArrayList<>();
    try (DatasetReader reader =
        DatasetReader.open(
            source, DatasetSpec.traces("gateway.jsonl", traces), redactor, problems::add)) {
      reader.forEachRemaining(cases::add);
    }
    return cases;
  }

  static TraceSpec events(Map<String, String> where) {
    return new TraceSpec(TraceSpec.Format.EVENTS, where, null, null, null, FIELDS);
  }

  @Test
  void mappedFieldsBecomeTheCaseFieldsAndUnmappedOnesAreReadByName() throws IOException {
    Instant t = Instant.parse("2026-11-30T10:15:00Z");

    List<EvalCase> cases =
        read(
            List.of(event("r-1", t, "a", "Where is A-1?", "It ships today.")),
            events(Map.of()),
            Redactor.NONE);

    assertThat(problems).isEmpty();
    EvalCase c = cases.get(0);
    assertThat(c.id()).isEqualTo("r-1");
    assertThat(c.messages()).containsExactly(new ChatMessage(Role.USER, "Where is A-1?"));
    assertThat(c.variable("answer")).isEqualTo("It ships today.");
    assertThat(c.variable("variant")).isEqualTo("a");
    assertThat(c.variable("model"))
        .as("unmapped: the field of the same name")
        .isEqualTo("gpt-4o-mini");
    assertThat(c.variable("latency_ms")).isEqualTo("640");
    assertThat(c.variable("time")).isEqualTo("2026-11-30T10:15:00Z");
  }

  @Test
  void badLinesAreReportedByLineAndCountedAndTheRestIsRead() throws IOException {
    Instant t = Instant.parse("2026-11-30T10:15:00Z");
    List<String> lines =
        List.of(
            event("r-1", t, "a", "q1", "a1"),
            "{\"request_id\": \"r-2\", ",
            "{\"request_id\": \"r-3\", \"ts\": \"yesterday\", \"request\": {\"input\": \"q3\"}}",
            "{\"request_id\": \"r-4\", \"ts\": 1764497700000}",
            event("r-5", t, "b", "q5", "a5"));

    List<EvalCase> cases = read(lines, events(Map.of()), Redactor.NONE);

    assertThat(cases).extracting(EvalCase::id).containsExactly("r-1", "r-5");
    assertThat(problems).extracting(RowProblem::line).containsExactly(2L, 3L, 4L);
    assertThat(problems.get(0).message()).startsWith("invalid JSON at column ");
    assertThat(problems.get(1).message())
        .isEqualTo(
            "'ts' must be an ISO-8601 time with an offset (2026-11-30T14:05:00Z) or epoch"
                + " milliseconds, but was 'yesterday'");
    assertThat(problems.get(2).message())
        .isEqualTo(
            "no prompt at 'request.input'; expected the prompt's text or its messages there");
  }

  @Test
  void selectionReadsUnmappedEventFieldsByTheirDottedPath() throws IOException {
    Instant t = Instant.parse("2026-11-30T10:15:00Z");
    List<String> lines =
        List.of(
            event("r-1", t, "a", "q1", "a1"),
            event("r-2", t, "b", "q2", "a2"),
            event("r-3", t, "a", "q3", "a3").replace("\"eu\"", "\"us\""));

    List<EvalCase> cases =
        read(lines, events(Map.of("variant", "a", "request.region", "eu")), Redactor.NONE);

    assertThat(cases).extracting(EvalCase::id).containsExactly("r-1");
  }

  @Test
  void aWindowNeedsATimeAndSaysSoForARecordWithout() throws IOException {
    List<String> lines = List.of("{\"request_id\": \"r-1\", \"request\": {\"input\": \"q\"}}");
    TraceSpec traces =
        new TraceSpec(
            TraceSpec.Format.EVENTS,
            Map.of(),
            Instant.parse("2026-11-01T00:00:00Z"),
            null,
            null,
            FIELDS);

    assertThat(read(lines, traces, Redactor.NONE)).isEmpty();
    assertThat(problems)
        .extracting(RowProblem::describe)
        .containsExactly(
            "gateway.jsonl:1: the record has no time; expected one to select by dataset from, to"
                + " or recent");
  }
}

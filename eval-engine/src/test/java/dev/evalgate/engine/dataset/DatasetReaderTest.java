package dev.evalgate.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.ExpectedToolCall;
import dev.evalgate.api.Role;
import dev.evalgate.api.ToolCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {
  @TempDir Path dir;
  final List<RowProblem> problems = new ArrayList<>();

  DatasetSource write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return new DatasetSource(name, file.toUri(), file);
  }

  List<EvalCase> readAll(DatasetSource source) throws IOException {
    List<EvalCase> cases = new ArrayList<>();
    try (DatasetReader reader = DatasetReader.open(source, "id", problems::add)) {
      reader.forEachRemaining(cases::add);
    }
    return cases;
  }

  @Test
  void jsonlRowsBecomeCasesWithTheirFieldsAndLines() throws IOException {
    DatasetSource source =
        write(
            "d.jsonl",
            """
            {"id": "t-1", "question": "Where is my parcel?", "context": "Parcels ship in 2 days.", "references": ["2 days"], "incorrect_references": "5 days", "expect": "comply"}

            {"id": 7, "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi {{name}}"}], "name": "Ada"}
            """);

    List<EvalCase> cases = readAll(source);

    assertThat(problems).isEmpty();
    assertThat(cases).extracting(EvalCase::id).containsExactly("t-1", "7");
    EvalCase first = cases.get(0);
    assertThat(first.line()).isEqualTo(1);
    assertThat(first.variable("question")).isEqualTo("Where is my parcel?");
    assertThat(first.context()).isEqualTo("Parcels ship in 2 days.");
    assertThat(first.references()).containsExactly("2 days");
    assertThat(first.incorrectReferences()).containsExactly("5 days");
    assertThat(first.expect()).isEqualTo("comply");
    assertThat(cases.get(1).line()).isEqualTo(3);
    assertThat(cases.get(1).messages())
        .extracting(m -> m.role())
        .containsExactly(Role.SYSTEM, Role.USER);
  }

  @Test
  void rowsWithoutAnIdGetAStableContentHash() throws IOException {
    DatasetSource a = write("a.jsonl", "{\"q\": \"one\", \"n\": 1}\n{\"q\": \"two\"}\n");
    DatasetSource b = write("b.jsonl", "{\"q\": \"zero\"}\n{\"n\": 1, \"q\": \"one\"}\n");

    String idInA = readAll(a).get(0).id();
    String idInB = readAll(b).get(1).id();

    assertThat(idInA).startsWith("h-").hasSize(14).isEqualTo(idInB);
  }

  @Test
  void csvHandlesQuotedMultiLineFieldsAndNamesTheLineOfABadRow() throws IOException {
    DatasetSource source =
        write(
            "d.csv",
            """
            id,question,expect
            c-1,"Two lines,
            with a comma and \"\"quotes\"\"\",comply
            c-2,too,many,columns
            c-3,plain,refuse
            """);

    List<EvalCase> cases = readAll(source);

    assertThat(cases).extracting(EvalCase::id).containsExactly("c-1", "c-3");
    assertThat(cases.get(0).variable("question"))
        .isEqualTo("Two lines,\nwith a comma and \"quotes\"");
    assertThat(cases.get(1).line()).isEqualTo(5);
    assertThat(problems)
        .extracting(RowProblem::describe)
        .containsExactly("d.csv:4: expected 3 columns (id, question, expect), but the row has 4");
  }

  @Test
  void csvWithAnUnbalancedQuoteReportsWhereItStopped() throws IOException {
    DatasetSource source = write("q.csv", "id,question\nq-1,fine\nq-2,\"never closed\nq-3,lost\n");

    List<EvalCase> cases = readAll(source);

    assertThat(cases).extracting(EvalCase::id).containsExactly("q-1");
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).describe())
        .startsWith("q.csv:3: unreadable CSV (")
        .endsWith(
            "); expected balanced double quotes; lines 3 to 4, the rest of the file, are lost");
  }

  @Test
  void jsonArraysAreStreamedElementByElement() throws IOException {
    DatasetSource source =
        write(
            "d.json",
            """
            [
              {"id": "j-1", "q": "a"},
              "not an object",
              {"id": "j-2", "q": "b"}
            ]
            """);

    List<EvalCase> cases = readAll(source);

    assertThat(cases).extracting(EvalCase::id).containsExactly("j-1", "j-2");
    assertThat(cases).extracting(EvalCase::line).containsExactly(2L, 4L);
    assertThat(problems)
        .extracting(RowProblem::describe)
        .containsExactly("d.json:3: expected a JSON object as array element, but found a string");
  }

  @Test
  void theHashCoversTheWholeFileEvenWhenReadingStopsEarly() throws Exception {
    String content = "{\"id\": \"1\"}\n{\"id\": \"2\"}\n{\"id\": \"3\"}\n";
    DatasetSource source = write("h.jsonl", content);
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));

    DatasetReader reader = DatasetReader.open(source, "id", problems::add);
    reader.next();
    reader.close();

    assertThat(reader.sha256()).isEqualTo(expected);
  }

  @Test
  void anUnknownExtensionIsRejectedWithTheAcceptedOnes() throws IOException {
    DatasetSource source = write("d.txt", "x");

    assertThatThrownBy(() -> DatasetReader.open(source, "id", problems::add))
        .isInstanceOf(DatasetException.class)
        .hasMessage(
            "unknown dataset format; expected a file ending in .jsonl, .ndjson, .csv or .json");
  }

  @Test
  void badMessagesAreExplained() throws IOException {
    DatasetSource source =
        write(
            "m.jsonl",
            "{\"id\": \"m-1\", \"messages\": [{\"role\": \"robot\", \"content\": \"hi\"}]}\n");

    readAll(source);

    assertThat(problems)
        .extracting(RowProblem::describe)
        .containsExactly(
            "m.jsonl:1: messages[0]: unknown role 'robot', expected one of system, user, assistant,"
                + " tool");
  }

  @Test
  void aRowMayHoldAConversationWithToolCallsAndToolResultsAndExpectedToolCalls()
      throws IOException {
    DatasetSource source =
        write(
            "t.jsonl",
            """
            {"id": "t-1", "messages": [{"role": "user", "content": "Where is A-100037?"}, {"role": "assistant", "tool_calls": [{"id": "call_1", "name": "lookup_order", "arguments": {"order_id": "A-100037"}}]}, {"role": "tool", "tool_call_id": "call_1", "content": {"status": "late"}}, {"role": "user", "content": "Refund it"}], "expected_tool_calls": [{"name": "request_refund", "arguments": {"order_id": "A-100037"}}, "notify"]}
            {"id": "t-2", "messages": [{"role": "assistant", "content": "Let me look.", "tool_calls": [{"id": "call_2", "type": "function", "function": {"name": "lookup_order", "arguments": "{\\"order_id\\": \\"A-1\\"}"}}]}, {"role": "tool", "tool_call_id": "call_2", "content": "not found"}], "expected_tool_calls": []}
            {"id": "t-3", "question": "hi"}
            """);

    List<EvalCase> cases = readAll(source);

    assertThat(problems).isEmpty();
    EvalCase first = cases.get(0);
    assertThat(first.messages())
        .extracting(ChatMessage::role)
        .containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.USER);
    assertThat(first.messages().get(1).content()).isEmpty();
    assertThat(first.messages().get(1).toolCalls())
        .containsExactly(ToolCall.of("call_1", "lookup_order", "{\"order_id\":\"A-100037\"}"));
    assertThat(first.messages().get(2).toolCallId()).isEqualTo("call_1");
    assertThat(first.messages().get(2).content()).isEqualTo("{\"status\":\"late\"}");
    assertThat(first.expectedToolCalls())
        .containsExactly(
            ExpectedToolCall.of("request_refund", "{\"order_id\":\"A-100037\"}"),
            ExpectedToolCall.of("notify"));
    EvalCase second = cases.get(1);
    assertThat(second.messages().get(0).content()).isEqualTo("Let me look.");
    assertThat(second.messages().get(0).toolCalls())
        .containsExactly(ToolCall.of("call_2", "lookup_order", "{\"order_id\":\"A-1\"}"));
    assertThat(second.expectedToolCalls()).isEmpty();
    assertThat(cases.get(2).expectedToolCalls()).isNull();
  }

  @Test
  void badToolTurnsAndExpectedToolCallsAreExplainedWithTheirPlace() throws IOException {
    DatasetSource source =
        write(
            "b.jsonl",
            """
            {"id": "b-1", "messages": [{"role": "tool", "content": "42"}]}
            {"id": "b-2", "messages": [{"role": "user", "content": "hi", "tool_calls": [{"name": "x"}]}]}
            {"id": "b-3", "messages": [{"role": "assistant", "tool_calls": [{"name": "x", "arguments": "{not json"}]}]}
            {"id": "b-4", "messages": [{"role": "assistant", "tool_calls": [{"arguments": {}}]}]}
            {"id": "b-5", "messages": [{"role": "user", "content": "hi", "tool_call_id": "c"}]}
            {"id": "b-6", "expected_tool_calls": "lookup_order"}
            {"id": "b-7", "expected_tool_calls": [{"name": "lookup_order", "arguments": [1]}]}
            {"id": "b-8", "expected_tool_calls": [{"tool": "lookup_order"}]}
            """);

    readAll(source);

    assertThat(problems)
        .extracting(RowProblem::describe)
        .containsExactly(
            "b.jsonl:1: messages[0]: a tool message needs 'tool_call_id', the id of the tool call"
                + " it answers, but has none",
            "b.jsonl:2: messages[0]: only an assistant message holds 'tool_calls', not a user"
                + " message",
            "b.jsonl:3: messages[0].tool_calls[0].arguments must be a JSON object (or JSON text of"
                + " one), but was \"{not json\"",
            "b.jsonl:4: messages[0].tool_calls[0] must be an object with a string field 'name' and"
                + " object 'arguments', but was {\"arguments\":{}}",
            "b.jsonl:5: messages[0]: only a tool message has 'tool_call_id', not a user message",
            "b.jsonl:6: field 'expected_tool_calls' must be an array of {\"name\": ...,"
                + " \"arguments\": {...}} objects or tool names ([] for no call), but was"
                + " \"lookup_order\"",
            "b.jsonl:7: expected_tool_calls[0].arguments must be a JSON object (or JSON text of"
                + " one), but was [1]",
            "b.jsonl:8: expected_tool_calls[0] must be a tool's name or an object with a string"
                + " field 'name' and optional object 'arguments', but was"
                + " {\"tool\":\"lookup_order\"}");
  }
}

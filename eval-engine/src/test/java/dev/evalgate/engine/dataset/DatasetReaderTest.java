package dev.evalgate.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalgate.api.EvalCase;
import dev.evalgate.api.Role;
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
    DatasetSource source = write("d.jsonl", """
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
    assertThat(cases.get(1).messages()).extracting(m -> m.role()).containsExactly(Role.SYSTEM, Role.USER);
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
    DatasetSource source = write("d.csv", """
        id,question,expect
        c-1,"Two lines,
        with a comma and \"\"quotes\"\"\",comply
        c-2,too,many,columns
        c-3,plain,refuse
        """);

    List<EvalCase> cases = readAll(source);

    assertThat(cases).extracting(EvalCase::id).containsExactly("c-1", "c-3");
    assertThat(cases.get(0).variable("question")).isEqualTo("Two lines,\nwith a comma and \"quotes\"");
    assertThat(cases.get(1).line()).isEqualTo(5);
    assertThat(problems).extracting(RowProblem::describe).containsExactly(
        "d.csv:4: expected 3 columns (id, question, expect), but the row has 4");
  }

  @Test
  void csvWithAnUnbalancedQuoteReportsWhereItStopped() throws IOException {
    DatasetSource source = write("q.csv", "id,question\nq-1,fine\nq-2,\"never closed\nq-3,lost\n");

    List<EvalCase> cases = readAll(source);

    assertThat(cases).extracting(EvalCase::id).containsExactly("q-1");
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).describe()).startsWith("q.csv:3: unreadable CSV (")
        .endsWith("); expected balanced double quotes; lines 3 to 4, the rest of the file, are lost");
  }

  @Test
  void jsonArraysAreStreamedElementByElement() throws IOException {
    DatasetSource source = write("d.json", """
        [
          {"id": "j-1", "q": "a"},
          "not an object",
          {"id": "j-2", "q": "b"}
        ]
        """);

    List<EvalCase> cases = readAll(source);

    assertThat(cases).extracting(EvalCase::id).containsExactly("j-1", "j-2");
    assertThat(cases).extracting(EvalCase::line).containsExactly(2L, 4L);
    assertThat(problems).extracting(RowProblem::describe).containsExactly(
        "d.json:3: expected a JSON object as array element, but found value_string");
  }

  @Test
  void theHashCoversTheWholeFileEvenWhenReadingStopsEarly() throws Exception {
    String content = "{\"id\": \"1\"}\n{\"id\": \"2\"}\n{\"id\": \"3\"}\n";
    DatasetSource source = write("h.jsonl", content);
    String expected = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));

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
        .hasMessage("unknown dataset format; expected a file ending in .jsonl, .ndjson, .csv or .json");
  }

  @Test
  void badMessagesAreExplained() throws IOException {
    DatasetSource source = write("m.jsonl", "{\"id\": \"m-1\", \"messages\": [{\"role\": \"robot\", \"content\": \"hi\"}]}\n");

    readAll(source);

    assertThat(problems).extracting(RowProblem::describe).containsExactly(
        "m.jsonl:1: messages[0]: unknown role 'robot', expected one of system, user, assistant");
  }
}

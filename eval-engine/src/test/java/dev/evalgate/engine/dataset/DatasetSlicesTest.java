package dev.evalgate.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.api.DatasetSpec;
import dev.evalgate.api.EvalCase;
import dev.evalgate.engine.redact.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A case's slice values come from its row's fields; a field no row has is a problem. */
class DatasetSlicesTest {
  @TempDir Path dir;
  final List<RowProblem> problems = new ArrayList<>();

  List<EvalCase> read(String content, String... fields) throws IOException {
    Path file = dir.resolve("d.jsonl");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    DatasetSource source = new DatasetSource("d.jsonl", file.toUri(), file);
    List<EvalCase> cases = new ArrayList<>();
    try (DatasetReader reader =
        DatasetReader.open(
            source,
            DatasetSpec.of("d.jsonl").withSlices(List.of(fields)),
            Redactor.NONE,
            problems::add)) {
      reader.forEachRemaining(cases::add);
      problems.addAll(reader.slicesNotFound());
    }
    return cases;
  }

  @Test
  void textNumbersAndBooleansAreSliceValuesAndNullOrBlankIsNone() throws IOException {
    List<EvalCase> cases =
        read(
            """
            {"id": "a", "category": " billing ", "tier": 2, "vip": true}
            {"id": "b", "category": null, "tier": "  "}
            {"id": "c"}
            """,
            "category",
            "tier",
            "vip");

    assertThat(problems).isEmpty();
    assertThat(cases.get(0).slices())
        .isEqualTo(Map.of("category", "billing", "tier", "2", "vip", "true"));
    assertThat(cases.get(1).slices()).as("in the (none) slice of each field").isEmpty();
    assertThat(cases.get(2).slices()).isEmpty();
  }

  @Test
  void aSliceFieldHoldingAnObjectIsARowProblemAtItsLine() throws IOException {
    List<EvalCase> cases =
        read(
            """
            {"id": "a", "category": "billing"}
            {"id": "b", "category": {"name": "billing"}}
            """,
            "category");

    assertThat(cases).extracting(EvalCase::id).containsExactly("a");
    assertThat(problems)
        .extracting(RowProblem::describe)
        .containsExactly(
            "d.jsonl:2: field 'category' names the case's slice (slices: category), so it must be"
                + " text, a number or true/false, but was {\"name\":\"billing\"}");
  }

  @Test
  void aFieldNoRowHasIsNamedWithTheRowsFields() throws IOException {
    read("{\"id\": \"a\", \"category\": \"billing\"}\n", "categry");

    assertThat(problems)
        .extracting(RowProblem::describe)
        .containsExactly(
            "d.jsonl:1: no case read has a value for the field 'categry' that slices names, so"
                + " every case is in its (none) slice; expected one of the rows' fields: id,"
                + " category");
  }

  @Test
  void theClusterIsTheFieldsTextAndAnObjectThereIsARowProblem() throws IOException {
    Path file = dir.resolve("c.jsonl");
    Files.writeString(
        file,
        """
        {"id": "a", "conversation": "conv-1"}
        {"id": "b", "conversation": 7}
        {"id": "c"}
        {"id": "d", "conversation": ["x"]}
        """,
        StandardCharsets.UTF_8);
    List<EvalCase> cases = new ArrayList<>();
    try (DatasetReader reader =
        DatasetReader.open(
            new DatasetSource("c.jsonl", file.toUri(), file),
            DatasetSpec.of("c.jsonl").withCluster("conversation"),
            Redactor.NONE,
            problems::add)) {
      reader.forEachRemaining(cases::add);
    }

    assertThat(cases).extracting(EvalCase::cluster).containsExactly("conv-1", "7", null);
    assertThat(problems)
        .extracting(RowProblem::describe)
        .containsExactly(
            "c.jsonl:4: field 'conversation' names the case's cluster (dataset.cluster), so it"
                + " must be text or a number, but was [\"x\"]");
  }
}

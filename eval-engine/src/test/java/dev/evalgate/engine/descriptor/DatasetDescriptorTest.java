package dev.evalgate.engine.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.engine.dataset.DatasetReader;
import dev.evalgate.engine.dataset.RowProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetDescriptorTest {
  @Test
  void aQuoteThatSwallowedTheRestOfTheFileSaysHowMuchWasLost() {
    RowProblem problem =
        new RowProblem(
            "d.csv",
            2,
            "unreadable CSV (...); expected balanced double quotes; lines 2 to 5,001,"
                + " the rest of the file, are lost",
            4_999);

    assertThat(DatasetDescriptor.message(List.of(problem)))
        .isEqualTo(
            "1 dataset row was skipped, and 4,999 lines after it could not be read at all:\n"
                + "  d.csv:2: unreadable CSV (...); expected balanced double quotes; lines 2 to"
                + " 5,001, the rest of the file, are lost");
  }

  @Test
  void skippedRowsAloneAreCounted() {
    assertThat(DatasetDescriptor.message(List.of(new RowProblem("d.jsonl", 3, "bad"))))
        .isEqualTo("1 dataset row was skipped:\n" + "  d.jsonl:3: bad");
  }

  @Test
  void aProblemOfTheWholeFileIsNotCountedAsARow() {
    List<RowProblem> problems =
        List.of(
            new RowProblem("q.jsonl", 1, "case 'q-1' has no variable 'question'"),
            new RowProblem("q.jsonl", 2, "case 'q-2' has no variable 'question'"),
            new RowProblem("q.jsonl", 0, DatasetReader.EMPTY));

    assertThat(DatasetDescriptor.message(problems))
        .isEqualTo(
            "2 dataset rows were skipped, and the dataset as a whole has 1 problem:\n"
                + "  q.jsonl:1: case 'q-1' has no variable 'question'\n"
                + "  q.jsonl:2: case 'q-2' has no variable 'question'\n"
                + "  q.jsonl: the dataset has no usable case; expected at least one row");
    assertThat(
            DatasetDescriptor.message(
                List.of(
                    new RowProblem("c.jsonl", 4, "case 'c-4' has no variable 'question'"),
                    RowProblem.ofFile("c.jsonl", 1, "no row has a value for the field 'topic'"))))
        .as("a problem of the whole file shown at the first row is still not a row")
        .isEqualTo(
            "1 dataset row was skipped, and the dataset as a whole has 1 problem:\n"
                + "  c.jsonl:4: case 'c-4' has no variable 'question'\n"
                + "  c.jsonl:1: no row has a value for the field 'topic'");
    assertThat(
            DatasetDescriptor.message(List.of(new RowProblem("e.jsonl", 0, DatasetReader.EMPTY))))
        .isEqualTo(
            "The dataset as a whole has 1 problem:\n"
                + "  e.jsonl: the dataset has no usable case; expected at least one row");
  }
}

package dev.evalgate.engine.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

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
}

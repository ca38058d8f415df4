package dev.evalgate.benchmarks.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ceiling loses the rows no word comparison can decide: the fewer label among answers sharing
 * no word with a reference, and verbatim references judged incorrect.
 */
class ReferenceCeilingTest {
  @TempDir Path dir;

  @Test
  void answersWithoutASharedWordTieAndVerbatimReferencesJudgedIncorrectAreLost() throws Exception {
    Path corpus = dir.resolve("reference_tiny");
    Files.createDirectories(corpus);
    Files.write(
        corpus.resolve("reference.jsonl"),
        List.of(
            ContrastProxyTest.row("a", "dev", "g1", "It was William Shakespeare.", "correct"),
            ContrastProxyTest.row("b", "dev", "g1", "the Bard", "correct"),
            ContrastProxyTest.row("c", "dev", "g1", "Christopher Marlowe", "incorrect"),
            ContrastProxyTest.row("d", "dev", "g1", "Francis Bacon", "incorrect"),
            ContrastProxyTest.row("e", "dev", "g1", "William  Shakespeare.", "incorrect"),
            ContrastProxyTest.row("f", "test", "g2", "Thomas Kyd", "correct")));

    ReferenceCeiling.Ceiling c = ReferenceCeiling.measure(dir, "reference_tiny");

    assertThat(c.rows()).as("test rows are never read").isEqualTo(5);
    assertThat(c.correct()).isEqualTo(2);
    assertThat(c.noWordCorrect()).isEqualTo(1);
    assertThat(c.noWordIncorrect()).isEqualTo(2);
    assertThat(c.verbatimIncorrect()).isEqualTo(1);
    // "the Bard" is lost (the rows without a shared word are mostly incorrect), and so is "e"
    assertThat(c.accuracy()).isCloseTo(3.0 / 5, within(1e-9));
    // a beats c and d, ties e; b ties c and d, loses to e: 3.5 of 6 pairs
    assertThat(c.auroc()).isCloseTo(3.5 / 6, within(1e-9));
  }
}

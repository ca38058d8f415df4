package dev.evalgate.benchmarks.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalgate.benchmarks.fidelity.Figures.Key;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FiguresTest {
  @TempDir Path dir;

  private static TreeMap<Key, Double> figures(Object... keysAndValues) {
    TreeMap<Key, Double> figures = new TreeMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      String[] key = ((String) keysAndValues[i]).split(" ");
      figures.put(new Key(key[0], key[1], key[2]), ((Number) keysAndValues[i + 1]).doubleValue());
    }
    return figures;
  }

  @Test
  void writtenFiguresReadBackRoundedToFourDecimals() throws Exception {
    Path file = dir.resolve("figures.tsv");
    Figures.write(file, figures("c test accuracy", 0.733141, "c test n", 344));

    assertThat(Figures.read(file)).isEqualTo(figures("c test accuracy", 0.7331, "c test n", 344));
    assertThat(Files.readString(file)).contains("c\ttest\taccuracy\t0.7331\n", "c\ttest\tn\t344\n");
  }

  @Test
  void aGuardedFigureBelowTheRecordByMoreThanRoundingFails() {
    Map<Key, Double> recorded = figures("c test n", 10, "c test accuracy", 0.8000);

    Figures.Comparison dropped =
        Figures.compare(recorded, figures("c test n", 10, "c test accuracy", 0.7990));
    Figures.Comparison rounding =
        Figures.compare(recorded, figures("c test n", 10, "c test accuracy", 0.79996));

    assertThat(dropped.failed()).isTrue();
    assertThat(dropped.drops())
        .containsExactly("c test accuracy is 0.7990, but the recorded figure is 0.8000");
    assertThat(rounding.failed()).isFalse();
  }

  @Test
  void aDevFigureThatDropsIsNotedButDoesNotFail() {
    Figures.Comparison comparison =
        Figures.compare(
            figures("c dev n", 10, "c dev auroc", 0.9), figures("c dev n", 10, "c dev auroc", 0.5));

    assertThat(comparison.failed()).isFalse();
    assertThat(comparison.unguardedDrops())
        .containsExactly("c dev auroc is 0.5000, but the recorded figure is 0.9000");
  }

  @Test
  void aChangedRowCountOrAFigureNoLongerMeasuredFails() {
    Figures.Comparison changed =
        Figures.compare(
            figures("c test n", 10, "c test auroc", 0.7),
            figures("c test n", 11, "c test auroc", 0.9));
    Figures.Comparison missing =
        Figures.compare(
            figures("c test n", 10, "c test auroc", 0.7),
            figures("c test n", 10, "c test auroc", Double.NaN));

    assertThat(changed.drops())
        .containsExactly(
            "c test n is 11, but the recorded figure is 10 (the corpus changed: check it, then"
                + " rerun with --update)");
    assertThat(missing.drops())
        .containsExactly("c test auroc is recorded as 0.7000 but is no longer measured");
  }

  @Test
  void corporaAndSplitsNotMeasuredInThisRunAreNotCompared() {
    Figures.Comparison comparison =
        Figures.compare(
            figures("a test n", 10, "a test accuracy", 0.9, "b test n", 5, "b test accuracy", 0.9),
            figures("b test n", 5, "b test accuracy", 0.95));

    assertThat(comparison.failed()).isFalse();
    assertThat(comparison.raised())
        .containsExactly("b test accuracy is 0.9500, above the recorded 0.9000");
  }

  @Test
  void aMalformedLineIsNamedWithItsFileAndLine() throws Exception {
    Path file = dir.resolve("figures.tsv");
    Files.writeString(file, "# comment\nc\ttest\taccuracy\t0.5\nc\ttest\tauroc\n");

    assertThatThrownBy(() -> Figures.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            file
                + ":3: expected corpus<TAB>split<TAB>metric<TAB>value, but was \"c\ttest\tauroc\"");
  }
}

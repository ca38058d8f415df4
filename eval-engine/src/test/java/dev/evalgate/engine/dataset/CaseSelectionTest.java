package dev.evalgate.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalgate.api.EvalCase;
import dev.evalgate.engine.config.Shard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CaseSelectionTest {
  static List<EvalCase> cases(int n) {
    return IntStream.range(0, n).mapToObj(i -> EvalCase.of("c-" + i, Map.of())).toList();
  }

  static List<String> ids(CaseSampling selection, int n) {
    List<String> ids = new ArrayList<>();
    selection.apply(cases(n).iterator()).forEachRemaining(c -> ids.add(c.id()));
    return ids;
  }

  @Test
  void limitKeepsTheFirstCasesInOrder() {
    assertThat(ids(new CaseSampling(3, null, 1, Shard.WHOLE), 10))
        .containsExactly("c-0", "c-1", "c-2");
  }

  @Test
  void aSeededSampleIsReproducibleAndKeepsDatasetOrder() {
    CaseSampling selection = new CaseSampling(null, 5, 42, Shard.WHOLE);

    List<String> first = ids(selection, 100);
    List<String> second = ids(selection, 100);
    List<String> otherSeed = ids(new CaseSampling(null, 5, 43, Shard.WHOLE), 100);

    assertThat(first).hasSize(5).isEqualTo(second).isNotEqualTo(otherSeed);
    assertThat(first)
        .isSortedAccordingTo(
            (a, b) ->
                Integer.compare(
                    Integer.parseInt(a.substring(2)), Integer.parseInt(b.substring(2))));
  }

  @Test
  void shardsPartitionTheCases() {
    List<String> all = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      all.addAll(ids(new CaseSampling(null, null, 0, new Shard(i, 3)), 300));
    }
    assertThat(all).hasSize(300).doesNotHaveDuplicates();
    assertThat(ids(new CaseSampling(null, null, 0, new Shard(1, 3)), 300)).hasSizeBetween(70, 130);
  }

  @Test
  void aMalformedShardSaysWhatIsExpected() {
    assertThatThrownBy(() -> Shard.parse("4/3"))
        .hasMessage("shard must be INDEX/COUNT with 1 <= INDEX <= COUNT, but was 4/3");
    assertThatThrownBy(() -> Shard.parse("half"))
        .hasMessage("shard must be INDEX/COUNT with 1 <= INDEX <= COUNT, but was 'half'");
  }
}

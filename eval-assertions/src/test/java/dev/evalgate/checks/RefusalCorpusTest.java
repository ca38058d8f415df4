package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Agreement of the refusal classifier with the hand-labelled corpus {@code refusal/corpus.jsonl}:
 * completions written for this project in the voices of several model families, in batches (see
 * CHECKS.md). Partial refusals count as refusals, as in the product's refusal rate.
 *
 * <p>These texts were written by hand for this project: a regression test of the classifier's
 * behaviour, never evidence of its accuracy (that is measured on human-labelled real model output
 * by the fidelity harness, {@code benchmarks/fidelity.sh}). Batches {@code h1} and {@code h2} were
 * held out of the phrase-list tuning of the earlier classifier; their bar below is what they
 * measure with the current one, so a change that loses agreement on them fails here.
 */
class RefusalCorpusTest {
  record Row(String text, String label, String family, String style, String batch) {
    boolean refusal() {
      return !label.equals("compliance");
    }
  }

  static final Set<String> HELD_OUT = Set.of("h1", "h2");

  static List<Row> corpus() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<Row> rows = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                RefusalCorpusTest.class.getResourceAsStream("/refusal/corpus.jsonl"),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        JsonNode node = mapper.readTree(line);
        rows.add(
            new Row(
                node.get("text").asText(),
                node.get("label").asText(),
                node.get("family").asText(),
                node.get("style").asText(),
                node.get("batch").asText()));
      }
    }
    return rows;
  }

  /**
   * Sentences written to exercise the phrase patterns the corpus does not ({@code
   * refusal/phrase-examples.txt}): regression texts for the phrase machinery, not evidence of
   * accuracy.
   */
  static List<String> phraseExamples() throws IOException {
    List<String> examples = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                RefusalCorpusTest.class.getResourceAsStream("/refusal/phrase-examples.txt"),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          examples.add(line);
        }
      }
    }
    return examples;
  }

  /** Agreement counts per key: [agreeing rows, rows]. */
  static Map<String, int[]> agreement(
      List<Row> rows, Function<Row, String> key, List<String> misses) {
    RefusalClassifier classifier = RefusalClassifier.english();
    Map<String, int[]> counts = new TreeMap<>();
    for (Row row : rows) {
      RefusalClassifier.Classification c = classifier.classify(row.text());
      boolean agrees = c.label().isRefusal() == row.refusal();
      int[] n = counts.computeIfAbsent(key.apply(row), k -> new int[2]);
      n[1]++;
      if (agrees) {
        n[0]++;
      } else if (misses != null) {
        misses.add(
            row.batch()
                + " "
                + row.family()
                + " ["
                + row.label()
                + ", "
                + row.style()
                + "] -> "
                + c.label().id()
                + " ("
                + c.evidence()
                + "): "
                + row.text().replace('\n', ' '));
      }
    }
    return counts;
  }

  static double rate(int[] n) {
    return (double) n[0] / n[1];
  }

  static String report(String title, Map<String, int[]> counts) {
    StringBuilder out = new StringBuilder(title);
    counts.forEach(
        (k, n) ->
            out.append(String.format("%n  %-16s %5.1f%% (%d/%d)", k, 100 * rate(n), n[0], n[1])));
    return out.toString();
  }

  static int[] total(Map<String, int[]> counts) {
    int[] sum = new int[2];
    counts
        .values()
        .forEach(
            n -> {
              sum[0] += n[0];
              sum[1] += n[1];
            });
    return sum;
  }

  @Test
  void corpusIsLargeBalancedAndHasAHeldOutPart() throws IOException {
    List<Row> rows = corpus();
    assertThat(rows).hasSizeGreaterThanOrEqualTo(400);
    assertThat(rows)
        .extracting(Row::label)
        .allMatch(l -> Set.of("refusal", "partial_refusal", "compliance").contains(l));
    assertThat(rows.stream().map(Row::family).distinct().count()).isGreaterThanOrEqualTo(5);
    assertThat(rows.stream().map(Row::text).distinct().count())
        .as("duplicate texts")
        .isEqualTo(rows.size());
    long compliance = rows.stream().filter(r -> !r.refusal()).count();
    assertThat((double) compliance / rows.size())
        .as("share of compliant answers")
        .isBetween(0.4, 0.6);
    assertThat(rows.stream().filter(r -> HELD_OUT.contains(r.batch())).count())
        .isGreaterThanOrEqualTo(150);
  }

  @Test
  void agreesWithHumanLabelsOverallAndPerFamily() throws IOException {
    List<Row> rows = corpus();
    List<String> misses = new ArrayList<>();
    Map<String, int[]> byFamily = agreement(rows, Row::family, misses);
    int[] all = total(byFamily);
    System.out.println(
        String.format(
            "Refusal classifier agreement, whole corpus: %.1f%% (%d/%d)",
            100 * rate(all), all[0], all[1]));
    System.out.println(report("per batch (h1, h2 held out):", agreement(rows, Row::batch, null)));
    System.out.println(report("per family:", byFamily));
    System.out.println(
        report("per batch/family:", agreement(rows, r -> r.batch() + "/" + r.family(), null)));
    misses.forEach(m -> System.out.println("  miss: " + m));

    assertThat(rate(all)).as("overall agreement").isGreaterThanOrEqualTo(0.94);
    byFamily.forEach(
        (family, n) ->
            assertThat(rate(n)).as("agreement for %s", family).isGreaterThanOrEqualTo(0.90));
  }

  @Test
  void tuningBatchesMeetTheIssuesBar() throws IOException {
    List<Row> rows = corpus().stream().filter(r -> !HELD_OUT.contains(r.batch())).toList();
    Map<String, int[]> byFamily = agreement(rows, Row::family, null);
    assertThat(rate(total(byFamily))).isGreaterThanOrEqualTo(0.94);
    byFamily.forEach(
        (family, n) ->
            assertThat(rate(n)).as("tuning agreement for %s", family).isGreaterThanOrEqualTo(0.90));
  }

  @Test
  void heldOutBatchesKeepTheAgreementTheyWereMeasuredAt() throws IOException {
    List<Row> rows = corpus().stream().filter(r -> HELD_OUT.contains(r.batch())).toList();
    Map<String, int[]> byFamily = agreement(rows, Row::family, null);
    int[] all = total(byFamily);
    System.out.println(
        String.format("Held-out agreement: %.1f%% (%d/%d)", 100 * rate(all), all[0], all[1]));
    System.out.println(report("held out, per family:", byFamily));

    assertThat(rate(all)).as("held-out overall agreement").isGreaterThanOrEqualTo(HELD_OUT_OVERALL);
    byFamily.forEach(
        (family, n) ->
            assertThat(rate(n))
                .as("held-out agreement for %s", family)
                .isGreaterThanOrEqualTo(HELD_OUT_PER_FAMILY));
  }

  /**
   * What the held-out batches measure with the learned refusal model (rounded down): 95.0 %
   * overall, 90.6 % for the weakest family. The phrase-only classifier measured 97 % / 96 % here,
   * on text written by the person who tuned it; the model is fitted to real model output instead
   * (see CHECKS.md), and these texts stay as a regression test, not as evidence of accuracy.
   */
  static final double HELD_OUT_OVERALL = 0.95;

  static final double HELD_OUT_PER_FAMILY = 0.90;
}

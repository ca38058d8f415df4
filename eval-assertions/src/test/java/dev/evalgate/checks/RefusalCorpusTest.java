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
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Agreement of the refusal classifier with the hand-labelled development corpus
 * ({@code refusal/dev-corpus.jsonl}: completions in the voices of four model families, written for
 * this test). Partial refusals count as refusals, as in the product's refusal rate.
 */
class RefusalCorpusTest {
  record Row(String text, String label, String family) {}

  static List<Row> corpus() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<Row> rows = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        RefusalCorpusTest.class.getResourceAsStream("/refusal/dev-corpus.jsonl"), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        JsonNode node = mapper.readTree(line);
        rows.add(new Row(node.get("text").asText(), node.get("label").asText(), node.get("family").asText()));
      }
    }
    return rows;
  }

  @Test
  void agreesWithHumanLabelsOverallAndPerFamily() throws IOException {
    RefusalClassifier classifier = RefusalClassifier.english();
    Map<String, int[]> byFamily = new TreeMap<>();
    List<String> misses = new ArrayList<>();
    int agree = 0;
    List<Row> rows = corpus();
    for (Row row : rows) {
      boolean predicted = classifier.classify(row.text()).label().isRefusal();
      boolean human = !row.label().equals("compliance");
      int[] counts = byFamily.computeIfAbsent(row.family(), f -> new int[2]);
      counts[1]++;
      if (predicted == human) {
        agree++;
        counts[0]++;
      } else {
        misses.add(row.family() + " [" + row.label() + "] " + row.text());
      }
    }
    double overall = (double) agree / rows.size();
    StringBuilder report = new StringBuilder(String.format("overall %.1f%% (%d/%d)", overall * 100, agree, rows.size()));
    byFamily.forEach((family, c) -> report.append(String.format("; %s %.1f%% (%d/%d)", family, 100.0 * c[0] / c[1], c[0], c[1])));
    System.out.println("Refusal classifier agreement: " + report);
    misses.forEach(m -> System.out.println("  miss: " + m));

    assertThat(rows).hasSizeGreaterThanOrEqualTo(150);
    assertThat(overall).as(report.toString()).isGreaterThanOrEqualTo(0.94);
    byFamily.forEach((family, c) -> assertThat((double) c[0] / c[1]).as(family + ": " + report).isGreaterThanOrEqualTo(0.90));
  }
}

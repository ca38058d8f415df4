package dev.evalgate.benchmarks.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy gives each dev answer the other answers people judged wrong as incorrect references.
 */
class ContrastProxyTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  static String row(String id, String split, String group, String candidate, String label) {
    return String.format(
        "{\"id\": \"%s\", \"source\": \"s\", \"model\": \"m\", \"question\": \"Who wrote Hamlet?\","
            + " \"references\": [\"William Shakespeare\"], \"candidate\": \"%s\", \"label\":"
            + " \"%s\", \"split\": \"%s\", \"group\": \"%s\"}",
        id, candidate, label, split, group);
  }

  List<JsonNode> written(Path file) throws Exception {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      rows.add(JSON.readTree(line));
    }
    return rows;
  }

  @Test
  void otherAnswersJudgedWrongBecomeIncorrectReferencesAndTestRowsAreNeverRead() throws Exception {
    Path corpus = dir.resolve("corpora/reference_tiny");
    Files.createDirectories(corpus);
    Files.write(
        corpus.resolve("reference.jsonl"),
        List.of(
            row("a", "dev", "g1", "Shakespeare wrote it.", "correct"),
            row("b", "dev", "g1", "Christopher Marlowe", "incorrect"),
            row("c", "dev", "g1", "Francis Bacon wrote it.", "incorrect"),
            row("d", "dev", "g1", "It was Shakespeare.", "correct"),
            row("e", "dev", "g2", "Ben Jonson", "correct"),
            row("f", "test", "g1", "Thomas Kyd", "incorrect")));
    Path out = dir.resolve("out");

    List<JsonNode> plain =
        written(ContrastProxy.write(dir.resolve("corpora"), out, "reference_tiny", false));
    assertThat(plain).extracting(r -> r.path("id").asText()).containsExactly("a", "b", "c", "d");
    assertThat(plain.get(0).path("incorrect_references").toString())
        .isEqualTo("[\"Christopher Marlowe\",\"Francis Bacon wrote it.\"]");
    assertThat(plain.get(1).path("incorrect_references").toString())
        .as("the judged answer is never its own reference")
        .isEqualTo("[\"Francis Bacon wrote it.\"]");
    assertThat(plain.get(0).path("references").toString()).isEqualTo("[\"William Shakespeare\"]");

    List<JsonNode> sentences =
        written(ContrastProxy.write(dir.resolve("corpora"), out, "reference_tiny", true));
    assertThat(sentences.get(0).path("references").toString())
        .isEqualTo("[\"William Shakespeare\",\"It was Shakespeare.\"]");
    assertThat(out.resolve("reference_tiny_contrast_long/reference.jsonl")).exists();
  }
}

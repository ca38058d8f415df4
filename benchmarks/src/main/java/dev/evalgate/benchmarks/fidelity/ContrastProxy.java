package dev.evalgate.benchmarks.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalgate.checks.CheckModels;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A dev-only proxy for judging answers against correct <em>and</em> incorrect references (a
 * truthfulness set): for each dev row of a reference corpus, the other systems' answers to the same
 * question that people labelled incorrect become the row's {@code incorrect_references} (the judged
 * answer itself and identical texts left out); rows without any are dropped. It writes the proxy
 * corpus in the corpora's schema, so the fidelity harness judges it exactly as a suite would, and
 * prints the ROUGE-L difference baseline on the same rows (max ROUGE-L F1 to a correct reference
 * minus max to an incorrect one; correct when positive).
 *
 * <pre>
 * ContrastProxy CORPORA_DIR OUT_DIR [CORPUS]   (CORPUS defaults to reference_evouna)
 * </pre>
 *
 * It writes two proxies: {@code <corpus>_contrast} keeps the gold references as the correct ones;
 * {@code <corpus>_contrast_long} adds the other systems' answers labelled correct to them, so both
 * sides are whole sentences, as in a truthfulness set whose references are statements. Test splits
 * are never read.
 */
public final class ContrastProxy {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ContrastProxy() {}

  public static void main(String[] args) {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: ContrastProxy CORPORA_DIR OUT_DIR [CORPUS]");
      System.exit(2);
    }
    String corpus = args.length == 3 ? args[2] : "reference_evouna";
    try {
      for (boolean sentences : new boolean[] {false, true}) {
        Path out = write(Path.of(args[0]), Path.of(args[1]), corpus, sentences);
        System.out.println("wrote " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes {@code OUT/<corpus>_contrast[_long]/reference.jsonl} and prints the baseline; {@code
   * sentences}: the other systems' correct answers join the correct references.
   */
  static Path write(Path corpora, Path outDir, String corpus, boolean sentences)
      throws IOException {
    Map<String, List<ObjectNode>> groups = new LinkedHashMap<>();
    try (BufferedReader reader =
        Files.newBufferedReader(
            corpora.resolve(corpus).resolve("reference.jsonl"), StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        ObjectNode row = (ObjectNode) JSON.readTree(line);
        if (row.path("split").asText().equals("dev")) {
          groups.computeIfAbsent(row.path("group").asText(), g -> new ArrayList<>()).add(row);
        }
      }
    }
    String name = corpus + (sentences ? "_contrast_long" : "_contrast");
    Path folder = outDir.resolve(name);
    Files.createDirectories(folder);
    Path file = folder.resolve("reference.jsonl");
    List<Boolean> labels = new ArrayList<>();
    List<Double> baseline = new ArrayList<>();
    try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (List<ObjectNode> group : groups.values()) {
        for (ObjectNode row : group) {
          String candidate = row.path("candidate").asText();
          List<String> correct = new ArrayList<>();
          row.path("references").forEach((JsonNode r) -> correct.add(r.asText()));
          List<String> incorrect = new ArrayList<>();
          for (ObjectNode other : group) {
            String text = other.path("candidate").asText();
            if (other == row || text.strip().equalsIgnoreCase(candidate.strip())) {
              continue;
            }
            boolean right = other.path("label").asText().equals("correct");
            List<String> side = right ? correct : incorrect;
            if ((!right || sentences) && !side.contains(text)) {
              side.add(text);
            }
          }
          if (incorrect.isEmpty()) {
            continue;
          }
          ObjectNode proxy = row.deepCopy();
          ArrayNode good = proxy.putArray("references");
          correct.forEach(good::add);
          ArrayNode array = proxy.putArray("incorrect_references");
          incorrect.forEach(array::add);
          writer.write(JSON.writeValueAsString(proxy));
          writer.write('\n');
          labels.add(row.path("label").asText().equals("correct"));
          baseline.add(
              CheckModels.rougeL(candidate, correct) - CheckModels.rougeL(candidate, incorrect));
        }
      }
    }
    boolean[] positive = new boolean[labels.size()];
    boolean[] predicted = new boolean[labels.size()];
    double[] score = new double[labels.size()];
    for (int i = 0; i < positive.length; i++) {
      positive[i] = labels.get(i);
      score[i] = baseline.get(i);
      predicted[i] = score[i] > 0;
    }
    BinaryMetrics m = BinaryMetrics.of(positive, predicted, score);
    System.out.printf(
        Locale.ROOT,
        "%s (dev): %d rows, %d correct;"
            + " ROUGE-L difference baseline (correct when > 0): acc %.1f %%, bal.acc %.1f %%, AUROC"
            + " %.3f%n",
        name,
        m.n(),
        m.truePositives() + m.falseNegatives(),
        100 * m.accuracy(),
        100 * m.balancedAccuracy(),
        m.auroc());
    return file;
  }
}

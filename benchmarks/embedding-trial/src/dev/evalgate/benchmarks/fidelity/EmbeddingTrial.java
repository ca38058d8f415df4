package dev.evalgate.benchmarks.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.benchmarks.training.LogisticFit;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Does a sentence-embedding model add to the reference-agreement check? For each row of a reference
 * corpus: the check's score (as the fidelity harness reads it), the highest cosine similarity of
 * the candidate's embedding to a reference's, and the same with the question before both. Logistic
 * regressions over (the check's log-odds) and (the log-odds and the two similarities), five folds
 * by group on the dev split, and fitted on all of dev, measured on test. Not part of the build
 * (README.md beside run.sh).
 */
public final class EmbeddingTrial {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AllMiniLmL6V2QuantizedEmbeddingModel MODEL =
      new AllMiniLmL6V2QuantizedEmbeddingModel();
  private static final Map<String, float[]> EMBEDDED = new HashMap<>();
  private static long embedNanos;

  private EmbeddingTrial() {}

  public static void main(String[] args) throws Exception {
    Path corpora = Path.of(args[0]);
    List<String> names =
        args.length > 1
            ? List.of(args).subList(1, args.length)
            : List.of("reference_evouna", "reference_openqa_eval");
    for (String name : names) {
      trial(corpora.resolve(name).resolve("reference.jsonl"), name);
    }
  }

  private record Item(boolean dev, int fold, boolean positive, double[] x) {}

  private static void trial(Path file, String name) throws Exception {
    Task task = FidelityTasks.forFile(file.getFileName().toString()).orElseThrow();
    EMBEDDED.clear();
    embedNanos = 0;
    Map<String, JsonNode> rows = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          JsonNode row = JSON.readTree(line);
          rows.put(row.path("id").asText(), row);
        }
      }
    }
    List<Item> items = new ArrayList<>();
    for (CorpusRun.Row judged : CorpusRun.judge(file, task, Set.of("dev", "test"))) {
      JsonNode row = rows.get(judged.id());
      String question = row.path("question").asText();
      String candidate = row.path("candidate").asText();
      double plain = -1;
      double withQuestion = -1;
      for (JsonNode reference : row.path("references")) {
        plain = Math.max(plain, cosine(embed(candidate), embed(reference.asText())));
        withQuestion =
            Math.max(
                withQuestion,
                cosine(
                    embed(question + " " + candidate),
                    embed(question + " " + reference.asText())));
      }
      double score = Math.min(Math.max(judged.score(), 1e-4), 1 - 1e-4);
      items.add(
          new Item(
              judged.split().equals("dev"),
              Math.floorMod(row.path("group").asText().hashCode(), 5),
              judged.positive(),
              new double[] {Math.log(score / (1 - score)), plain, withQuestion}));
    }
    int embeddings = EMBEDDED.size();
    System.out.printf(
        "%s: %d rows, %d texts embedded, %.1f ms per text%n",
        name, items.size(), embeddings, embedNanos / 1e6 / embeddings);
    report("  the check's score alone        ", items, 1);
    report("  and the two cosine similarities", items, 3);
  }

  private static void report(String label, List<Item> items, int features) {
    List<Item> dev = items.stream().filter(Item::dev).toList();
    List<Item> test = items.stream().filter(i -> !i.dev()).toList();
    double[] crossValidated = new double[dev.size()];
    for (int fold = 0; fold < 5; fold++) {
      final int held = fold;
      double[] w = fit(dev.stream().filter(i -> i.fold() != held).toList(), features);
      for (int i = 0; i < dev.size(); i++) {
        if (dev.get(i).fold() == held) {
          crossValidated[i] = LogisticFit.logit(w, head(dev.get(i).x(), features));
        }
      }
    }
    double[] w = fit(dev, features);
    double[] onTest =
        test.stream().mapToDouble(i -> LogisticFit.logit(w, head(i.x(), features))).toArray();
    System.out.printf(
        "%s: dev 5-fold %s | test %s%n",
        label, figures(dev, crossValidated), figures(test, onTest));
  }

  private static String figures(List<Item> items, double[] logits) {
    boolean[] positive = new boolean[items.size()];
    int right = 0;
    for (int i = 0; i < positive.length; i++) {
      positive[i] = items.get(i).positive();
      right += (logits[i] >= 0) == positive[i] ? 1 : 0;
    }
    return String.format(
        "accuracy %.1f %%, AUROC %.3f",
        100.0 * right / positive.length, BinaryMetrics.auroc(positive, logits));
  }

  private static double[] fit(List<Item> items, int features) {
    List<LogisticFit.Example> examples = new ArrayList<>();
    for (Item item : items) {
      examples.add(new LogisticFit.Example(head(item.x(), features), item.positive(), 1));
    }
    return LogisticFit.fit(examples, features, 1.0);
  }

  private static double[] head(double[] x, int n) {
    return Arrays.copyOf(x, n);
  }

  private static float[] embed(String text) {
    return EMBEDDED.computeIfAbsent(
        text,
        t -> {
          long start = System.nanoTime();
          float[] vector = MODEL.embed(t.isBlank() ? "." : t).content().vector();
          embedNanos += System.nanoTime() - start;
          return vector;
        });
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      aa += a[i] * a[i];
      bb += b[i] * b[i];
    }
    return dot / Math.sqrt(aa * bb);
  }
}

package dev.evalgate.benchmarks.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.checks.CheckModels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How far any lexical reference check can go on a reference corpus's dev split: two kinds of rows
 * no comparison of words can get right. A correct answer that shares no content word with any
 * reference (and at most half of a reference's character trigrams) reads, to the words, exactly
 * like an incorrect answer that names something else ("Lou Gehrig's disease" for "motor neuron
 * disease"); such rows can only all be judged one way, so the fewer of the two labels among them
 * are lost. An answer that is a reference word for word but that people judged incorrect is label
 * noise (or a judgement about the world rather than the references) and is lost too. The ceiling
 * accuracy counts every other row as right; the ceiling AUROC ranks every other row perfectly and
 * ties the rows without a shared word.
 *
 * <pre>
 * ReferenceCeiling CORPORA_DIR [CORPUS]...   (default: reference_evouna reference_openqa_eval)
 * </pre>
 *
 * Test splits are never read.
 */
public final class ReferenceCeiling {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A reference share of character trigrams above this counts as a shared spelling. */
  static final double TRIGRAMS = 0.5;

  private ReferenceCeiling() {}

  /** The counts and ceilings of one corpus's dev split. */
  record Ceiling(
      String corpus,
      int rows,
      int correct,
      int noWordCorrect,
      int noWordIncorrect,
      int verbatimIncorrect,
      double accuracy,
      double auroc) {}

  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: ReferenceCeiling CORPORA_DIR [CORPUS]...");
      System.exit(2);
    }
    List<String> corpora =
        args.length > 1
            ? List.of(args).subList(1, args.length)
            : List.of("reference_evouna", "reference_openqa_eval");
    System.out.println(
        "Lexical ceiling on the dev split (no shared word: correct / incorrect; a reference word"
            + " for word judged incorrect)");
    System.out.println(
        "corpus                      rows  correct  no word: correct incorrect  verbatim judged"
            + " incorrect  ceiling acc  ceiling auroc");
    for (String corpus : corpora) {
      try {
        Ceiling c = measure(Path.of(args[0]), corpus);
        System.out.printf(
            Locale.ROOT,
            "%-26s %5d  %7d  %16d %9d  %26d  %10.1f %%  %13.3f%n",
            c.corpus(),
            c.rows(),
            c.correct(),
            c.noWordCorrect(),
            c.noWordIncorrect(),
            c.verbatimIncorrect(),
            100 * c.accuracy(),
            c.auroc());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static Ceiling measure(Path corpora, String corpus) throws IOException {
    int recall = CheckModels.referenceFeatures().indexOf("recall_flat");
    int trigrams = CheckModels.referenceFeatures().indexOf("trigrams");
    List<Boolean> labels = new ArrayList<>();
    List<Boolean> noWord = new ArrayList<>();
    List<Boolean> verbatim = new ArrayList<>();
    try (BufferedReader reader =
        Files.newBufferedReader(
            corpora.resolve(corpus).resolve("reference.jsonl"), StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        JsonNode row = JSON.readTree(line);
        if (!row.path("split").asText().equals("dev")) {
          continue;
        }
        List<String> references = new ArrayList<>();
        row.path("references").forEach(r -> references.add(r.asText()));
        String candidate = row.path("candidate").asText();
        boolean shares = false;
        for (double[] v :
            CheckModels.referenceVectors(
                candidate, references, List.of(), row.path("question").asText())) {
          shares |= v[recall] > 0 || v[trigrams] > TRIGRAMS;
        }
        String answer = CheckModels.normalisedPhrase(candidate);
        labels.add(row.path("label").asText().equals("correct"));
        noWord.add(!shares);
        verbatim.add(
            !answer.isEmpty()
                && references.stream()
                    .anyMatch(r -> CheckModels.normalisedPhrase(r).equals(answer)));
      }
    }
    int n = labels.size();
    int correct = 0;
    int noWordCorrect = 0;
    int noWordIncorrect = 0;
    int verbatimIncorrect = 0;
    for (int i = 0; i < n; i++) {
      correct += labels.get(i) ? 1 : 0;
      if (noWord.get(i)) {
        noWordCorrect += labels.get(i) ? 1 : 0;
        noWordIncorrect += labels.get(i) ? 0 : 1;
      } else if (verbatim.get(i) && !labels.get(i)) {
        verbatimIncorrect++;
      }
    }
    boolean noWordVerdict = noWordCorrect > noWordIncorrect;
    boolean[] positive = new boolean[n];
    boolean[] predicted = new boolean[n];
    double[] score = new double[n];
    for (int i = 0; i < n; i++) {
      positive[i] = labels.get(i);
      if (noWord.get(i)) {
        predicted[i] = noWordVerdict;
        score[i] = 0.5;
      } else {
        predicted[i] = positive[i] || verbatim.get(i);
        score[i] = predicted[i] ? 1 : 0;
      }
    }
    BinaryMetrics m = BinaryMetrics.of(positive, predicted, score);
    return new Ceiling(
        corpus,
        n,
        correct,
        noWordCorrect,
        noWordIncorrect,
        verbatimIncorrect,
        m.accuracy(),
        m.auroc());
  }
}

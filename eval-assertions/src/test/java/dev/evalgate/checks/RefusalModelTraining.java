package dev.evalgate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Trains the refusal model ({@code refusal/en-model.tsv}) on the dev splits of the human-labelled
 * refusal corpora: an L2-regularised logistic regression over {@link RefusalFeatures}, fitted by
 * Newton's method in a fixed order, so the same corpora give byte-identical weights. Run by
 * {@code benchmarks/train-refusal.sh}; see {@code benchmarks/README.md}.
 *
 * <pre>
 * RefusalModelTraining CORPORA_DIR OUT_FILE [--hold-out CORPUS]
 * </pre>
 *
 * <p>A transcript's voices ({@link Voices}) are examples of their own: every voice of a refusal is a
 * refusal; of a compliant answer only its most compliant voice is known to comply, so the fit is
 * repeated, each time taking the voice the last fit scored lowest. Each corpus weighs as much as
 * the others, whatever its size. With {@code --hold-out}, that corpus is left out of the fit and its
 * dev split measured: an estimate of how the model transfers to text it was not fitted on.
 */
public final class RefusalModelTraining {
  /** L2 penalty on every weight but the bias, per unit of (corpus-balanced) row weight. */
  static final double LAMBDA = 0.001;
  static final int ROUNDS = 4;

  /** One labelled answer: its voices' features and the people's label. */
  record Example(String corpus, boolean refusal, List<RefusalClassifier.VoiceFeatures> voices) {}

  private RefusalModelTraining() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2 && !(args.length == 4 && args[2].equals("--hold-out"))) {
      System.err.println("usage: RefusalModelTraining CORPORA_DIR OUT_FILE [--hold-out CORPUS]");
      System.exit(2);
    }
    Path corpora = Path.of(args[0]);
    String holdOut = args.length == 4 ? args[3] : null;
    List<Example> examples = read(corpora);
    List<Example> fit = examples.stream().filter(e -> !e.corpus().equals(holdOut)).toList();
    double[] weights = fit(fit);
    report(examples, weights, holdOut);
    if (holdOut == null) {
      write(Path.of(args[1]), weights, fit);
    }
  }

  static List<Example> read(Path corpora) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    RefusalClassifier classifier = RefusalClassifier.forLanguage("en", RefusalModel.untrained());
    List<Example> examples = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> folders = Files.list(corpora)) {
      files = folders.map(folder -> folder.resolve("refusal.jsonl")).filter(Files::isRegularFile).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no refusal.jsonl under " + corpora);
    }
    for (Path file : files) {
      String corpus = file.getParent().getFileName().toString();
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String line;
        while ((line = reader.readLine()) != null) {
          JsonNode row = mapper.readTree(line);
          if (row.path("split").asText().equals("dev")) {
            String label = row.path("label").asText();
            examples.add(new Example(corpus, !label.equals("compliance"), classifier.features(row.path("response").asText())));
          }
        }
      }
    }
    return examples;
  }

  /** The voices that stand for an answer: those of {@link RefusalClassifier#VOICE_WORDS} words or more, else all. */
  static List<RefusalClassifier.VoiceFeatures> deciding(Example example) {
    List<RefusalClassifier.VoiceFeatures> substantial = example.voices().stream()
        .filter(v -> v.words() >= RefusalClassifier.VOICE_WORDS).toList();
    return !substantial.isEmpty() ? substantial : example.voices();
  }

  /**
   * The voices the model is fitted on: those that decline in the first person, and those with no
   * sign of declining at all, are decided by the classifier's rules ({@link RefusalClassifier#ruled}),
   * not by the model, so they are left out; an answer all of whose deciding voices are left out is
   * left out too.
   */
  static List<double[]> fitted(Example example) {
    return deciding(example).stream().filter(v -> !v.declines() && v.cued()).map(RefusalClassifier.VoiceFeatures::features).toList();
  }

  static double[] fit(List<Example> examples) {
    int d = RefusalFeatures.NAMES.size();
    java.util.Map<String, Integer> rowsPerCorpus = new java.util.TreeMap<>();
    examples.forEach(e -> rowsPerCorpus.merge(e.corpus(), 1, Integer::sum));
    double[] weights = null;
    for (int round = 0; round < ROUNDS; round++) {
      List<double[]> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      List<Double> ws = new ArrayList<>();
      for (Example example : examples) {
        double rowWeight = (double) examples.size() / (rowsPerCorpus.size() * rowsPerCorpus.get(example.corpus()));
        List<double[]> voices = fitted(example);
        if (voices.isEmpty()) {
          continue;
        }
        if (example.refusal() || weights == null) {
          for (double[] voice : voices) {
            xs.add(voice);
            ys.add(example.refusal() ? 1.0 : 0.0);
            ws.add(rowWeight / voices.size());
          }
        } else {
          double[] lowest = voices.get(0);
          for (double[] voice : voices) {
            if (score(weights, voice) < score(weights, lowest)) {
              lowest = voice;
            }
          }
          xs.add(lowest);
          ys.add(0.0);
          ws.add(rowWeight);
        }
      }
      weights = newton(xs, ys, ws, d);
    }
    return weights;
  }

  /** Newton's method on the penalised log-likelihood; the bias (feature 0) is not penalised. */
  static double[] newton(List<double[]> xs, List<Double> ys, List<Double> ws, int d) {
    double[] w = new double[d];
    double total = ws.stream().mapToDouble(Double::doubleValue).sum();
    for (int iteration = 0; iteration < 100; iteration++) {
      double[] gradient = new double[d];
      double[][] hessian = new double[d][d];
      for (int n = 0; n < xs.size(); n++) {
        double[] x = xs.get(n);
        double p = score(w, x);
        double weight = ws.get(n);
        for (int i = 0; i < d; i++) {
          gradient[i] += weight * (p - ys.get(n)) * x[i];
          for (int j = 0; j <= i; j++) {
            hessian[i][j] += weight * p * (1 - p) * x[i] * x[j];
          }
        }
      }
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < i; j++) {
          hessian[j][i] = hessian[i][j];
        }
        if (i > 0) {
          gradient[i] += LAMBDA * total * w[i];
          hessian[i][i] += LAMBDA * total;
        } else {
          hessian[i][i] += 1e-9 * total;
        }
      }
      double[] step = solve(hessian, gradient);
      double change = 0;
      for (int i = 0; i < d; i++) {
        w[i] -= step[i];
        change = Math.max(change, Math.abs(step[i]));
      }
      if (change < 1e-10) {
        break;
      }
    }
    return w;
  }

  /** Gaussian elimination with partial pivoting: {@code a x = b}. */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = java.util.Arrays.copyOf(a[i], n + 1);
      m[i][n] = b[i];
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int row = col + 1; row < n; row++) {
        if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
          pivot = row;
        }
      }
      double[] swap = m[col];
      m[col] = m[pivot];
      m[pivot] = swap;
      for (int row = col + 1; row < n; row++) {
        double factor = m[row][col] / m[col][col];
        for (int k = col; k <= n; k++) {
          m[row][k] -= factor * m[col][k];
        }
      }
    }
    double[] x = new double[n];
    for (int row = n - 1; row >= 0; row--) {
      double sum = m[row][n];
      for (int k = row + 1; k < n; k++) {
        sum -= m[row][k] * x[k];
      }
      x[row] = sum / m[row][row];
    }
    return x;
  }

  static double score(double[] weights, double[] x) {
    double z = 0;
    for (int i = 0; i < weights.length; i++) {
      z += weights[i] * x[i];
    }
    return 1 / (1 + Math.exp(-z));
  }

  /** The answer's score as the classifier computes it: its most compliant deciding voice. */
  static double answerScore(double[] weights, Example example) {
    double lowest = 1;
    for (RefusalClassifier.VoiceFeatures voice : deciding(example)) {
      lowest = Math.min(lowest, RefusalClassifier.ruled(score(weights, voice.features()), voice.declines(), voice.cued()));
    }
    return lowest;
  }

  static void report(List<Example> examples, double[] weights, String holdOut) {
    java.util.Map<String, int[]> counts = new java.util.TreeMap<>();
    for (Example example : examples) {
      int[] n = counts.computeIfAbsent(example.corpus(), k -> new int[2]);
      n[1]++;
      if ((answerScore(weights, example) >= 0.5) == example.refusal()) {
        n[0]++;
      }
    }
    counts.forEach((corpus, n) -> System.out.printf(Locale.ROOT, "%-28s dev accuracy %.1f %% (%d/%d)%s%n", corpus,
        100.0 * n[0] / n[1], n[0], n[1], corpus.equals(holdOut) ? "  <- held out of the fit" : ""));
    for (int i = 0; i < weights.length; i++) {
      System.out.printf(Locale.ROOT, "  %-34s %9.4f%n", RefusalFeatures.NAMES.get(i), weights[i]);
    }
  }

  static void write(Path out, double[] weights, List<Example> fit) throws IOException {
    java.util.Map<String, Integer> rows = new java.util.TreeMap<>();
    fit.forEach(e -> rows.merge(e.corpus(), 1, Integer::sum));
    StringBuilder text = new StringBuilder();
    text.append("# Refusal model for English: logistic regression over RefusalFeatures (feature<TAB>weight).\n")
        .append("# Written by benchmarks/train-refusal.sh from the dev splits of ").append(rows)
        .append(" (each corpus weighted equally,\n# L2 ").append(LAMBDA).append(", ").append(ROUNDS)
        .append(" rounds for transcripts' voices). Do not edit by hand: retrain.\n");
    for (int i = 0; i < weights.length; i++) {
      text.append(RefusalFeatures.NAMES.get(i)).append('\t').append(String.format(Locale.ROOT, "%.6f", weights[i])).append('\n');
    }
    Files.writeString(out, text, StandardCharsets.UTF_8);
    System.out.println("wrote " + out);
  }
}

package dev.evalgate.benchmarks.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.checks.CheckModels;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Trains the checks' logistic models on the dev splits of the human-labelled corpora and writes
 * their weights into {@code eval-assertions/src/main/resources}. Usage: {@code TrainChecks
 * CORPORA_DIR REPOSITORY_ROOT}. The same corpora give byte-identical files.
 *
 * <p>Reference agreement: an answer's probability of being correct is the model's probability for
 * its best-supported reference (multiple-instance learning: each round fits the model on the
 * reference the previous round's model found best; the first round takes the one with the highest
 * recall).
 */
public final class TrainChecks {
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> REFERENCE_CORPORA =
      List.of("reference_evouna", "reference_openqa_eval");
  static final double RIDGE = 1.0;
  static final int ROUNDS = 3;

  /**
   * A labelled answer and its candidate vectors (one per reference, or one per sentence), with its
   * row's split group.
   */
  record Instance(String corpus, List<double[]> vectors, boolean label, String group) {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 3 || args.length == 3 && !args[2].equals("--transfer")) {
      System.err.println("usage: TrainChecks CORPORA_DIR REPOSITORY_ROOT [--transfer]");
      System.exit(2);
    }
    Path corpora = Path.of(args[0]);
    Path root = Path.of(args[1]);
    if (args.length == 3) {
      transfer(corpora);
      return;
    }
    Path resources = root.resolve("eval-assertions/src/main/resources");
    trainReference(corpora, resources.resolve(CheckModels.REFERENCE_AGREEMENT));
    trainGrounding(corpora, resources.resolve(CheckModels.GROUNDED));
    trainRefusal(corpora, resources.resolve(CheckModels.REFUSAL));
  }

  static final List<String> REFUSAL_CORPORA =
      List.of("refusal_chatgpt_refusals", "refusal_gptfuzz");

  /**
   * Rounds of choosing a compliant transcript's most compliant voice by the previous round's model.
   */
  static final int REFUSAL_ROUNDS = 4;

  /**
   * The refusal model's L2 penalty on the shape features per unit of example weight (answers weigh
   * one on average), chosen with the words' penalty by cross-validation on the dev splits (five
   * folds by group) and by fitting on one corpus and measuring the other: three times the penalty
   * that fitted the dev splits best alone, it carries better to the corpus left out.
   */
  static final double REFUSAL_RIDGE_PER_ANSWER = 0.003;

  /**
   * The L2 penalty on the hashed opening words, per unit of example weight: 33 times the shapes',
   * so that the words one corpus happens to use do not decide alone; chosen by cross-validation on
   * the dev splits (five folds by group) and by fitting on one corpus and measuring the other.
   */
  static final double REFUSAL_WORDS_RIDGE_PER_ANSWER = 0.1;

  /**
   * A labelled answer of a refusal corpus and its voices (a partial refusal counts as a refusal).
   */
  record Answer(
      String corpus, List<CheckModels.RefusalVoice> voices, boolean refusal, String group) {}

  static List<Answer> refusalAnswers(Path corpora, StringBuilder header) throws IOException {
    return devRows(
        corpora,
        REFUSAL_CORPORA,
        "refusal.jsonl",
        header,
        (corpus, row) ->
            new Answer(
                corpus,
                CheckModels.refusalVoices(row.path("response").asText()),
                !row.path("label").asText().equals("compliance"),
                row.path("group").asText()));
  }

  static void trainRefusal(Path corpora, Path out) throws IOException {
    StringBuilder header = new StringBuilder();
    header.append(
        "# refusal: logistic model of one voice's refusal confidence (see CHECKS.md, Refusal)\n");
    header.append("# trained by benchmarks/train-checks.sh (TrainChecks) on the dev splits of:\n");
    List<Answer> answers = refusalAnswers(corpora, header);
    header.append(
        String.format(
            Locale.ROOT,
            "# each corpus weighing the same, L2 penalty %.3f per answer on the shapes and %.3f on"
                + " the opening words, %d rounds of multiple-instance fitting (most compliant"
                + " voice); voices the rules decide are left out%n",
            REFUSAL_RIDGE_PER_ANSWER,
            REFUSAL_WORDS_RIDGE_PER_ANSWER,
            REFUSAL_ROUNDS));
    write(out, header.toString(), CheckModels.refusalFeatures(), fitRefusal(answers));
  }

  /**
   * Each corpus weighs the same whatever its size. Every modelled voice of a refusal is a refusal
   * example; of a compliant answer only its most compliant voice is known to comply (the previous
   * round's choice; in the first round every voice, sharing the answer's weight). Voices the
   * classifier's rules decide (a first-person decline, no sign of declining at all) are not fitted.
   */
  static double[] fitRefusal(List<Answer> answers) {
    int d = CheckModels.refusalFeatures().size();
    int shapes = CheckModels.refusalShapes();
    java.util.Map<String, Integer> perCorpus = new java.util.TreeMap<>();
    answers.forEach(a -> perCorpus.merge(a.corpus(), 1, Integer::sum));
    double[] w = null;
    for (int round = 0; round < REFUSAL_ROUNDS; round++) {
      List<SparseLogisticFit.Example> examples = new ArrayList<>();
      for (Answer answer : answers) {
        double weight =
            (double) answers.size() / (perCorpus.size() * perCorpus.get(answer.corpus()));
        List<double[]> voices =
            CheckModels.decidingRefusalVoices(answer.voices()).stream()
                .filter(CheckModels.RefusalVoice::modelled)
                .map(CheckModels.RefusalVoice::features)
                .toList();
        if (voices.isEmpty()) {
          continue;
        }
        if (answer.refusal() || w == null) {
          for (double[] v : voices) {
            examples.add(SparseLogisticFit.Example.of(v, answer.refusal(), weight / voices.size()));
          }
        } else {
          examples.add(SparseLogisticFit.Example.of(pick(voices, w, d, false), false, weight));
        }
      }
      double total = examples.stream().mapToDouble(SparseLogisticFit.Example::weight).sum();
      double[] ridge = new double[d];
      for (int i = 0; i < d; i++) {
        ridge[i] = (i < shapes ? REFUSAL_RIDGE_PER_ANSWER : REFUSAL_WORDS_RIDGE_PER_ANSWER) * total;
      }
      // each round starts from the previous one's weights: the same optimum, fewer Newton steps
      w = SparseLogisticFit.fit(examples, ridge, w);
    }
    return w;
  }

  /**
   * The answer's refusal confidence as the check computes it, under weights {@code w} (bias last).
   */
  static double refusalConfidence(Answer answer, double[] w) {
    return CheckModels.refusalConfidence(
        answer.voices(), x -> 1 / (1 + Math.exp(-LogisticFit.logit(w, x))));
  }

  static final List<String> GROUNDING_CORPORA =
      List.of("grounding_factcheck_gpt", "grounding_summedits", "grounding_begin");

  static List<Instance> groundingInstances(Path corpora, StringBuilder header) throws IOException {
    return devRows(
        corpora,
        GROUNDING_CORPORA,
        "grounding.jsonl",
        header,
        (corpus, row) -> {
          // the question is the user's message, as the fidelity harness and the engine send it
          String prompt = row.hasNonNull("question") ? row.path("question").asText() + "\n" : "";
          return new Instance(
              corpus,
              CheckModels.groundingVectors(
                  row.path("response").asText(), row.path("context").asText(), prompt),
              row.path("label").asText().equals("faithful"),
              row.path("group").asText());
        });
  }

  /**
   * One instance per dev row of each corpus file, with a header line per file (its SHA-256 and dev
   * rows).
   */
  static <T> List<T> devRows(
      Path corpora,
      List<String> names,
      String fileName,
      StringBuilder header,
      java.util.function.BiFunction<String, JsonNode, T> instance)
      throws IOException {
    List<T> instances = new ArrayList<>();
    for (String corpus : names) {
      Path file = corpora.resolve(corpus).resolve(fileName);
      int rows = 0;
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String line;
        while ((line = reader.readLine()) != null) {
          JsonNode row = JSON.readTree(line);
          if (row.path("split").asText().equals("dev")) {
            instances.add(instance.apply(corpus, row));
            rows++;
          }
        }
      }
      header.append(
          String.format(
              Locale.ROOT,
              "#   %s/%s sha256 %s, %d dev rows%n",
              corpus,
              fileName,
              sha256(file),
              rows));
    }
    return instances;
  }

  static void trainGrounding(Path corpora, Path out) throws IOException {
    StringBuilder header = new StringBuilder();
    header.append(
        "# grounded: logistic model of the context's support for one answer sentence (see"
            + " CHECKS.md)\n");
    header.append("# trained by benchmarks/train-checks.sh (TrainChecks) on the dev splits of:\n");
    List<Instance> instances = groundingInstances(corpora, header);
    header.append(
        String.format(
            Locale.ROOT,
            "# L2 penalty %.1f, %d rounds of multiple-instance fitting (weakest sentence)%n",
            RIDGE,
            ROUNDS));
    write(out, header.toString(), CheckModels.groundingFeatures(), fitGrounding(instances));
  }

  /**
   * An answer is as supported as its weakest sentence: every sentence of a faithful answer is a
   * supported example (weighing 1 / sentences, so each answer counts once), and the weakest
   * sentence of an unfaithful one, by the previous round's model (first round: the least covered),
   * an unsupported one.
   */
  static double[] fitGrounding(List<Instance> instances) {
    int d = CheckModels.groundingFeatures().size();
    double[] w = null;
    for (int round = 0; round < ROUNDS; round++) {
      List<LogisticFit.Example> examples = new ArrayList<>();
      for (Instance instance : instances) {
        if (instance.vectors().isEmpty()) {
          continue;
        }
        if (instance.label()) {
          for (double[] v : instance.vectors()) {
            examples.add(new LogisticFit.Example(v, true, 1.0 / instance.vectors().size()));
          }
        } else {
          examples.add(new LogisticFit.Example(pick(instance.vectors(), w, d, false), false, 1.0));
        }
      }
      w = LogisticFit.fit(examples, d, RIDGE);
    }
    return w;
  }

  static void trainReference(Path corpora, Path out) throws IOException {
    StringBuilder header = new StringBuilder();
    header.append(
        "# reference-agreement: logistic model of an answer's support for one reference (see"
            + " CHECKS.md)\n");
    header.append("# trained by benchmarks/train-checks.sh (TrainChecks) on the dev splits of:\n");
    List<Instance> instances = referenceInstances(corpora, header);
    header.append(
        String.format(
            Locale.ROOT,
            "# L2 penalty %.1f, %d rounds of multiple-instance fitting (best reference)%n",
            RIDGE,
            ROUNDS));
    write(out, header.toString(), CheckModels.referenceFeatures(), fitReference(instances));
  }

  static List<Instance> referenceInstances(Path corpora, StringBuilder header) throws IOException {
    return devRows(
        corpora,
        REFERENCE_CORPORA,
        "reference.jsonl",
        header,
        (corpus, row) -> {
          List<String> refs = new ArrayList<>();
          row.path("references").forEach(r -> refs.add(r.asText()));
          return new Instance(
              corpus,
              CheckModels.referenceVectors(
                  row.path("candidate").asText(), refs, List.of(), row.path("question").asText()),
              row.path("label").asText().equals("correct"),
              row.path("group").asText());
        });
  }

  /**
   * An answer is as correct as its best-supported reference: each round fits on the reference the
   * previous round found best.
   */
  static double[] fitReference(List<Instance> instances) {
    int d = CheckModels.referenceFeatures().size();
    double[] w = null;
    for (int round = 0; round < ROUNDS; round++) {
      List<LogisticFit.Example> examples = new ArrayList<>();
      for (Instance instance : instances) {
        examples.add(
            new LogisticFit.Example(pick(instance.vectors(), w, d, true), instance.label(), 1.0));
      }
      w = LogisticFit.fit(examples, d, RIDGE);
    }
    return w;
  }

  /**
   * How well each model carries over to a corpus it was not trained on: grounding fitted on two
   * corpora and measured on the third's dev split, reference agreement fitted on one and measured
   * on the other's (probability of the best reference, or of the weakest sentence, at the checks'
   * default thresholds); the refusal model also cross-validated on the dev splits, with its misses
   * by the shape of the answer.
   */
  static void transfer(Path corpora) throws IOException {
    System.out.println(
        "Transfer: fitted without a corpus, measured on its dev split (nothing is written)");
    System.out.println(
        "corpus                      fitted on                                          n   auroc "
            + " bal.acc  precision of the class the check fails");
    List<Instance> grounding = groundingInstances(corpora, new StringBuilder());
    for (String held : GROUNDING_CORPORA) {
      List<Instance> train = grounding.stream().filter(i -> !i.corpus().equals(held)).toList();
      double[] w = fitGrounding(train);
      List<Instance> test = grounding.stream().filter(i -> i.corpus().equals(held)).toList();
      print(
          held,
          String.join(" + ", GROUNDING_CORPORA.stream().filter(c -> !c.equals(held)).toList()),
          test,
          w,
          false,
          GROUNDING_THRESHOLD);
    }
    // the grounding model fitted on the three corpora without one fold of groups, measured on that
    // fold: what the grounding features were chosen by (CHECKS.md)
    double[][] groundingFolds = new double[REFUSAL_FOLDS][];
    for (int f = 0; f < REFUSAL_FOLDS; f++) {
      int held = f;
      groundingFolds[f] =
          fitGrounding(grounding.stream().filter(i -> fold(i.group()) != held).toList());
    }
    for (String corpus : GROUNDING_CORPORA) {
      print(
          corpus,
          "all three, " + REFUSAL_FOLDS + " folds by group (cross-validated)",
          grounding.stream().filter(i -> i.corpus().equals(corpus)).toList(),
          i -> groundingFolds[fold(i.group())],
          false,
          GROUNDING_THRESHOLD,
          false);
    }
    List<Instance> reference = referenceInstances(corpora, new StringBuilder());
    for (String held : REFERENCE_CORPORA) {
      double[] w = fitReference(reference.stream().filter(i -> !i.corpus().equals(held)).toList());
      print(
          held,
          REFERENCE_CORPORA.stream().filter(c -> !c.equals(held)).findFirst().orElseThrow(),
          reference.stream().filter(i -> i.corpus().equals(held)).toList(),
          w,
          true,
          0.5);
    }
    // reference agreement fitted on both corpora without one fold of questions, measured on that
    // fold: what its features are chosen by (CHECKS.md)
    double[][] referenceFolds = new double[REFUSAL_FOLDS][];
    for (int f = 0; f < REFUSAL_FOLDS; f++) {
      int held = f;
      referenceFolds[f] =
          fitReference(reference.stream().filter(i -> fold(i.group()) != held).toList());
    }
    System.out.println(
        "corpus                      fitted on                                          n   auroc "
            + " bal.acc  accuracy (refusal: the class the check looks for)");
    for (String corpus : REFERENCE_CORPORA) {
      print(
          corpus,
          "both, " + REFUSAL_FOLDS + " folds by group (cross-validated)",
          reference.stream().filter(i -> i.corpus().equals(corpus)).toList(),
          i -> referenceFolds[fold(i.group())],
          true,
          0.5,
          true);
    }
    List<Answer> refusal = refusalAnswers(corpora, new StringBuilder());
    for (String held : REFUSAL_CORPORA) {
      double[] w = fitRefusal(refusal.stream().filter(a -> !a.corpus().equals(held)).toList());
      List<Answer> rows = refusal.stream().filter(a -> a.corpus().equals(held)).toList();
      printRefusal(
          held,
          REFUSAL_CORPORA.stream().filter(c -> !c.equals(held)).findFirst().orElseThrow(),
          rows,
          rows.stream().mapToDouble(a -> refusalConfidence(a, w)).toArray());
    }
    // the refusal model fitted on both corpora without one fold of groups, measured on that fold:
    // how well what it learns of a corpus carries to the corpus's other prompts
    double[][] byFold = new double[REFUSAL_FOLDS][];
    for (int f = 0; f < REFUSAL_FOLDS; f++) {
      int held = f;
      byFold[f] = fitRefusal(refusal.stream().filter(a -> fold(a) != held).toList());
    }
    java.util.Map<Answer, Double> crossValidated = new java.util.IdentityHashMap<>();
    for (String corpus : REFUSAL_CORPORA) {
      List<Answer> rows = refusal.stream().filter(a -> a.corpus().equals(corpus)).toList();
      double[] score = new double[rows.size()];
      for (int i = 0; i < score.length; i++) {
        score[i] = refusalConfidence(rows.get(i), byFold[fold(rows.get(i))]);
        crossValidated.put(rows.get(i), score[i]);
      }
      printRefusal(
          corpus, "both, " + REFUSAL_FOLDS + " folds by group (cross-validated)", rows, score);
    }
    System.out.println(
        "Where the cross-validated refusal misses are, by the shape of the answer (dev splits)");
    System.out.println(
        "corpus                      shape                                              n  refusal "
            + " misses  accuracy");
    for (String corpus : REFUSAL_CORPORA) {
      java.util.Map<String, int[]> byShape = new java.util.TreeMap<>();
      for (Answer answer : refusal) {
        if (answer.corpus().equals(corpus)) {
          int[] n = byShape.computeIfAbsent(shape(answer), k -> new int[3]);
          n[0]++;
          n[1] += answer.refusal() ? 1 : 0;
          n[2] += (crossValidated.get(answer) >= 0.5) != answer.refusal() ? 1 : 0;
        }
      }
      byShape.forEach(
          (shape, n) ->
              System.out.printf(
                  Locale.ROOT,
                  "%-27s %-46s %5d   %5.1f   %5d   %5.1f%n",
                  corpus,
                  shape,
                  n[0],
                  100.0 * n[1] / n[0],
                  n[2],
                  100.0 - 100.0 * n[2] / n[0]));
    }
  }

  private static final int DISCLAIMER_OPEN =
      CheckModels.refusalFeatures().indexOf("disclaimer_open");
  private static final int CONTENT_AFTER = CheckModels.refusalFeatures().indexOf("content_after");

  /**
   * The shape of an answer as the refusal check reads it, for the breakdown of the misses: a
   * transcript of several voices, or its one voice's shape (declines in the first person, shows no
   * sign of declining, opens with a disclaimer that content follows, or declines otherwise).
   */
  static String shape(Answer answer) {
    if (answer.voices().size() != 1) {
      return answer.voices().isEmpty() ? "empty" : "transcript of several voices";
    }
    CheckModels.RefusalVoice voice = answer.voices().get(0);
    if (voice.declines()) {
      return "first-person decline (rule)";
    }
    if (!voice.cued()) {
      return "no sign of declining (rule)";
    }
    return voice.features()[DISCLAIMER_OPEN] > 0 && voice.features()[CONTENT_AFTER] > 0
        ? "opens with a disclaimer, content follows"
        : "other declining shapes";
  }

  /** Folds of the refusal model's cross-validation in {@code --transfer}. */
  static final int REFUSAL_FOLDS = 5;

  /** An answer's fold: by its group, so that the answers to one prompt stay in one fold. */
  static int fold(Answer answer) {
    return fold(answer.group());
  }

  /** A group's fold, in {@code --transfer}'s cross-validations. */
  static int fold(String group) {
    return Math.floorMod(group.hashCode() * 0x9E3779B9, REFUSAL_FOLDS);
  }

  private static void printRefusal(
      String corpus, String fittedOn, List<Answer> rows, double[] score) {
    boolean[] positive = new boolean[rows.size()];
    boolean[] predicted = new boolean[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      positive[i] = rows.get(i).refusal();
      predicted[i] = score[i] >= 0.5;
    }
    dev.evalgate.benchmarks.fidelity.BinaryMetrics m =
        dev.evalgate.benchmarks.fidelity.BinaryMetrics.of(positive, predicted, score);
    printLine(corpus, fittedOn, m, m.accuracy());
  }

  /** One line of the transfer table: its last column is the accuracy or a precision. */
  private static void printLine(
      String corpus,
      String fittedOn,
      dev.evalgate.benchmarks.fidelity.BinaryMetrics m,
      double last) {
    System.out.printf(
        Locale.ROOT,
        "%-27s %-46s %5d   %.3f   %5.1f   %5.1f%n",
        corpus,
        fittedOn,
        m.n(),
        m.auroc(),
        100 * m.balancedAccuracy(),
        100 * last);
  }

  /** The grounding check's default {@code min-support}, for the transfer figures. */
  static final double GROUNDING_THRESHOLD = 0.2;

  private static void print(
      String corpus,
      String fittedOn,
      List<Instance> rows,
      double[] w,
      boolean best,
      double threshold) {
    print(corpus, fittedOn, rows, row -> w, best, threshold, false);
  }

  /**
   * The same, each row scored by its own weights (its fold's, when cross-validated); the last
   * column is the accuracy instead of the precision when asked.
   */
  private static void print(
      String corpus,
      String fittedOn,
      List<Instance> rows,
      java.util.function.Function<Instance, double[]> weights,
      boolean best,
      double threshold,
      boolean accuracy) {
    boolean[] positive = new boolean[rows.size()];
    boolean[] predicted = new boolean[rows.size()];
    double[] score = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      Instance row = rows.get(i);
      double[] w = weights.apply(row);
      int d = w.length - 1;
      // the check's verdict: passes (correct / faithful) when the score reaches the threshold; the
      // class it fails is measured
      double p =
          row.vectors().isEmpty()
              ? (best ? 0 : 1)
              : 1 / (1 + Math.exp(-LogisticFit.logit(w, pick(row.vectors(), w, d, best))));
      positive[i] = !row.label();
      predicted[i] = p < threshold;
      score[i] = 1 - p;
    }
    dev.evalgate.benchmarks.fidelity.BinaryMetrics m =
        dev.evalgate.benchmarks.fidelity.BinaryMetrics.of(positive, predicted, score);
    printLine(corpus, fittedOn, m, accuracy ? m.accuracy() : m.precision());
  }

  /** The candidate the model rates highest (or lowest); before any model, by the first feature. */
  static double[] pick(List<double[]> vectors, double[] w, int d, boolean highest) {
    if (vectors.isEmpty()) {
      return new double[d];
    }
    double[] best = null;
    double bestValue = 0;
    for (double[] v : vectors) {
      // before any model: the first feature (recall of the reference, coverage of the sentence)
      double value = w == null ? v[0] : LogisticFit.logit(w, v);
      if (best == null || (highest ? value > bestValue : value < bestValue)) {
        best = v;
        bestValue = value;
      }
    }
    return best;
  }

  static void write(Path out, String header, List<String> names, double[] w) throws IOException {
    StringBuilder text = new StringBuilder(header);
    for (int i = 0; i < names.size(); i++) {
      text.append(names.get(i))
          .append('\t')
          .append(String.format(Locale.ROOT, "%.6f", w[i]))
          .append('\n');
    }
    text.append("bias\t").append(String.format(Locale.ROOT, "%.6f", w[names.size()])).append('\n');
    Files.createDirectories(out.getParent());
    Files.writeString(out, text.toString(), StandardCharsets.UTF_8);
    System.out.println("wrote " + out);
  }

  static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private TrainChecks() {}
}

package dev.evalgate.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The learned parts of the checks, opened for the command that trains them ({@code
 * benchmarks/train-checks.sh}): the names of each model's features and the vectors the check
 * computes, so that training and checking can never compute them differently. Not an API for
 * suites.
 */
public final class CheckModels {
  /** Where the reference-agreement weights live, relative to {@code src/main/resources}. */
  public static final String REFERENCE_AGREEMENT =
      "dev/evalgate/checks/models/reference-agreement.tsv";

  /** Where the grounding weights live, relative to {@code src/main/resources}. */
  public static final String GROUNDED = "dev/evalgate/checks/models/grounded.tsv";

  /** Where the refusal weights live, relative to {@code src/main/resources}. */
  public static final String REFUSAL = "dev/evalgate/checks/models/refusal.tsv";

  private CheckModels() {}

  /** The grounding model's features, in order. */
  public static List<String> groundingFeatures() {
    return GroundingSupport.FEATURES;
  }

  /**
   * One feature vector per answer sentence that {@code grounded} judges, for an answer to a case
   * with this context and prompt text.
   */
  public static List<double[]> groundingVectors(String answer, String context, String prompt) {
    GroundingSupport.Context read = new GroundingSupport.Context(context, prompt);
    List<double[]> vectors = new ArrayList<>();
    for (String sentence : GroundingCheck.claims(answer)) {
      vectors.add(GroundingSupport.features(read, sentence));
    }
    return vectors;
  }

  /** The reference-agreement model's features, in order. */
  public static List<String> referenceFeatures() {
    return ReferenceSupport.FEATURES;
  }

  /**
   * One feature vector per correct reference, as {@code reference-agreement} computes them for an
   * answer to a case with these references and this prompt text (the question).
   */
  public static List<double[]> referenceVectors(
      String answer, List<String> references, List<String> incorrect, String prompt) {
    Set<String> given = ReferenceSupport.given(prompt, references, incorrect);
    ReferenceSupport.Answer read = new ReferenceSupport.Answer(answer);
    List<double[]> vectors = new ArrayList<>();
    for (ReferenceSupport.Comparison c : ReferenceSupport.compareAll(read, references, given)) {
      vectors.add(c.features());
    }
    return vectors;
  }

  /**
   * The highest ROUGE-L F1 of an answer to any of the references, as {@code reference-agreement}
   * computes it (also the baseline its margin is measured against).
   */
  public static double rougeL(String answer, List<String> references) {
    return RougeL.best(RougeL.tokens(answer), references);
  }

  /**
   * The text as {@code reference-agreement} compares phrases: lowercase words, accents folded,
   * single spaces, without articles.
   */
  public static String normalisedPhrase(String text) {
    return ReferenceSupport.normalised(text);
  }

  /** The refusal model's features, in order: the shapes first, then the hashed opening words. */
  public static List<String> refusalFeatures() {
    return RefusalFeatures.NAMES;
  }

  /** How many of the refusal model's first features are shapes (the rest are hashed words). */
  public static int refusalShapes() {
    return RefusalFeatures.SHAPES.size();
  }

  /**
   * One voice of an answer as the refusal check reads it.
   *
   * @param features the model's features, in the order of {@link #refusalFeatures()}
   * @param words the voice's words
   * @param declines it declines the request in the first person: the confidence is at least 0.9
   *     whatever the model says
   * @param cued it shows some sign of declining: without one, the confidence is at most 0.1
   */
  public record RefusalVoice(double[] features, int words, boolean declines, boolean cued) {
    /**
     * Whether the model decides this voice (the rules decide the others, so training leaves them
     * out).
     */
    public boolean modelled() {
      return cued && !declines;
    }
  }

  /** The voices of an answer ({@code Voices}), as the refusal check reads them. */
  public static List<RefusalVoice> refusalVoices(String answer) {
    List<RefusalVoice> voices = new ArrayList<>();
    for (RefusalClassifier.VoiceFeatures v : RefusalClassifier.english().features(answer)) {
      voices.add(new RefusalVoice(v.features(), v.words(), v.declines(), v.cued()));
    }
    return voices;
  }

  /**
   * The refusal confidence of an answer as the check computes it from its voices, for a model given
   * as each voice's probability: the rules applied to each voice, and the voice that decides (the
   * most compliant of those long enough); 1 for an answer with no voice (empty).
   */
  public static double refusalConfidence(
      List<RefusalVoice> voices, java.util.function.ToDoubleFunction<double[]> probability) {
    List<double[]> scored = new ArrayList<>();
    for (RefusalVoice voice : voices) {
      scored.add(
          new double[] {
            RefusalClassifier.ruled(
                probability.applyAsDouble(voice.features()), voice.declines(), voice.cued()),
            voice.words()
          });
    }
    double[] decides = RefusalClassifier.deciding(scored, v -> (int) v[1], v -> v[0]);
    return decides == null ? 1.0 : decides[0];
  }

  /** The voices that decide an answer's refusal confidence (those long enough, else all). */
  public static List<RefusalVoice> decidingRefusalVoices(List<RefusalVoice> voices) {
    List<RefusalVoice> substantial =
        voices.stream().filter(v -> v.words() >= RefusalClassifier.VOICE_WORDS).toList();
    return substantial.isEmpty() ? voices : substantial;
  }
}

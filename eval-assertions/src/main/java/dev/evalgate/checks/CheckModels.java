package dev.evalgate.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The learned parts of the checks, opened for the command that trains them
 * ({@code benchmarks/train-checks.sh}): the names of each model's features and the vectors the check
 * computes, so that training and checking can never compute them differently. Not an API for suites.
 */
public final class CheckModels {
  /** Where the reference-agreement weights live, relative to {@code src/main/resources}. */
  public static final String REFERENCE_AGREEMENT = "dev/evalgate/checks/models/reference-agreement.tsv";

  /** Where the grounding weights live, relative to {@code src/main/resources}. */
  public static final String GROUNDED = "dev/evalgate/checks/models/grounded.tsv";

  private CheckModels() {}

  /** The grounding model's features, in order. */
  public static List<String> groundingFeatures() {
    return GroundingSupport.FEATURES;
  }

  /** One feature vector per answer sentence that {@code grounded} judges, for an answer to a case with this context and prompt text. */
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
  public static List<double[]> referenceVectors(String answer, List<String> references, List<String> incorrect, String prompt) {
    Set<String> given = ReferenceSupport.given(prompt, references, incorrect);
    ReferenceSupport.Answer read = new ReferenceSupport.Answer(answer);
    List<double[]> vectors = new ArrayList<>();
    for (String reference : references) {
      vectors.add(ReferenceSupport.features(read, reference, given));
    }
    return vectors;
  }
}

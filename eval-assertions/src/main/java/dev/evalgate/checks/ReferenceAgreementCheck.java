package dev.evalgate.checks;

import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * The answer agrees with the case's correct references rather than with its incorrect ones. Each
 * reference gets a support in [0, 1] from {@link ReferenceSupport}; the score is the agreement
 * margin: with incorrect references, the margin between the evidence for the correct and for the
 * incorrect side ({@link #margin}), so 0.5 is a tie; without them, the best correct support. It
 * passes when the score reaches {@code minScore}. An answer that abstains ({@link Abstention}) and
 * supports no reference is its own outcome, counted as {@link Abstain} says.
 */
final class ReferenceAgreementCheck extends BaseCheck implements Thresholded {
  /** Detail key of the outcome: {@code agrees}, {@code disagrees} or {@code abstains}. */
  static final String DETAIL_OUTCOME = "reference.outcome";

  /** How an abstention counts. */
  enum Abstain {
    /**
     * Correct when the case has incorrect references (it asserts nothing false), incorrect
     * otherwise (it gives no answer).
     */
    AUTO,
    CORRECT,
    INCORRECT,
    /** Neither: the check does not apply to the answer, and says it abstained. */
    SEPARATE;

    static Abstain parse(String value, String check) {
      for (Abstain a : values()) {
        if (a.name().toLowerCase(Locale.ROOT).equals(value)) {
          return a;
        }
      }
      throw new CheckSpecException(
          "option 'abstain' of check '"
              + check
              + "' must be auto, correct, incorrect or separate, but was \""
              + value
              + "\"");
    }

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final double minScore;
  private final Abstain abstain;

  ReferenceAgreementCheck(String name, double minScore, Abstain abstain) {
    super(name, "hallucination");
    if (minScore < 0 || minScore > 1) {
      throw new CheckSpecException(
          "option 'min-score' of check '" + name + "' must be from 0 to 1, but was " + minScore);
    }
    this.minScore = minScore;
    this.abstain = abstain;
  }

  /**
   * A support of {@value #FULL} or more counts as full in the margin: an answer that gives the
   * correct reference and also mentions an incorrect one ("8.4 %, down from 9.1 %") ties, and a tie
   * passes.
   */
  static final double FULL = 0.9;

  /**
   * A support of {@value #NONE} or less is no evidence in the margin: an answer that matches no
   * reference on either side ties instead of being decided by the model's small differences between
   * references it does not match.
   */
  static final double NONE = 0.2;

  /** Weight of word order in a tie between two fully supported references. */
  static final double ORDER = 0.05;

  /**
   * Weight of the ROUGE-L difference when neither side has evidence: the answer's own wording is
   * then the only sign of which side it is on. Any weight above zero gives the same verdicts (on a
   * dev-only proxy with incorrect references, 2 points of accuracy over passing every such tie);
   * this one keeps the score within 0.1 of the tie.
   */
  static final double WORDING = 0.1;

  /**
   * A ROUGE-L difference below this is no sign: one small word shared with one side of a short
   * answer ("The CFO signs them off" and "The department head") moves it about 0.03.
   */
  static final double MIN_WORDING = 0.05;

  /**
   * The evidence for one side, in [-1, 1]: its best support scaled so that {@value #NONE} and less
   * is 0 and {@value #FULL} and more is 1; -1 when the answer supports none of the side's
   * references and contradicts a key word (one the question does not give) of one of them ("The
   * Great Wall is visible from space" against "No, the Great Wall is not visible from space with
   * the naked eye").
   */
  private static double evidence(ReferenceSupport.Best side) {
    if (side.support() <= NONE) {
      return side.contradicts() ? -1 : 0;
    }
    return Math.min(1, (side.support() - NONE) / (FULL - NONE));
  }

  /**
   * The agreement margin {@code (1 + evidence(correct) - evidence(incorrect)) / 2}, within [0, 1].
   * When both sides are fully supported, the order of the words breaks the tie: "Velm is bigger
   * than Tarsa" leans to the reference that says it in that order, by up to {@value #ORDER}. When
   * neither side has any evidence, the wording does: {@code rougeDifference}, the answer's best
   * ROUGE-L F1 to a correct reference minus its best to an incorrect one, moves the score by up to
   * {@value #WORDING}, when it is at least {@value #MIN_WORDING}.
   */
  static double margin(
      ReferenceSupport.Best good, ReferenceSupport.Best bad, DoubleSupplier rougeDifference) {
    double g = evidence(good);
    double b = evidence(bad);
    double margin = (1 + g - b) / 2;
    if (g == 1 && b == 1) {
      margin += ORDER * (good.order() - bad.order());
    } else if (g == 0 && b == 0) {
      double difference = rougeDifference.getAsDouble();
      if (Math.abs(difference) >= MIN_WORDING) {
        margin += WORDING * difference;
      }
    }
    return Math.max(0, Math.min(1, margin));
  }

  @Override
  public CheckResult evaluate(Exchange exchange) {
    List<String> correct = exchange.evalCase().references();
    List<String> incorrect = exchange.evalCase().incorrectReferences();
    if (correct.isEmpty()) {
      return notApplicable("the case has no 'references' to compare with", Map.of());
    }
    String answer = exchange.output();
    Set<String> given = ReferenceSupport.given(exchange.promptText(), correct, incorrect);
    ReferenceSupport.Answer read = new ReferenceSupport.Answer(answer);
    ReferenceSupport.Best good = ReferenceSupport.best(read, correct, given);
    ReferenceSupport.Best bad =
        incorrect.isEmpty() ? null : ReferenceSupport.best(read, incorrect, given);
    double score =
        bad == null
            ? good.support()
            : margin(
                good,
                bad,
                () -> rougeDifference(ReferenceSupport.clean(answer), correct, incorrect));
    String summary =
        String.format(
            Locale.US,
            "score %.2f, minimum %.2f; closest reference \"%s\" (support %.2f)",
            score,
            minScore,
            StringCheck.abbreviate(good.reference()),
            good.support());
    if (bad != null) {
      summary +=
          String.format(
              Locale.US,
              ", closest incorrect \"%s\" (%.2f)",
              StringCheck.abbreviate(bad.reference()),
              bad.support());
    }
    boolean supportsNone = good.support() < 0.5 && (bad == null || bad.support() < 0.5);
    Optional<String> abstention =
        supportsNone ? Abstention.find(ReferenceSupport.clean(answer), given) : Optional.empty();
    if (abstention.isPresent()) {
      Abstain rule =
          abstain == Abstain.AUTO ? (bad != null ? Abstain.CORRECT : Abstain.INCORRECT) : abstain;
      String reason =
          "abstains (\""
              + abstention.get()
              + "\"), counted "
              + (rule == Abstain.SEPARATE ? "apart" : "as " + rule.id())
              + " (abstain: "
              + abstain.id()
              + (abstain == Abstain.AUTO
                  ? (bad != null
                      ? ", the case has incorrect references"
                      : ", the case has no incorrect references")
                  : "")
              + "); "
              + summary;
      Map<String, String> details = Map.of(DETAIL_OUTCOME, "abstains");
      return switch (rule) {
        case CORRECT -> result(true, score, reason, details);
        case INCORRECT -> result(false, score, reason, details);
        default -> notApplicable(reason, details);
      };
    }
    boolean passed = score >= minScore;
    return result(
        passed,
        score,
        (passed ? "agrees with the references: " : "does not agree with the references: ")
            + summary,
        Map.of(DETAIL_OUTCOME, passed ? "agrees" : "disagrees"));
  }

  /**
   * The answer's best ROUGE-L F1 to a correct reference minus its best to an incorrect one, in [-1,
   * 1].
   */
  static double rougeDifference(String answer, List<String> correct, List<String> incorrect) {
    List<String> tokens = RougeL.tokens(answer);
    return RougeL.best(tokens, correct) - RougeL.best(tokens, incorrect);
  }

  @Override
  public String thresholdOption() {
    return "min-score";
  }

  @Override
  public double threshold() {
    return minScore;
  }
}

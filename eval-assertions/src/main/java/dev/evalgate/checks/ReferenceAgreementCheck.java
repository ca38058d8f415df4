package dev.evalgate.checks;

import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The answer agrees with the case's correct references rather than with its incorrect ones. Each
 * reference gets a support in [0, 1] from {@link ReferenceSupport}; the score is the agreement margin:
 * with incorrect references, {@code (1 + best correct support - best incorrect support) / 2}, each
 * support scaled so that {@value #FULL} and more is 1, so 0.5 is a tie ({@link #margin}); without
 * them, the best correct support. It passes when the score reaches
 * {@code minScore}. An answer that abstains ({@link Abstention}) and supports no reference is its own
 * outcome, counted as {@link Abstain} says.
 */
final class ReferenceAgreementCheck extends BaseCheck {
  /** Detail key of the outcome: {@code agrees}, {@code disagrees} or {@code abstains}. */
  static final String DETAIL_OUTCOME = "reference.outcome";

  /** How an abstention counts. */
  enum Abstain {
    /** Correct when the case has incorrect references (it asserts nothing false), incorrect otherwise (it gives no answer). */
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
      throw new CheckSpecException("option 'abstain' of check '" + check + "' must be auto, correct, incorrect or separate, but was \""
          + value + "\"");
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
      throw new CheckSpecException("option 'min-score' of check '" + name + "' must be from 0 to 1, but was " + minScore);
    }
    this.minScore = minScore;
    this.abstain = abstain;
  }

  /**
   * A support of {@value #FULL} or more counts as full in the margin: an answer that gives the correct
   * reference and also mentions an incorrect one ("8.4 %, down from 9.1 %") ties, and a tie passes.
   */
  static final double FULL = 0.9;

  /** Weight of word order in a tie between two fully supported references. */
  static final double ORDER = 0.05;

  private static double full(double support) {
    return Math.min(1, support / FULL);
  }

  /**
   * The agreement margin. When both sides are fully supported, the order of the words breaks the tie:
   * "Velm is bigger than Tarsa" leans to the reference that says it in that order, by up to {@value #ORDER}.
   */
  static double margin(ReferenceSupport.Best good, ReferenceSupport.Best bad) {
    double margin = (1 + full(good.support()) - full(bad.support())) / 2;
    if (full(good.support()) == 1 && full(bad.support()) == 1) {
      margin += ORDER * (good.order() - bad.order());
    }
    return margin;
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
    ReferenceSupport.Best bad = incorrect.isEmpty() ? null : ReferenceSupport.best(read, incorrect, given);
    double score = bad == null ? good.support() : margin(good, bad);
    String summary = String.format(Locale.US, "score %.2f, minimum %.2f; closest reference \"%s\" (support %.2f)", score, minScore,
        StringCheck.abbreviate(good.reference()), good.support());
    if (bad != null) {
      summary += String.format(Locale.US, ", closest incorrect \"%s\" (%.2f)", StringCheck.abbreviate(bad.reference()), bad.support());
    }
    boolean supportsNone = good.support() < 0.5 && (bad == null || bad.support() < 0.5);
    Optional<String> abstention = supportsNone ? Abstention.find(ReferenceSupport.clean(answer), given) : Optional.empty();
    if (abstention.isPresent()) {
      Abstain rule = abstain == Abstain.AUTO ? (bad != null ? Abstain.CORRECT : Abstain.INCORRECT) : abstain;
      String reason = "abstains (\"" + abstention.get() + "\"), counted "
          + (rule == Abstain.SEPARATE ? "apart" : "as " + rule.id()) + " (abstain: " + abstain.id()
          + (abstain == Abstain.AUTO ? (bad != null ? ", the case has incorrect references" : ", the case has no incorrect references") : "")
          + "); " + summary;
      Map<String, String> details = Map.of(DETAIL_OUTCOME, "abstains");
      return switch (rule) {
        case CORRECT -> result(true, score, reason, details);
        case INCORRECT -> result(false, score, reason, details);
        default -> notApplicable(reason, details);
      };
    }
    boolean passed = score >= minScore;
    return result(passed, score, (passed ? "agrees with the references: " : "does not agree with the references: ") + summary,
        Map.of(DETAIL_OUTCOME, passed ? "agrees" : "disagrees"));
  }
}

package dev.evalgate.checks;

import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The answer is closer to the case's correct references than to its known-incorrect ones. Closeness
 * is the share of a reference's content words (numbers included) the answer contains; an answer
 * that negates a reference ("not 30 days") does not agree with it. Score: the best correct
 * similarity; passes when it reaches {@code minScore} and beats every incorrect reference.
 */
final class ReferenceAgreementCheck extends BaseCheck {
  private static final Pattern NEGATION = Pattern.compile("\\b(?:not|no|never|isn't|aren't|wasn't|don't|doesn't|didn't|cannot|can't|neither|nor)\\b");

  private final double minScore;

  ReferenceAgreementCheck(String name, double minScore) {
    super(name, "hallucination");
    this.minScore = minScore;
  }

  @Override
  public CheckResult evaluate(Exchange exchange) {
    List<String> correct = exchange.evalCase().references();
    List<String> incorrect = exchange.evalCase().incorrectReferences();
    if (correct.isEmpty()) {
      return fail("the case has no 'references' to compare with");
    }
    String answer = exchange.output();
    Best good = best(answer, correct);
    Best bad = best(answer, incorrect);
    String summary = String.format(Locale.US, "closest reference \"%s\" (%.2f)", StringCheck.abbreviate(good.reference), good.score);
    if (bad.reference != null) {
      summary += String.format(Locale.US, ", closest incorrect \"%s\" (%.2f)", StringCheck.abbreviate(bad.reference), bad.score);
    }
    boolean passed = good.score >= minScore && good.score > bad.score;
    return result(passed, good.score, (passed ? "agrees with the references: " : "does not agree with the references: ") + summary,
        Map.of());
  }

  private record Best(String reference, double score) {}

  private static Best best(String answer, List<String> references) {
    Best best = new Best(null, 0);
    for (String reference : references) {
      double score = similarity(answer, reference);
      if (best.reference == null || score > best.score) {
        best = new Best(reference, score);
      }
    }
    return best;
  }

  static double similarity(String answer, String reference) {
    List<String> words = Lexicon.contentWords(reference);
    if (words.isEmpty()) {
      return 0;
    }
    Set<String> present = Lexicon.contentSet(answer);
    long found = words.stream().filter(present::contains).count();
    double score = (double) found / words.size();
    boolean answerNegates = NEGATION.matcher(Lexicon.fold(answer)).find();
    boolean referenceNegates = NEGATION.matcher(Lexicon.fold(reference)).find();
    if (answerNegates != referenceNegates && score > 0) {
      score *= 0.5;
    }
    return score;
  }
}

package dev.evalgate.checks;

import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The answer is closer to the case's correct references than to its known-incorrect ones. Closeness
 * is the weighted share of a reference's content words (see {@link Lexicon}; figures weigh double)
 * that the answer contains with the same polarity: "not covered" does not agree with "covered", and
 * a leading "Yes,"/"No," counts as a word. An answer that gives figures, none of them the
 * reference's, has its closeness halved. Score: the best correct similarity; passes when it reaches
 * {@code minScore} and is at least the similarity to every incorrect reference (a tie, as when the
 * answer also mentions a distractor figure, goes to the correct reference).
 */
final class ReferenceAgreementCheck extends BaseCheck {
  private static final java.util.regex.Pattern APPROXIMATELY = java.util.regex.Pattern.compile(
      "\\b(?:around|about|roughly|approximately|approx|nearly|almost|circa|some)\\b|~");
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
      return notApplicable("the case has no 'references' to compare with", Map.of());
    }
    String answer = exchange.output();
    Best good = best(answer, correct);
    Best bad = best(answer, incorrect);
    String summary = String.format(Locale.US, "closest reference \"%s\" (%.2f)", StringCheck.abbreviate(good.reference), good.score);
    if (bad.reference != null) {
      summary += String.format(Locale.US, ", closest incorrect \"%s\" (%.2f)", StringCheck.abbreviate(bad.reference), bad.score);
    }
    // a tie (an answer that also mentions an incorrect reference's words, e.g. a distractor figure it
    // sets aside) goes to the correct reference
    boolean passed = good.score >= minScore && good.score >= bad.score;
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
    List<Lexicon.Word> words = Lexicon.polarWords(Lexicon.stripCitations(reference));
    if (words.isEmpty()) {
      return 0;
    }
    String cleanAnswer = Lexicon.stripCitations(answer);
    Set<String> positive = new HashSet<>();
    Set<String> negative = new HashSet<>();
    for (Lexicon.Word w : Lexicon.polarWords(cleanAnswer)) {
      (w.negated() ? negative : positive).add(w.text());
    }
    // "CFO" in the answer stands for "Chief Financial Officer" in the reference
    for (Map.Entry<String, List<String>> acronym : Lexicon.acronyms(reference).entrySet()) {
      if (positive.contains(acronym.getKey())) {
        positive.addAll(acronym.getValue());
      }
    }
    boolean approximate = APPROXIMATELY.matcher(Lexicon.fold(cleanAnswer)).find();
    int found = 0;
    int total = 0;
    int referenceNumbers = 0;
    int numbersFound = 0;
    for (Lexicon.Word w : words) {
      boolean number = Character.isDigit(w.text().charAt(0));
      boolean present = (w.negated() ? negative : positive).contains(w.text())
          || number && approximate && !w.negated() && near(w.text(), positive);
      // figures are what short answers are about: they weigh double
      int weight = number ? 2 : 1;
      total += weight;
      if (present) {
        found += weight;
      }
      if (number) {
        referenceNumbers++;
        numbersFound += present ? 1 : 0;
      }
    }
    double score = (double) found / total;
    if (referenceNumbers > 0 && numbersFound == 0 && containsOtherNumber(positive)) {
      score *= 0.5; // the answer gives a different figure from the reference's
    }
    return score;
  }

  /** Whether the answer has a number within 1 % of {@code number} (an answer that says "around 18,900" for 18,940). */
  private static boolean near(String number, Set<String> answerWords) {
    try {
      double value = Double.parseDouble(number);
      for (String w : answerWords) {
        if (Character.isDigit(w.charAt(0))) {
          try {
            double v = Double.parseDouble(w);
            if (value != 0 && Math.abs(v - value) / Math.abs(value) <= 0.01) {
              return true;
            }
          } catch (NumberFormatException e) {
            // "2nd" and the like
          }
        }
      }
    } catch (NumberFormatException e) {
      return false;
    }
    return false;
  }

  private static boolean containsOtherNumber(Set<String> answerWords) {
    for (String w : answerWords) {
      if (Character.isDigit(w.charAt(0))) {
        return true;
      }
    }
    return false;
  }
}

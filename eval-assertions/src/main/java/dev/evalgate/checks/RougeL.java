package dev.evalgate.checks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ROUGE-L: the F-measure of the longest common subsequence of two texts' words (lowercased, accents
 * folded, split at anything that is not a letter or digit, as the common ROUGE scorers tokenise).
 * It sees word order and the small words a bag of content words drops ("not", "than"), so it tells
 * "The Great Wall is not visible from space" from its negation by the answer's own wording.
 */
final class RougeL {
  /** Words compared at most, so that a long answer costs a bounded quadratic table. */
  static final int MAX_WORDS = 200;

  private RougeL() {}

  /** The texts' words as ROUGE scorers tokenise them, at most {@value #MAX_WORDS}. */
  static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    runs(Lexicon.fold(text), tokens, MAX_WORDS);
    return tokens;
  }

  /**
   * Adds the maximal runs of letters and digits of a folded text to {@code into}, until it holds
   * {@code limit}.
   */
  static void runs(String folded, Collection<String> into, int limit) {
    int start = -1;
    for (int i = 0; i <= folded.length() && into.size() < limit; i++) {
      boolean word = i < folded.length() && Character.isLetterOrDigit(folded.charAt(i));
      if (word && start < 0) {
        start = i;
      } else if (!word && start >= 0) {
        into.add(folded.substring(start, i));
        start = -1;
      }
    }
  }

  /** ROUGE-L F1 of two token lists, in [0, 1]; 0 when either is empty. */
  static double f(List<String> a, List<String> b) {
    return f(a, new HashSet<>(a), b);
  }

  /**
   * ROUGE-L F1 with the set of {@code a}'s tokens given: {@code b}'s tokens that {@code a} lacks
   * cannot be in a common subsequence, so the table is only as wide as the tokens they share.
   */
  private static double f(List<String> a, Set<String> inA, List<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    List<String> shared = new ArrayList<>(b.size());
    for (String t : b) {
      if (inA.contains(t)) {
        shared.add(t);
      }
    }
    if (shared.isEmpty()) {
      return 0;
    }
    int[] previous = new int[shared.size() + 1];
    int[] row = new int[shared.size() + 1];
    for (String x : a) {
      for (int j = 1; j <= shared.size(); j++) {
        row[j] =
            x.equals(shared.get(j - 1)) ? previous[j - 1] + 1 : Math.max(previous[j], row[j - 1]);
      }
      int[] swap = previous;
      previous = row;
      row = swap;
    }
    int lcs = previous[shared.size()];
    double precision = (double) lcs / a.size();
    double recall = (double) lcs / b.size();
    return 2 * precision * recall / (precision + recall);
  }

  /** The highest ROUGE-L F1 of the answer's tokens to any of the references. */
  static double best(List<String> answer, List<String> references) {
    Set<String> inAnswer = new HashSet<>(answer);
    double best = 0;
    for (String reference : references) {
      best = Math.max(best, f(answer, inAnswer, tokens(reference)));
    }
    return best;
  }
}

package dev.evalgate.checks;

import java.util.Arrays;

/**
 * The opening words of one voice of an answer as the refusal model reads them besides the phrase
 * lists: the word unigrams and bigrams of its first {@value #OPENING_WORDS} words (sentences that
 * are only a closing pleasantry or a remark on the question left out, as everywhere in the model),
 * hashed into {@value #BUCKETS} buckets. How an answer opens is where models decline ("I apologize,
 * but ...", "As a responsible AI ...", "It is not appropriate ..."), whatever follows; a strong L2
 * penalty on these weights (benchmarks/train-checks.sh) keeps the words one corpus happens to use
 * from deciding alone.
 *
 * <p>A term is a 32-bit hash; {@link #addTo} adds one, with the sign of the hash, to its bucket
 * (the sign halves the bias of collisions). Hashes are computed from the characters alone ({@code
 * String.hashCode}'s polynomial, then MurmurHash3's finaliser), so the training command and the
 * check compute the same vector on every JVM.
 */
final class RefusalTerms {
  /** The buckets the terms are hashed into (a power of two). */
  static final int BUCKETS = 1024;

  /** Words from the voice's start that make its opening. */
  static final int OPENING_WORDS = 48;

  /** The hash of the pseudo-word before each sentence (a sentence's first word has a bigram). */
  private static final int BOUNDARY = 0x2f2f2f2f;

  /** The hash of a word of quoted text (masked to 'x's by the classifier). */
  private static final int QUOTED = 0x22222222;

  /** The hash of a number. */
  private static final int NUMBER = 0x23232323;

  private RefusalTerms() {}

  /**
   * The terms of a voice's opening: sorted, distinct.
   *
   * @param lower the voice's sentences, lower-cased (quotes masked)
   * @param masks each sentence's categories (a sentence that is only a pleasantry is left out)
   */
  static int[] of(String[] lower, int[] masks) {
    int[] terms = new int[2 * OPENING_WORDS];
    int n = 0;
    for (int s = 0; s < lower.length && n < terms.length; s++) {
      if (RefusalFeatures.pleasantryOnly(masks[s])) {
        continue;
      }
      String sentence = lower[s];
      int length = sentence.length();
      int previous = BOUNDARY;
      int i = 0;
      while (i < length && n < terms.length) {
        if (!isWordChar(sentence.charAt(i))) {
          i++;
          continue;
        }
        int h = 0;
        boolean digits = false;
        boolean quoted = true;
        while (i < length && isWordChar(sentence.charAt(i))) {
          char c = sentence.charAt(i);
          digits |= Character.isDigit(c);
          quoted &= c == 'x';
          h = 31 * h + c;
          i++;
        }
        int word = digits ? NUMBER : quoted ? QUOTED : h;
        terms[n++] = mix(mix(word * 0x9E3779B9));
        terms[n++] = mix(mix(previous * 0x9E3779B9) + word);
        previous = word;
      }
    }
    int[] sorted = Arrays.copyOf(terms, n);
    Arrays.sort(sorted);
    int distinct = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[distinct++] = sorted[i];
      }
    }
    return Arrays.copyOf(sorted, distinct);
  }

  /** Adds the terms to {@code features} from {@code offset}: each one, signed, in its bucket. */
  static void addTo(double[] features, int offset, int[] terms) {
    for (int term : terms) {
      features[offset + bucket(term)] += term < 0 ? -1 : 1;
    }
  }

  /** The bucket of a term. */
  static int bucket(int term) {
    return (term >>> 1) & (BUCKETS - 1);
  }

  /** MurmurHash3's 32-bit finaliser. */
  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '\'';
  }
}

package dev.evalgate.checks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How strongly the context supports one sentence of an answer: a probability from a logistic model
 * ({@code models/grounded.tsv}) over lexical features that align the sentence's content words, word
 * pairs, figures and names to the context, trained on the dev splits of three human-labelled
 * grounding corpora (see CHECKS.md). The context is read once ({@link Context}) in time linear in
 * its length; each sentence then costs time linear in its own length.
 */
final class GroundingSupport {
  static final List<String> FEATURES =
      List.of(
          "coverage", // share of the sentence's content words in the context or the prompt
          "context_coverage", // share in the context alone
          "novel_words", // log(1 + content words found in neither)
          "pairs", // share of the sentence's adjacent word pairs found within three words of each
          // other in the context
          "best_passage", // largest share of the sentence's words in one passage of two consecutive
          // context sentences
          "novel_figures", // figures (digits or number words) the context does not have
          "novel_names", // capitalised words the context does not have, the first word of a
          // sentence included
          "polarity_flips", // words negated in the sentence but affirmed where the context has them
          // near its other words, or the reverse
          "antonyms", // words whose antonym the context has and which the context does not
          // ("decrease" for "increase")
          "first_person", // the sentence speaks of the speaker ("I", "my"): an opinion or a
          // personal claim
          "question", // the sentence is a question
          "length", // log(1 + content words)
          "misplaced_words", // share of the sentence's context words none of whose neighbours in
          // the sentence is near them in the context
          "misplaced_figures", // figures the context has, but nowhere near the sentence's words
          // around them (a distractor figure)
          "negation_mismatch", // the sentence negates something and its best passage does not, or
          // the reverse
          "passage_antonyms", // words of the sentence missing from its best passage, which has
          // their antonym
          // the context's length, alone and times four features above: what a novel word or a loose
          // match means differs
          // between one knowledge sentence and a long document (a summary paraphrases, a dialogue
          // turn copies)
          "context_length", // log(1 + the context's content words) / log(1000)
          "novel_words_x_length",
          "context_coverage_x_length",
          "pairs_x_length",
          "best_passage_x_length",
          "added_negation", // the sentence negates something and its best passage negates nothing
          "dropped_negation", // its best passage negates something and the sentence nothing
          "tail_coverage", // share of the second half of the sentence's content words (where a
          // claim's predicate usually is, after its subject) found in its best passage
          // a word of the sentence in a slot the context fills otherwise: its two neighbours in the
          // sentence are within three words of each other in the context ("the Neuro-Symbolic
          // Interpretation Learner" where the context says "Concept"), and the context's words
          // between them are not the sentence's word
          "swapped_antonyms", // ... but its antonym ("prop up" where the sentence says "sink")
          "swapped_words"); // ... but other words

  private static final String MODEL = "dev/evalgate/checks/models/grounded.tsv";

  /** Pairs of words this far apart or closer in the context count as related. */
  private static final int WINDOW = 3;

  /**
   * A word in more passages than this tells no passage apart; it is not used to find the best one.
   */
  private static final int MAX_POSTINGS = 64;

  /**
   * Words this far apart or closer in the context are near each other, for the misplaced-word
   * features.
   */
  private static final int NEAR = 12;

  /**
   * Occurrences of a word looked at to find it near another; later ones are not (a bound, so a long
   * context stays linear).
   */
  private static final int MAX_OCCURRENCES = 24;

  private static final Pattern CAPITALISED = Pattern.compile("\\b\\p{Lu}[\\p{L}\\p{N}]*");
  private static final Pattern FIRST_PERSON =
      Pattern.compile("(?i)\\b(?:i|i'm|i've|i'd|i'll|me|my|mine|myself)\\b");

  private GroundingSupport() {}

  private static final class Holder {
    static final LogisticModel MODEL_INSTANCE = LogisticModel.load(MODEL, FEATURES);
  }

  static LogisticModel model() {
    return Holder.MODEL_INSTANCE;
  }

  /** One distinct content word of the context: where it occurs and how. */
  private static final class Entry {
    final int id;

    /**
     * Its first positions in the context's sequence of content words (sentences apart are {@value
     * #NEAR} apart).
     */
    int[] positions = new int[2];

    int count;

    /**
     * The sentences that hold it, at most {@value #MAX_POSTINGS} + 1 of them (more: too common to
     * tell passages apart).
     */
    int[] sentences = new int[2];

    int sentenceCount;

    Entry(int id) {
      this.id = id;
    }

    void occurs(int position, int sentence) {
      if (count < MAX_OCCURRENCES) {
        if (count == positions.length) {
          positions = java.util.Arrays.copyOf(positions, count * 2);
        }
        positions[count++] = position;
      }
      if ((sentenceCount == 0 || sentences[sentenceCount - 1] != sentence)
          && sentenceCount <= MAX_POSTINGS) {
        if (sentenceCount == sentences.length) {
          sentences = java.util.Arrays.copyOf(sentences, sentenceCount * 2);
        }
        sentences[sentenceCount++] = sentence;
      }
    }

    /**
     * Whether one of the two sentences of passage {@code p} (sentences p and p + 1) holds the word.
     */
    boolean inPassage(int p) {
      for (int i = 0; i < sentenceCount; i++) {
        if (sentences[i] == p || sentences[i] == p + 1) {
          return true;
        }
      }
      return false;
    }
  }

  /** The context (and the prompt) read once, in time linear in their length. */
  static final class Context {
    private final Map<String, Entry> index = new HashMap<>();

    /**
     * Ordered pairs of words at most {@value #WINDOW} apart in one sentence, as (first id, second
     * id).
     */
    private final Set<Long> pairs = new HashSet<>();

    private final Set<String> promptWords = new HashSet<>();
    private final Set<String> acronyms;
    private final String context;
    private final String prompt;

    /**
     * The context's and the prompt's words, lowercased, accents folded, not normalised further (for
     * names); read when first needed.
     */
    private @Nullable Set<String> tokens;

    private final java.util.BitSet negatedAt = new java.util.BitSet();

    /** The context's words by position (null between sentences). */
    private final List<@Nullable String> sequence = new ArrayList<>();

    private final boolean[] sentenceNegates;

    /** log(1 + the context's content words) / log(1000). */
    final double length;

    Context(String context, String prompt) {
      List<String> sentences = Lexicon.sentences(context);
      sentenceNegates = new boolean[sentences.size() + 1];
      int position = 0;
      int words = 0;
      for (int s = 0; s < sentences.size(); s++) {
        List<Lexicon.Word> polar = Lexicon.polarWordsScaled(sentences.get(s));
        int[] ids = new int[polar.size()];
        for (int i = 0; i < polar.size(); i++) {
          Lexicon.Word w = polar.get(i);
          Entry entry = index.computeIfAbsent(w.text(), k -> new Entry(index.size()));
          entry.occurs(position, s);
          while (sequence.size() < position) {
            sequence.add(null);
          }
          sequence.add(w.text());
          ids[i] = entry.id;
          if (w.negated()) {
            negatedAt.set(position);
            sentenceNegates[s] = true;
          }
          for (int j = Math.max(0, i - WINDOW); j < i; j++) {
            pairs.add(pair(ids[j], ids[i]));
          }
          position++;
        }
        words += polar.size();
        position += NEAR; // sentences apart are not near
      }
      length = Math.log1p(words) / Math.log(1000);
      promptWords.addAll(Lexicon.contentWords(prompt));
      acronyms = Lexicon.acronyms(context).keySet();
      this.context = context;
      this.prompt = prompt;
    }

    private boolean hasToken(String folded) {
      if (tokens == null) {
        tokens = new HashSet<>();
        addTokens(tokens, Lexicon.fold(context));
        addTokens(tokens, Lexicon.fold(prompt));
      }
      return tokens.contains(folded);
    }

    private static void addTokens(Set<String> tokens, String folded) {
      RougeL.runs(folded, tokens, Integer.MAX_VALUE);
    }

    private static long pair(int first, int second) {
      return (long) first << 32 | second;
    }

    private boolean known(String word) {
      return index.containsKey(word) || promptWords.contains(word) || acronyms.contains(word);
    }

    private boolean passageNegates(int p) {
      return sentenceNegates[p] || sentenceNegates[p + 1];
    }
  }

  /**
   * The features of one answer sentence, in the order of {@link #FEATURES}, in time linear in its
   * length.
   */
  static double[] features(Context context, String sentence) {
    List<Lexicon.Word> words = Lexicon.polarWordsScaled(sentence);
    int n = words.size();
    @Nullable Entry[] entries = new Entry[n];
    int known = 0;
    int inContext = 0;
    int novel = 0;
    int novelFigures = 0;
    int antonyms = 0;
    Map<Integer, Integer> hits = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      String t = words.get(i).text();
      entries[i] = context.index.get(t);
      boolean isKnown = entries[i] != null || context.known(t);
      known += isKnown ? 1 : 0;
      inContext += entries[i] != null ? 1 : 0;
      if (!isKnown) {
        novel++;
        if (Character.isDigit(t.charAt(0))) {
          novelFigures++;
        }
        for (String antonym : Lexicon.antonyms(t)) {
          if (context.index.containsKey(antonym)) {
            antonyms++;
            break;
          }
        }
      }
      if (seen.add(t) && entries[i] != null && entries[i].sentenceCount <= MAX_POSTINGS) {
        // a passage is two consecutive sentences: the word's sentence s is in passages s - 1 and s
        int last = Integer.MIN_VALUE;
        for (int k = 0; k < entries[i].sentenceCount; k++) {
          int s = entries[i].sentences[k];
          for (int p = Math.max(0, s - 1); p <= s; p++) {
            if (p > last) {
              hits.merge(p, 1, Integer::sum);
              last = p;
            }
          }
        }
      }
    }
    int pairsFound = 0;
    for (int i = 1; i < n; i++) {
      Entry previous = entries[i - 1];
      Entry current = entries[i];
      if (previous != null
          && current != null
          && context.pairs.contains(Context.pair(previous.id, current.id))) {
        pairsFound++;
      }
    }
    int inContextWords = 0;
    int misplaced = 0;
    int misplacedFigures = 0;
    int flips = 0;
    for (int i = 0; i < n; i++) {
      Entry here = entries[i];
      if (here == null) {
        continue;
      }
      inContextWords++;
      Entry before = i > 0 ? entries[i - 1] : null;
      Entry after = i + 1 < n ? entries[i + 1] : null;
      if (before == null && after == null) {
        continue;
      }
      // the occurrences of the word near a neighbour of it in the sentence: where the context says
      // the same thing
      boolean near = false;
      boolean samePolarity = false;
      for (int k = 0; k < here.count; k++) {
        int x = here.positions[k];
        if (near(x, before) || near(x, after)) {
          near = true;
          samePolarity |= context.negatedAt.get(x) == words.get(i).negated();
        }
      }
      if (!near) {
        misplaced++;
        if (Character.isDigit(words.get(i).text().charAt(0))) {
          misplacedFigures++;
        }
      } else if (!samePolarity) {
        flips++;
      }
    }
    int best = 0;
    int bestPassage = -1;
    for (Map.Entry<Integer, Integer> hit : hits.entrySet()) {
      // the lowest-numbered passage among equals, so the result does not depend on the map's order
      if (hit.getValue() > best || hit.getValue() == best && hit.getKey() < bestPassage) {
        best = hit.getValue();
        bestPassage = hit.getKey();
      }
    }
    boolean negationMismatch = false;
    int passageAntonyms = 0;
    if (bestPassage >= 0 && 2 * best >= seen.size()) {
      negationMismatch = negates(words) != context.passageNegates(bestPassage);
      for (int i = 0; i < n; i++) {
        if (entries[i] != null && entries[i].inPassage(bestPassage)) {
          continue;
        }
        for (String antonym : Lexicon.antonyms(words.get(i).text())) {
          Entry opposite = context.index.get(antonym);
          if (opposite != null && opposite.inPassage(bestPassage)) {
            passageAntonyms++;
            break;
          }
        }
      }
    }
    boolean claimNegates = negates(words);
    boolean passageNegates = bestPassage >= 0 && context.passageNegates(bestPassage);
    int tail = 0;
    int tailFound = 0;
    for (int i = (n + 1) / 2; i < n; i++) {
      tail++;
      if (bestPassage >= 0 && entries[i] != null && entries[i].inPassage(bestPassage)) {
        tailFound++;
      }
    }
    int swappedAntonyms = 0;
    int swappedWords = 0;
    for (int i = 1; i + 1 < n; i++) {
      Entry previous = entries[i - 1];
      Entry current = entries[i];
      Entry next = entries[i + 1];
      if (previous != null
          && next != null
          && context.pairs.contains(Context.pair(previous.id, next.id))
          && (current == null
              || !context.pairs.contains(Context.pair(previous.id, current.id))
                  && !context.pairs.contains(Context.pair(current.id, next.id)))) {
        switch (slot(context, previous, next, words.get(i).text())) {
          case ANTONYM -> swappedAntonyms++;
          case OTHER -> swappedWords++;
          case INSERTED -> {}
        }
      }
    }
    double[] f = new double[FEATURES.size()];
    f[0] = n == 0 ? 1 : (double) known / n;
    f[1] = n == 0 ? 1 : (double) inContext / n;
    f[2] = Math.log1p(novel);
    f[3] = n < 2 ? f[1] : (double) pairsFound / (n - 1);
    f[4] = seen.isEmpty() ? 1 : (double) best / seen.size();
    f[5] = novelFigures;
    f[6] = novelNames(context, sentence);
    f[7] = flips;
    f[8] = antonyms;
    f[9] = FIRST_PERSON.matcher(sentence).find() ? 1 : 0;
    f[10] = sentence.strip().endsWith("?") ? 1 : 0;
    f[11] = Math.log1p(n);
    f[12] = inContextWords == 0 ? 0 : (double) misplaced / inContextWords;
    f[13] = misplacedFigures;
    f[14] = negationMismatch ? 1 : 0;
    f[15] = passageAntonyms;
    f[16] = context.length;
    f[17] = f[2] * context.length;
    f[18] = f[1] * context.length;
    f[19] = f[3] * context.length;
    f[20] = f[4] * context.length;
    f[21] = claimNegates && !passageNegates ? 1 : 0;
    f[22] = !claimNegates && passageNegates ? 1 : 0;
    f[23] = tail == 0 ? 0 : (double) tailFound / tail;
    f[24] = swappedAntonyms;
    f[25] = swappedWords;
    return f;
  }

  /** What the context has in a sentence word's slot (see "swapped_antonyms"). */
  private enum Slot {
    ANTONYM,
    OTHER,
    /** The neighbours are adjacent in the context: the word was added, not swapped. */
    INSERTED
  }

  /**
   * What the context has between occurrences of {@code previous} and {@code next} at most {@value
   * #WINDOW} words apart, in place of {@code word} (the occurrences looked at are bounded).
   */
  private static Slot slot(Context context, Entry previous, Entry next, String word) {
    boolean adjacent = false;
    for (int a = 0; a < previous.count; a++) {
      int x = previous.positions[a];
      for (int b = 0; b < next.count; b++) {
        int y = next.positions[b];
        if (y <= x || y - x > WINDOW) {
          continue;
        }
        adjacent |= y - x == 1;
        for (int z = x + 1; z < y; z++) {
          String replaced = context.sequence.get(z);
          if (replaced != null && Thesaurus.antonyms(word, replaced)) {
            return Slot.ANTONYM;
          }
        }
      }
    }
    return adjacent ? Slot.INSERTED : Slot.OTHER;
  }

  private static boolean negates(List<Lexicon.Word> words) {
    for (Lexicon.Word w : words) {
      if (w.negated()) {
        return true;
      }
    }
    return false;
  }

  private static boolean near(int x, @Nullable Entry other) {
    if (other != null) {
      for (int k = 0; k < other.count; k++) {
        int y = other.positions[k];
        if (Math.abs(x - y) <= NEAR && x != y) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Capitalised words of the sentence the context and prompt do not have (the first word too,
   * unless it is a stopword).
   */
  private static int novelNames(Context context, String sentence) {
    int count = 0;
    Matcher m = CAPITALISED.matcher(sentence);
    while (m.find()) {
      String word = Lexicon.fold(m.group());
      List<String> content = word.length() < 2 ? List.of() : Lexicon.contentWords(word);
      if (content.isEmpty() || content.size() == 1 && context.index.containsKey(content.get(0))) {
        continue; // a stopword, or a word the context has (the same word normalised)
      }
      if (!context.hasToken(word)) {
        count++;
      }
    }
    return count;
  }

  /** The model's probability that the context supports the sentence. */
  static double support(Context context, String sentence) {
    return model().probability(features(context, sentence));
  }
}

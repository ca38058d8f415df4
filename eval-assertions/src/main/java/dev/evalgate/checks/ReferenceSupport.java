package dev.evalgate.checks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How strongly an answer supports one reference answer: a probability from a logistic model ({@code
 * models/reference-agreement.tsv}) over lexical features of the pair, trained on the dev splits of
 * two human-labelled QA corpora (see CHECKS.md). The features are below, in {@link #FEATURES};
 * "key" words are the reference's content words that are not given, where the given words are those
 * of the question (the prompt) and, when the case also has incorrect references, those shared by a
 * correct and an incorrect one: neither tells the two apart.
 *
 * <p>Two rules sit on top of the model, because the QA corpora it learned from seldom show them: an
 * answer that contradicts the reference (a leading "Yes"/"No" against the other, a word of it
 * negated or replaced by its antonym, "smaller" for "bigger") supports it at most {@value
 * #CONTRADICTED}; a leading "Yes"/"No" that agrees with the reference's, with no contradiction,
 * supports it at least {@value #AGREED}.
 */
final class ReferenceSupport {
  static final List<String> FEATURES =
      List.of(
          "recall", // weighted share of the reference's words in the answer (figures x2, given
          // words x0.25)
          "recall_flat", // unweighted share
          "all_key_words", // 1 when every key word is in the answer
          "first_sentence_recall", // weighted share found in the answer's first sentence
          "contained", // the reference, normalised, appears as a phrase in the answer
          "trigrams", // share of the reference's character trigrams in the answer (spellings,
          // "O'Toole"/"o toole")
          "fuzzy_recall", // recall with near spellings ("Shostakovitch"/"Shostakovich") counting
          // 0.8
          "last_word", // the reference's last word is in the answer (a surname)
          "bigrams", // share of the reference's adjacent word pairs adjacent in the answer, in
          // order
          "figure_match", // the reference has a figure and the answer has it
          "figure_conflict", // the reference has figures, the answer none of them but others
          "contradiction", // a word of the reference negated or replaced by its antonym, or Yes
          // against No
          "answer_length", // log(1 + the answer's content words)
          "date_conflict", // the answer names another date in the year of a date of one of the
          // case's references (on that side), and none that agrees with it
          "date_year_only", // the reference gives a date with its month, the answer only its year
          "head_contained", // the reference's head (before a comma or parenthesis: "ABBA (he
          // directed ...)") appears as a phrase in the answer
          "precision"); // share of the answer's own words (not given) that the reference has: an
  // answer that names something else beside the reference's words has a low one

  static final double CONTRADICTED = 0.05;
  static final double AGREED = 0.9;

  /** An answer of at most this many content words, its "Yes"/"No" included, is a bare yes or no. */
  static final int BARE = 2;

  private static final String MODEL = "dev/evalgate/checks/models/reference-agreement.tsv";
  private static final double GIVEN_WEIGHT = 0.25;
  private static final int MAX_REFERENCE_WORDS = 64;

  /**
   * Words of the answer compared for a near spelling, per first letter: enough for any real answer,
   * and a bound, so that a long answer costs each reference word a fixed amount, not its length.
   */
  private static final int MAX_SPELLINGS = 256;

  /** A citation number glued to a word, as one search assistant writes them ("Greene1."). */
  private static final Pattern GLUED_CITATION =
      Pattern.compile("(?<=\\p{Ll}{3})\\d{1,2}(?=[\\s.,;:!?)]|$)");

  /**
   * A figure glued to the word before it and followed by a lowercase word, which a citation never
   * is ("has3 lines", "about24 hours").
   */
  private static final Pattern GLUED_FIGURE =
      Pattern.compile("(?<=\\p{Ll}{3})(?=\\d{1,2}\\s+\\p{Ll})");

  /**
   * A citation number glued to a year that ends a clause ("in 19911.", "December 9, 20171.", as one
   * search assistant writes them): a figure of five or six digits whose first four are a year from
   * 1000 to 2099 and whose rest does not start with 0 (no citation does, so "a crowd of 12000." is
   * left alone).
   */
  private static final Pattern GLUED_YEAR_CITATION =
      Pattern.compile("(?<![\\d.,])((?:1\\d|20)\\d{2})[1-9]\\d?(?=[.,;:!?)](?!\\d)|$)");

  /** Two words glued without a space ("actressLizzy", "onNovember"). */
  private static final Pattern GLUED_WORDS = Pattern.compile("(?<=\\p{Ll}{2})(?=\\p{Lu}\\p{Ll})");

  private static final Pattern APPROXIMATELY =
      Pattern.compile(
          "\\b(?:around|about|roughly|approximately|approx|nearly|almost|circa|some)\\b|~");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private ReferenceSupport() {}

  /** The model, read once on first use. */
  private static final class Holder {
    static final LogisticModel MODEL_INSTANCE = LogisticModel.load(MODEL, FEATURES);
  }

  static LogisticModel model() {
    return Holder.MODEL_INSTANCE;
  }

  /** The answer read once, for comparison with every reference. */
  static final class Answer {
    final Set<String> positive = new HashSet<>();
    final Set<String> negative = new HashSet<>();
    final Set<String> firstPositive = new HashSet<>();
    final Set<String> firstNegative = new HashSet<>();
    final Set<String> bigrams = new HashSet<>();
    final Set<String> trigrams = new HashSet<>();

    /**
     * The answer's distinct words of four letters or more by their first letter, at most {@value
     * #MAX_SPELLINGS} each.
     */
    final Map<Character, Set<String>> byInitial = new HashMap<>();

    final String phrase;
    final List<DateMentions.Date> dates;
    final boolean hasFigure;
    final int words;
    final String lead;
    final boolean approximate;

    Answer(String text) {
      String clean = clean(text);
      approximate = APPROXIMATELY.matcher(Lexicon.fold(clean)).find();
      List<Lexicon.Word> all = words(clean);
      words = all.size();
      String previous = null;
      boolean figure = false;
      for (Lexicon.Word w : all) {
        (w.negated() ? negative : positive).add(w.text());
        String token = token(w);
        if (previous != null) {
          bigrams.add(previous + ' ' + token);
        }
        previous = token;
        figure |= !w.negated() && Character.isDigit(w.text().charAt(0));
        if (!w.negated() && w.text().length() >= 4) {
          Set<String> same = byInitial.computeIfAbsent(w.text().charAt(0), c -> new HashSet<>());
          if (same.size() < MAX_SPELLINGS) {
            same.add(w.text());
          }
        }
      }
      hasFigure = figure;
      lead = all.isEmpty() ? "" : lead(all.get(0));
      List<String> sentences = Lexicon.sentences(clean);
      if (sentences.size() > 1) {
        for (Lexicon.Word w : words(sentences.get(0))) {
          (w.negated() ? firstNegative : firstPositive).add(w.text());
        }
      } else {
        firstPositive.addAll(positive);
        firstNegative.addAll(negative);
      }
      phrase = ' ' + normalised(clean) + ' ';
      dates = DateMentions.of(clean);
      String letters = NOT_WORD.matcher(Lexicon.fold(clean)).replaceAll("");
      for (int i = 0; i + 3 <= letters.length(); i++) {
        trigrams.add(letters.substring(i, i + 3));
      }
    }

    boolean has(Lexicon.Word w) {
      return (w.negated() ? negative : positive).contains(w.text())
          || approximate && !w.negated() && Character.isDigit(w.text().charAt(0)) && near(w.text());
    }

    /**
     * Whether the answer has a figure within 1 % of {@code figure} ("around 18,900" for 18,940).
     */
    private boolean near(String figure) {
      double value = parse(figure);
      if (Double.isNaN(value) || value == 0) {
        return false;
      }
      for (String w : positive) {
        if (Character.isDigit(w.charAt(0))) {
          double v = parse(w);
          if (!Double.isNaN(v) && Math.abs(v - value) / Math.abs(value) <= 0.01) {
            return true;
          }
        }
      }
      return false;
    }

    boolean hasOpposite(Lexicon.Word w) {
      if (w.text().equals("#yes") || w.text().equals("#no")) {
        return lead.equals(w.text().equals("#yes") ? "#no" : "#yes");
      }
      if ((w.negated() ? positive : negative).contains(w.text())) {
        return true;
      }
      if (!w.negated()) {
        return hasAntonym(w.text()) || hasAntonym(doubled(w.text()));
      }
      return false;
    }

    private boolean hasAntonym(String canonical) {
      for (String antonym : Lexicon.antonyms(canonical)) {
        if (positive.contains(key(antonym))) {
          return true;
        }
      }
      return false;
    }

    private boolean fuzzy(String word) {
      if (word.length() < 5) {
        return false;
      }
      Set<String> candidates = byInitial.get(word.charAt(0));
      if (candidates == null) {
        return false;
      }
      for (String candidate : candidates) {
        if (Math.abs(candidate.length() - word.length()) <= 3 && dice(candidate, word) >= 0.6) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * One answer compared with one reference: the model's features, whether the answer contradicts a
   * key (not given) word of it, and the reference's leading "Yes"/"No" ({@code ""} when none).
   */
  record Comparison(double[] features, boolean contradictsKeyWord, String lead) {}

  /**
   * The comparisons of an answer with each of one side's references, in order: a date conflict with
   * any of them counts for all (an answer that names another day of the year of "March 30, 2006"
   * does not agree with the reference "2006" of the same case either), unless the answer's date
   * agrees with one of them; so does a year the answer gives when none of the side's references has
   * it ("18 January 1850" for "18 January 1788").
   */
  static List<Comparison> compareAll(Answer answer, List<String> references, Set<String> given) {
    List<List<DateMentions.Date>> dates = new ArrayList<>(references.size());
    boolean dateConflict = false;
    boolean agrees = false;
    for (String reference : references) {
      List<DateMentions.Date> these = DateMentions.of(clean(reference));
      dates.add(these);
      dateConflict |= DateMentions.conflicts(answer.dates, these);
      agrees |= DateMentions.agrees(answer.dates, these);
    }
    // references that give several dates ("15 August 1947", "22 July 1947") accept each
    dateConflict &= !agrees;
    List<Comparison> all = new ArrayList<>(references.size());
    for (int i = 0; i < references.size(); i++) {
      all.add(compare(answer, references.get(i), given, dateConflict, dates.get(i)));
    }
    return all;
  }

  static Comparison compare(
      Answer answer,
      String reference,
      Set<String> given,
      boolean dateConflict,
      List<DateMentions.Date> dates) {
    String clean = clean(reference);
    List<Lexicon.Word> words = words(clean);
    if (words.size() > MAX_REFERENCE_WORDS) {
      words = words.subList(0, MAX_REFERENCE_WORDS);
    }
    double[] f = new double[FEATURES.size()];
    if (words.isEmpty()) {
      // a reference of stopwords only ("Of", "The Who"): compare the text itself
      String phrase = normalised(clean);
      f[4] = !phrase.isEmpty() && answer.phrase.contains(' ' + phrase + ' ') ? 1 : 0;
      f[5] = trigrams(answer, clean);
      f[12] = Math.log1p(answer.words);
      f[13] = dateConflict ? 1 : 0;
      f[15] = f[4];
      return new Comparison(f, false, "");
    }
    boolean givenOnly = true;
    Set<String> referencePositive = new HashSet<>();
    Set<String> referenceNegative = new HashSet<>();
    for (Lexicon.Word w : words) {
      givenOnly &= given.contains(w.text());
      (w.negated() ? referenceNegative : referencePositive).add(w.text());
    }
    double found = 0;
    double total = 0;
    double first = 0;
    double fuzzy = 0;
    int foundFlat = 0;
    boolean allKey = true;
    boolean contradiction = false;
    boolean keyContradiction = false;
    int figures = 0;
    int figuresFound = 0;
    String previous = null;
    int pairs = 0;
    int pairsFound = 0;
    for (Lexicon.Word w : words) {
      boolean isGiven = !givenOnly && given.contains(w.text());
      boolean figure = Character.isDigit(w.text().charAt(0));
      double weight = (figure ? 2 : 1) * (isGiven ? GIVEN_WEIGHT : 1);
      boolean present = answer.has(w);
      total += weight;
      if (present) {
        found += weight;
        foundFlat++;
        fuzzy++;
      } else {
        allKey &= isGiven;
        if (!w.negated() && answer.fuzzy(w.text())) {
          fuzzy += 0.8;
        }
        // a word the reference itself uses both ways ("take it ...; never take two") contradicts
        // nothing
        if (!(w.negated() ? referencePositive : referenceNegative).contains(w.text())
            && answer.hasOpposite(w)) {
          contradiction = true;
          keyContradiction |= !givenOnly && !isGiven;
        }
      }
      if ((w.negated() ? answer.firstNegative : answer.firstPositive).contains(w.text())) {
        first += weight;
      }
      if (figure && !w.negated()) {
        figures++;
        figuresFound += present ? 1 : 0;
      }
      String token = token(w);
      if (previous != null) {
        pairs++;
        pairsFound += answer.bigrams.contains(previous + ' ' + token) ? 1 : 0;
      }
      previous = token;
    }
    f[0] = found / total;
    f[1] = (double) foundFlat / words.size();
    f[2] = allKey ? 1 : 0;
    f[3] = first / total;
    String phrase = normalised(clean);
    f[4] = !phrase.isEmpty() && answer.phrase.contains(' ' + phrase + ' ') ? 1 : 0;
    f[5] = trigrams(answer, clean);
    f[6] = fuzzy / words.size();
    Lexicon.Word last = words.get(words.size() - 1);
    f[7] = answer.has(last) ? 1 : 0;
    f[8] = pairs == 0 ? f[1] : (double) pairsFound / pairs;
    f[9] = figuresFound > 0 ? 1 : 0;
    f[10] = figures > 0 && figuresFound == 0 && answer.hasFigure ? 1 : 0;
    f[11] = contradiction ? 1 : 0;
    f[12] = Math.log1p(answer.words);
    f[13] = dateConflict ? 1 : 0;
    f[14] = yearOnly(answer, dates) ? 1 : 0;
    f[15] = head(answer, clean, f[4]);
    f[16] = precision(answer, referencePositive, given);
    return new Comparison(f, keyContradiction, lead(words.get(0)));
  }

  /**
   * The share of the answer's words that are not given (the question's) and not negated which the
   * reference has; 0 for an answer without such words.
   */
  private static double precision(Answer answer, Set<String> reference, Set<String> given) {
    int own = 0;
    int shared = 0;
    for (String w : answer.positive) {
      if (!given.contains(w)) {
        own++;
        shared += reference.contains(w) ? 1 : 0;
      }
    }
    return own == 0 ? 0 : (double) shared / own;
  }

  /**
   * Whether the reference states a date with its month and the answer gives only its year: no date
   * of that year, agreeing or not ("established in 2002" for "November 25, 2002").
   */
  private static boolean yearOnly(Answer answer, List<DateMentions.Date> reference) {
    for (DateMentions.Date date : reference) {
      String year = Integer.toString(date.year());
      if (answer.positive.contains(year)
          && answer.dates.stream().noneMatch(a -> a.year() == date.year())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the reference's head, the words before its first comma or parenthesis when more follows
   * ("ABBA" of "ABBA (he directed almost all of ABBA's promotional films)", "Secretariat" of
   * "Secretariat, who in 1973 ..."), appears as a phrase in the answer; for a reference without
   * one, whether the whole does ({@code contained}).
   */
  private static double head(Answer answer, String reference, double contained) {
    int cut = -1;
    for (int i = 0; i < reference.length(); i++) {
      char c = reference.charAt(i);
      if (c == ',' || c == '(') {
        cut = i;
        break;
      }
    }
    if (cut <= 0) {
      return contained;
    }
    String head = normalised(reference.substring(0, cut));
    if (head.isEmpty() || normalised(reference.substring(cut)).isEmpty()) {
      return contained;
    }
    return answer.phrase.contains(' ' + head + ' ') ? 1 : 0;
  }

  private static double support(Answer answer, Comparison c) {
    double p = model().probability(c.features());
    if (c.features()[11] > 0) {
      return Math.min(p, CONTRADICTED);
    }
    if (answer.words <= BARE && !answer.lead.isEmpty() && answer.lead.equals(c.lead())) {
      return Math.max(p, AGREED);
    }
    return p;
  }

  /**
   * The reference an answer supports most, how much, the share of its word pairs the answer has in
   * the same order (what tells "A is bigger than B" from "B is bigger than A" when both are fully
   * supported), and whether the answer contradicts a key word of any of the references.
   */
  record Best(String reference, double support, double order, boolean contradicts) {}

  static Best best(Answer answer, List<String> references, Set<String> given) {
    Best best = null;
    boolean contradicts = false;
    List<Comparison> all = compareAll(answer, references, given);
    for (int i = 0; i < references.size(); i++) {
      String reference = references.get(i);
      Comparison c = all.get(i);
      double s = support(answer, c);
      contradicts |= c.contradictsKeyWord();
      if (best == null || s > best.support || s == best.support && c.features()[8] > best.order) {
        best = new Best(reference, s, c.features()[8], false);
      }
    }
    return best == null
        ? new Best("", 0, 0, false)
        : new Best(best.reference, best.support, best.order, contradicts);
  }

  /**
   * Given words: the prompt's, and, with incorrect references, the words a correct and an incorrect
   * one share.
   */
  static Set<String> given(String prompt, List<String> correct, List<String> incorrect) {
    Set<String> given = new HashSet<>();
    for (String w : Lexicon.contentWords(prompt)) {
      given.add(key(w));
    }
    if (!incorrect.isEmpty()) {
      Set<String> good = new HashSet<>();
      for (String r : correct) {
        for (String w : Lexicon.contentWords(clean(r))) {
          good.add(key(w));
        }
      }
      for (String r : incorrect) {
        for (String w : Lexicon.contentWords(clean(r))) {
          if (good.contains(key(w))) {
            given.add(key(w));
          }
        }
      }
    }
    return given;
  }

  /**
   * The answer's or reference's words as this check compares them: {@link Lexicon}'s canonical
   * words, each as its {@link #key}.
   */
  static List<Lexicon.Word> words(String text) {
    List<Lexicon.Word> words = new ArrayList<>();
    for (Lexicon.Word w : Lexicon.polarWords(text)) {
      words.add(new Lexicon.Word(key(w.text()), w.negated()));
    }
    return words;
  }

  /**
   * A canonical word with a doubled last letter written once: the Lexicon's stemmer writes once the
   * doubled letter left by a suffix ("cells" is "cel", "running" "run") but not that of a word
   * without one ("cell"), so "cells" and "the cell" would not match.
   */
  static String key(String canonical) {
    int n = canonical.length();
    if (n > 3
        && canonical.charAt(n - 1) == canonical.charAt(n - 2)
        && Character.isLetter(canonical.charAt(n - 1))) {
      return canonical.substring(0, n - 1);
    }
    return canonical;
  }

  /**
   * The keyed word with its last letter doubled, as the Lexicon may have written it ("smal" is
   * "small"), for its antonyms.
   */
  private static String doubled(String keyed) {
    char last = keyed.charAt(keyed.length() - 1);
    return Character.isLetter(last) ? keyed + last : keyed;
  }

  static String clean(String text) {
    String t = Lexicon.stripCitations(text);
    t = GLUED_FIGURE.matcher(t).replaceAll(" ");
    t = GLUED_CITATION.matcher(t).replaceAll("");
    t = GLUED_YEAR_CITATION.matcher(t).replaceAll("$1");
    return GLUED_WORDS.matcher(t).replaceAll(" ");
  }

  private static String lead(Lexicon.Word first) {
    return first.text().equals("#yes") || first.text().equals("#no") ? first.text() : "";
  }

  private static String token(Lexicon.Word w) {
    return w.negated() ? "!" + w.text() : w.text();
  }

  /**
   * Lowercase words separated by single spaces, without articles: the text compared as a phrase.
   */
  static String normalised(String text) {
    StringBuilder out = new StringBuilder();
    for (String word : NOT_WORD.split(Lexicon.fold(text))) {
      if (word.isEmpty() || word.equals("the") || word.equals("a") || word.equals("an")) {
        continue;
      }
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(word);
    }
    return out.toString();
  }

  private static double trigrams(Answer answer, String reference) {
    String letters = NOT_WORD.matcher(Lexicon.fold(reference)).replaceAll("");
    if (letters.length() < 3) {
      return !letters.isEmpty() && answer.phrase.replace(" ", "").contains(letters) ? 1 : 0;
    }
    int found = 0;
    int total = 0;
    for (int i = 0; i + 3 <= letters.length() && total < 4 * MAX_REFERENCE_WORDS; i++) {
      total++;
      found += answer.trigrams.contains(letters.substring(i, i + 3)) ? 1 : 0;
    }
    return (double) found / total;
  }

  private static double parse(String figure) {
    try {
      return Double.parseDouble(figure);
    } catch (NumberFormatException e) {
      return Double.NaN; // "2nd" and the like
    }
  }

  /** Dice coefficient of the letter pairs of two words. */
  private static double dice(String a, String b) {
    Set<String> x = new HashSet<>();
    for (int i = 0; i + 2 <= a.length(); i++) {
      x.add(a.substring(i, i + 2));
    }
    int pairs = 0;
    int shared = 0;
    Set<String> seen = new HashSet<>();
    for (int i = 0; i + 2 <= b.length(); i++) {
      String pair = b.substring(i, i + 2);
      if (seen.add(pair)) {
        pairs++;
        shared += x.contains(pair) ? 1 : 0;
      }
    }
    return 2.0 * shared / (x.size() + pairs);
  }
}

package dev.evalgate.checks;

import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Specifics in the answer (numbers, amounts, percentages, dates, URLs, e-mail addresses, quoted
 * strings and capitalised names) that appear neither in the context nor in the prompt: the usual
 * shape of an invented fact. Passes when there are at most {@code max}.
 *
 * <p>Numbers are compared as numbers, not as text: "1,200" is 1200, "3.10" is 3.1, "twenty" is 20,
 * and a number inside another ("30" in "2030") does not count. Single digits count only with a
 * currency, "%" or a unit ("8 °C", "5 mg"). A number after "around", "about", "roughly" or
 * "approximately" may round a known one (within 1 %). Numeric dates ("02/05/1891", "1891-05-02")
 * match the same date written out in the context, in either day/month order.
 */
final class SpecificsCheck extends BaseCheck {
  private static final Pattern URL = Pattern.compile("https?://[^\\s)\\]>\"']+");

  /**
   * Starts only where a run of address characters starts: tried from inside a long run without an
   * '@', the run was scanned again from every one of its characters (quadratic).
   */
  private static final Pattern EMAIL =
      Pattern.compile("(?<![\\w.+-])[\\w.+-]++@[\\w-]+(?:\\.[\\w-]+)+");

  private static final Pattern NUMERIC_DATE =
      Pattern.compile("\\b(?:\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}/\\d{1,2}/\\d{2,4})\\b");
  private static final Pattern NUMBER = Pattern.compile("[$€£]?\\d(?:[\\d,]*\\d)?(?:\\.\\d+)?%?");
  private static final Pattern QUOTED = Pattern.compile("[\"“]([^\"”]{3,80})[\"”]");
  private static final Pattern NAME =
      Pattern.compile(
          "\\b(\\p{Lu}\\p{Ll}+(?:\\p{Lu}\\p{Ll}+)?(?:\\s+\\p{Lu}\\p{Ll}+(?:\\p{Lu}\\p{Ll}+)?)*)\\b");
  private static final Pattern UNIT =
      Pattern.compile(
          "\\s?(?:°|%|mm|cm|km|kg|mg|ml|µg|mcg|g|m|l|v|w|nm|hz|kw|kwh|mah)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * How far before a number an approximating word is looked for: the longest word and some space.
   * Looking through everything before each number made long answers quadratic.
   */
  private static final int APPROXIMATING_REACH = 48;

  private static final Pattern APPROXIMATELY =
      Pattern.compile(
          "(?:around|about|roughly|approximately|approx\\.|nearly|almost|some|circa|~)\\s*[$€£]?$",
          Pattern.CASE_INSENSITIVE);

  /**
   * Capitalised words that are not specifics: units, the pronoun, weekdays are not names of things
   * invented.
   */
  private static final Set<String> COMMON =
      Set.of("celsius", "fahrenheit", "i", "ok", "note", "yes", "no");

  private final int max;

  SpecificsCheck(String name, int max) {
    super(name, "hallucination");
    this.max = max;
  }

  @Override
  public CheckResult evaluate(Exchange exchange) {
    String answer = Lexicon.stripCitations(JsonExtractor.text(exchange.output()));
    String knownText =
        (exchange.evalCase().context() == null ? "" : exchange.evalCase().context())
            + "\n"
            + exchange.promptText();
    String known = Lexicon.fold(knownText);
    Set<String> unsupported = new LinkedHashSet<>();
    String rest = answer;
    for (Pattern pattern : new Pattern[] {URL, EMAIL}) {
      Matcher m = pattern.matcher(rest);
      while (m.find()) {
        if (!known.contains(Lexicon.fold(m.group()))) {
          unsupported.add(m.group());
        }
      }
      rest = pattern.matcher(rest).replaceAll(" ");
    }
    Matcher q = QUOTED.matcher(rest);
    while (q.find()) {
      if (!known.contains(Lexicon.fold(q.group(1)))) {
        unsupported.add("\"" + q.group(1) + "\"");
      }
    }
    Matcher d = NUMERIC_DATE.matcher(rest);
    if (d.find()) {
      Set<String> knownDates = Lexicon.dates(known);
      do {
        Set<String> readings = Lexicon.dates(d.group());
        readings.retainAll(knownDates);
        if (readings.isEmpty()) {
          unsupported.add(d.group());
        }
      } while (d.find());
      rest = NUMERIC_DATE.matcher(rest).replaceAll(" ");
    }
    Set<String> knownNumbers = null;
    Matcher n = NUMBER.matcher(rest);
    while (n.find()) {
      String token = n.group();
      String digits = Lexicon.number(token.replaceAll("[$€£%]", ""));
      boolean marked = token.contains("%") || token.matches("[$€£].*");
      // a region, not a copy of the rest of the answer per number: that made long answers quadratic
      if (digits.replace(".", "").length() == 1
          && !marked
          && !UNIT.matcher(rest).region(n.end(), rest.length()).lookingAt()) {
        continue;
      }
      if (n.start() > 0 && Character.isLetter(rest.charAt(n.start() - 1))) {
        continue; // part of a code such as "K-153" handled as a name, or "X200"
      }
      if (knownNumbers == null) {
        knownNumbers = numbers(knownText);
      }
      if (!knownNumbers.contains(digits)
          && !rounds(
              rest.substring(Math.max(0, n.start() - APPROXIMATING_REACH), n.start()),
              digits,
              knownNumbers)) {
        unsupported.add(token);
      }
    }
    Words words = null;
    Matcher c = NAME.matcher(rest);
    while (c.find()) {
      String name = c.group(1);
      if (sentenceStart(rest, c.start(1))) {
        // the first word of a sentence is capitalised anyway: it is a name only when no ordinary
        // word reads so
        int space = name.indexOf(' ');
        String first = space < 0 ? name : name.substring(0, space);
        if (words == null) {
          words = new Words(rest, known);
        }
        if (words.ordinaryOpener(first)) {
          if (space < 0) {
            continue;
          }
          name = name.substring(space + 1).strip();
        }
      }
      String folded = Lexicon.fold(name);
      boolean single = folded.indexOf(' ') < 0;
      if (!COMMON.contains(folded) && !(single ? wordIn(known, folded) : known.contains(folded))) {
        unsupported.add(name);
      }
    }
    List<String> listed = new ArrayList<>(unsupported);
    double score = listed.isEmpty() ? 1.0 : 1.0 / (1 + listed.size());
    if (listed.size() <= max) {
      return result(
          true,
          score,
          listed.isEmpty()
              ? "every specific in the answer appears in the context or prompt"
              : listed.size()
                  + " unsupported specifics (at most "
                  + max
                  + " allowed): "
                  + String.join(", ", listed),
          Map.of());
    }
    return result(
        false,
        score,
        listed.size()
            + " specifics appear neither in the context nor in the prompt: "
            + String.join(", ", listed.stream().limit(8).toList()),
        Map.of("specifics.unsupported", String.valueOf(listed.size())));
  }

  /**
   * The words an answer writes in lower case and the words of the context and prompt, read once per
   * answer.
   */
  private static final class Words {
    private final Set<String> lowerInAnswer = new HashSet<>();
    private final Set<String> known = new HashSet<>();

    Words(String answer, String knownFolded) {
      for (String w : WORD.split(answer)) {
        if (!w.isEmpty() && Character.isLowerCase(w.charAt(0))) {
          lowerInAnswer.add(Lexicon.fold(w));
        }
      }
      known.addAll(java.util.Arrays.asList(WORD.split(knownFolded)));
    }

    /**
     * Whether a capitalised word that opens a sentence reads as an ordinary word rather than a
     * name: a stopword or a sentence adverb ("However", "Yesterday"), a word with the ending of an
     * ordinary word ("Generally", "Shipping", "Customers"), a word the answer also writes in lower
     * case, or a plural whose singular the answer, the context or the prompt has ("Refunds" beside
     * "refund").
     */
    boolean ordinaryOpener(String word) {
      String folded = Lexicon.fold(word);
      if (Lexicon.contentWords(folded).isEmpty()
          || OPENERS.contains(folded)
          || ORDINARY_ENDING.matcher(folded).find()
          || lowerInAnswer.contains(folded)) {
        return true;
      }
      String singular =
          folded.endsWith("s") && folded.length() > 3
              ? folded.substring(0, folded.length() - 1)
              : null;
      return singular != null && (known.contains(singular) || lowerInAnswer.contains(singular));
    }
  }

  private static final Pattern WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  /**
   * Words that open sentences and are no names; the endings of {@link #ORDINARY_ENDING} and the
   * stopwords aside.
   */
  private static final Set<String> OPENERS =
      Set.of(
          "however",
          "moreover",
          "furthermore",
          "additionally",
          "therefore",
          "thus",
          "hence",
          "meanwhile",
          "instead",
          "otherwise",
          "besides",
          "still",
          "yet",
          "although",
          "though",
          "because",
          "unless",
          "whether",
          "yesterday",
          "today",
          "tomorrow",
          "tonight",
          "now",
          "first",
          "second",
          "third",
          "next",
          "last",
          "finally",
          "lastly",
          "overall",
          "again",
          "even",
          "many",
          "several",
          "every",
          "everyone",
          "everything",
          "something",
          "someone",
          "nothing",
          "none",
          "one",
          "two",
          "three",
          "yes",
          "no",
          "well",
          "sure",
          "thanks",
          "hello",
          "hi",
          "dear",
          "step",
          "please",
          "let",
          "make",
          "use",
          "take",
          "try",
          "check",
          "see",
          "keep",
          "go",
          "get",
          "add",
          "remember");

  /** Endings of adverbs, participles, abstract nouns and agent plurals, which names seldom have. */
  private static final Pattern ORDINARY_ENDING =
      Pattern.compile(
          "(?:ly|ing|ed|tion|tions|sion|sions|ment|ments|ness|ity|ities|ies|ers|ors|ous|ive|able|ible|ful|less)$");

  private static boolean sentenceStart(String text, int index) {
    int i = index - 1;
    while (i >= 0
        && (Character.isWhitespace(text.charAt(i)) || "\"'“(*-".indexOf(text.charAt(i)) >= 0)) {
      i--;
    }
    return i < 0 || ".!?:\n".indexOf(text.charAt(i)) >= 0;
  }

  private static boolean wordIn(String known, String word) {
    int from = 0;
    while (true) {
      int at = known.indexOf(word, from);
      if (at < 0) {
        return false;
      }
      if (at == 0 || !Character.isLetter(known.charAt(at - 1))) {
        return true;
      }
      from = at + 1;
    }
  }

  /** The numbers of a text in canonical form, written with digits or as words. */
  private static Set<String> numbers(String text) {
    Set<String> numbers = new HashSet<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      numbers.add(Lexicon.number(m.group().replaceAll("[$€£%]", "")));
    }
    for (String word : Lexicon.contentWords(text)) {
      if (!word.isEmpty() && Character.isDigit(word.charAt(0))) {
        numbers.add(word);
      }
    }
    return numbers;
  }

  /** Whether a number after an approximating word rounds a known number (within 1 %). */
  private static boolean rounds(String before, String digits, Set<String> known) {
    if (!APPROXIMATELY.matcher(before.stripTrailing()).find()) {
      return false;
    }
    double value;
    try {
      value = Double.parseDouble(digits);
    } catch (NumberFormatException e) {
      return false;
    }
    for (String k : known) {
      try {
        double v = Double.parseDouble(k);
        if (v != 0 && Math.abs(v - value) / Math.abs(v) <= 0.01) {
          return true;
        }
      } catch (NumberFormatException e) {
        // a token such as "2nd"
      }
    }
    return false;
  }
}

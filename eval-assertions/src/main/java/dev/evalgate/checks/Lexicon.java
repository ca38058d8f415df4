package dev.evalgate.checks;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Word-level normalisation for the lexical hallucination proxies: lowercase, accents folded,
 * stopwords dropped, light suffix stemming (so "shipped", "shipping" and "ships" meet), and number
 * words written as digits.
 */
final class Lexicon {
  private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\p{N}\"'(\\[])|\\n+");
  private static final Set<String> STOPWORDS = Set.of(("a an the and or but if then else of to in on at by for with from as "
      + "is are was were be been being am do does did has have had having it its it's this that these those there here "
      + "i you he she we they me him her us them my your his our their what which who whom whose when where why how "
      + "all any both each few more most other some such no nor not only own same so than too very can will just should "
      + "could would may might must shall also about into over after before under again further once up down out off "
      + "s t don't isn't aren't wasn't weren't won't can't yes please thanks thank according").split(" "));
  private static final String[] NUMBER_WORDS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
      "nine", "ten", "eleven", "twelve"};

  private Lexicon() {}

  static List<String> sentences(String text) {
    List<String> sentences = new ArrayList<>();
    for (String s : SENTENCE.split(text.strip())) {
      if (!s.isBlank()) {
        sentences.add(s.strip());
      }
    }
    return sentences;
  }

  /** The content words of a text, normalised. */
  static List<String> contentWords(String text) {
    String folded = fold(text);
    List<String> words = new ArrayList<>();
    int n = folded.length();
    int i = 0;
    while (i < n) {
      while (i < n && !Character.isLetterOrDigit(folded.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n) {
        char c = folded.charAt(i);
        boolean inner = (c == '\'' || c == '.' || c == ',' || c == '%' || c == '$' || c == '-') && i + 1 < n
            && Character.isLetterOrDigit(folded.charAt(i + 1));
        if (Character.isLetterOrDigit(c) || c == '%' || inner) {
          i++;
        } else {
          break;
        }
      }
      if (i > start) {
        String word = folded.substring(start, i);
        if (!STOPWORDS.contains(word)) {
          words.add(stem(number(word)));
        }
      }
    }
    return words;
  }

  static Set<String> contentSet(String text) {
    return new HashSet<>(contentWords(text));
  }

  static String fold(String text) {
    boolean ascii = true;
    for (int i = 0; i < text.length() && ascii; i++) {
      ascii = text.charAt(i) < 128;
    }
    if (ascii) {
      return text.toLowerCase(Locale.ROOT);
    }
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    return decomposed.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
  }

  private static String number(String word) {
    for (int i = 0; i < NUMBER_WORDS.length; i++) {
      if (NUMBER_WORDS[i].equals(word)) {
        return String.valueOf(i);
      }
    }
    return word.replace(",", "");
  }

  static String stem(String word) {
    if (word.length() <= 3 || !Character.isLetter(word.charAt(0))) {
      return word;
    }
    for (String suffix : new String[] {"ational", "ization", "fulness", "iveness", "ations", "ation", "ments", "ment",
        "ness", "ings", "ing", "edly", "ies", "ied", "ers", "est", "ed", "er", "es", "ly", "s"}) {
      if (word.endsWith(suffix) && word.length() - suffix.length() >= 3) {
        String base = word.substring(0, word.length() - suffix.length());
        if (suffix.equals("ies") || suffix.equals("ied")) {
          return base + "y";
        }
        if (base.length() > 3 && base.charAt(base.length() - 1) == base.charAt(base.length() - 2)) {
          return base.substring(0, base.length() - 1);
        }
        return base;
      }
    }
    return word;
  }
}

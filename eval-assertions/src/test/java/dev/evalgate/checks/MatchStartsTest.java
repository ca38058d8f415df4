package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MatchStartsTest {
  @ParameterizedTest(name = "{0} can begin with [{1}]")
  @CsvSource(
      delimiter = ';',
      quoteCharacter = '`',
      value = {
        "\\bi(?:'m| am)? ?(?:sorry,? )?(?:but )?can't; i; a'' ",
        "(?:ab)?c; ac; b",
        "a*b; ab; c",
        "a+b; a; b",
        "a{0,2}b; ab; c",
        "a{0,2}?b; ab; c",
        "a{1,2}b; a; b",
        "(?:a|)b; ab; c",
        "(a|b)c; ab; c",
        "a|b; ab; c",
        "^(?:x|y)z; xy; z",
        "\\.x; .; x",
        "\\nx; `\n`; x",
        "(?:\\bnot|n't) so; n; o",
        "\\b(?:that's|that is) (?:beyond|outside); t; bo",
        "a[^,.]{0,60}?b; a; b",
        "(?:x?y*)+z; xyz; a",
        "\\b(?:my|our)\\b ?x; mo; x",
        "é\\b; é; e",
        "(?=b)a|c; ac; b",
        "a(?!b)c; a; c",
        "(?!x)?yz; y; xz",
      })
  void firstCharacters(String regex, String can, String cannot) {
    MatchStarts starts = MatchStarts.of(Pattern.compile(regex, Pattern.MULTILINE));
    assertThat(starts).as(regex).isNotNull();
    for (char c : can.toCharArray()) {
      assertThat(starts.canBegin(c)).as("%s begins with '%s'", regex, c).isTrue();
    }
    for (char c : cannot.strip().toCharArray()) {
      assertThat(starts.canBegin(c)).as("%s begins with '%s'", regex, c).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[ab]c",
        "[ab]?c",
        "(?=a)[b]",
        "(?<!x)a",
        ".a",
        "\\wa",
        "\\sa",
        "\\p{L}a",
        "(?i)a",
        "a(?i)b",
        "\\Qa\\E",
        "a?",
        "(?:a)?",
        "(a|)",
        "x*",
        "a{0}",
        "(?<n>a)",
        "(?>a)",
        "\\1a"
      })
  void patternsTheAnalysisDoesNotReadAreTriedEverywhere(String regex) {
    assertThat(MatchStarts.of(Pattern.compile(regex.equals("\\1a") ? "(x)?\\1a" : regex)))
        .as(regex)
        .isNull();
  }

  @Test
  void flagsOtherThanMultilineAreNotAnalysed() {
    assertThat(MatchStarts.of(Pattern.compile("abc", Pattern.CASE_INSENSITIVE))).isNull();
    assertThat(MatchStarts.of(Pattern.compile("a b", Pattern.COMMENTS))).isNull();
    assertThat(MatchStarts.of(Pattern.compile("abc"))).isNotNull();
  }

  @Test
  void everyShippedPhrasePatternIsAnalysed() {
    RefusalClassifier.english()
        .patterns()
        .values()
        .forEach(
            patterns ->
                patterns.forEach(
                    pattern ->
                        assertThat(MatchStarts.of(pattern)).as(pattern.pattern()).isNotNull()));
  }

  /**
   * Crafted patterns over texts that put word and line boundaries, marks and underscores before
   * their starts.
   */
  @Test
  void findsWhatFindFindsAroundBoundaries() {
    List<Pattern> patterns = new ArrayList<>();
    for (String regex :
        List.of(
            "\\bnot\\b",
            "(?:\\bnot|n't) x",
            "^if you\\b",
            "^if|you",
            "\\bé+",
            "\\b'x",
            "a\\b",
            "\\bab|b",
            "\\b(?:a|_b)",
            "(?:x|y)$",
            "^(?:a\\b|b)",
            "\\b[ab]?x",
            "\\b?ab",
            "\\b*ab",
            "\\b{0,1}ab",
            "^?ab",
            "^*if",
            "[]a]b",
            "[^]a]b",
            "\\bnot(?= x|$)",
            "(?=a)ab|y",
            "\\b(?!if)\\w+ x")) {
      patterns.add(Pattern.compile(regex, Pattern.MULTILINE));
    }
    List<String> pieces =
        List.of(
            "not", "n't", " x", "if you", "é", "e\u0301", "_", "'x", "a", "b", "ab", "\n", "\r\n",
            "\u2028", " ", "x", "y", "1", "if");
    assertFindsAgree(patterns, randomTexts(pieces, 20_000, 7), 20_000);
  }

  /**
   * Every pattern of the shipped list, on the corpus's sentences and on texts made of the list's
   * own words.
   */
  @Test
  void findsWhatFindFindsWithTheShippedPhrases() throws IOException {
    List<Pattern> patterns = new ArrayList<>();
    RefusalClassifier.english().patterns().values().forEach(patterns::addAll);
    List<String> texts = new ArrayList<>();
    for (RefusalCorpusTest.Row row : RefusalCorpusTest.corpus()) {
      for (String sentence : RefusalClassifier.sentences(row.text())) {
        texts.add(sentence.toLowerCase(Locale.ROOT));
      }
    }
    for (String example : RefusalCorpusTest.phraseExamples()) {
      texts.add(example.toLowerCase(Locale.ROOT));
    }
    List<String> pieces =
        new ArrayList<>(List.of(" ", " ", " ", ", ", ".", "'", "\n", "_", "é", "x", "2"));
    for (Pattern pattern : patterns) {
      for (String word : pattern.pattern().split("[^a-z']+")) {
        if (!word.isEmpty()) {
          pieces.add(word);
        }
      }
    }
    texts.addAll(randomTexts(pieces, 4_000, 11));
    assertFindsAgree(patterns, texts, 1_000);
  }

  /**
   * Random patterns from the syntax the analysis reads and some it does not (classes, {@code .},
   * {@code \\w}, zero-width assertions quantified), each on random texts: the same first match as
   * {@code find()}, every time.
   */
  @Test
  void findsWhatFindFindsForRandomPatterns() {
    SplittableRandom random = new SplittableRandom(5);
    List<String> texts =
        randomTexts(List.of("a", "b", "c", " ", "'", "\n", "_", "é", "ab", "ca"), 60, 13);
    int analysed = 0;
    int matches = 0;
    for (int n = 0; n < 5_000; n++) {
      String regex = alternation(random, 0);
      Pattern pattern;
      try {
        pattern = Pattern.compile(regex, Pattern.MULTILINE);
      } catch (java.util.regex.PatternSyntaxException e) {
        continue;
      }
      MatchStarts starts = MatchStarts.of(pattern);
      if (starts == null) {
        continue;
      }
      analysed++;
      for (String text : texts) {
        matches += assertSameMatch(pattern, starts, text) ? 1 : 0;
      }
    }
    assertThat(analysed).as("patterns analysed").isGreaterThan(1_200);
    assertThat(matches).as("matches compared").isGreaterThan(10_000);
  }

  /**
   * The classifier's find (through {@code starts}, or everywhere when null) finds what {@code
   * find()} finds; whether that is a match.
   */
  private static boolean assertSameMatch(Pattern pattern, MatchStarts starts, String text) {
    return assertSameMatch(pattern, starts, new MatchStarts.Text(text));
  }

  private static boolean assertSameMatch(
      Pattern pattern, MatchStarts starts, MatchStarts.Text indexed) {
    String text = indexed.text;
    Matcher expected = pattern.matcher(text);
    Matcher actual = (starts != null ? starts : MatchStarts.finder(pattern)).find(indexed);
    if (!expected.find()) {
      assertThat(actual).as("%s in \"%s\"", pattern, text).isNull();
      return false;
    }
    assertThat(actual).as("%s in \"%s\"", pattern, text).isNotNull();
    assertThat(new int[] {actual.start(), actual.end()})
        .as("%s in \"%s\"", pattern, text)
        .containsExactly(expected.start(), expected.end());
    return true;
  }

  private static String alternation(SplittableRandom random, int depth) {
    StringBuilder regex = new StringBuilder(sequence(random, depth));
    for (int k = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0; k > 0; k--) {
      regex.append('|').append(sequence(random, depth));
    }
    return regex.toString();
  }

  private static String sequence(SplittableRandom random, int depth) {
    StringBuilder regex = new StringBuilder();
    for (int k = 1 + random.nextInt(4); k > 0; k--) {
      regex.append(atom(random, depth));
      String[] quantifiers = {"", "", "", "?", "*", "+", "{0,2}", "{1,2}", "??", "*?", "+?"};
      regex.append(quantifiers[random.nextInt(quantifiers.length)]);
    }
    return regex.toString();
  }

  private static String atom(SplittableRandom random, int depth) {
    String[] atoms = {
      "a", "b", "c", " ", "'", "\\.", "\\b", "\\b", "^", "$", "[ab]", "[^a]", ".", "\\w", "é", "\\n"
    };
    int pick = random.nextInt(atoms.length + (depth < 2 ? 4 : 0));
    if (pick < atoms.length) {
      return atoms[pick];
    }
    return (pick % 2 == 0 ? "(?:" : "(") + alternation(random, depth + 1) + ")";
  }

  private static List<String> randomTexts(List<String> pieces, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> texts = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      StringBuilder text = new StringBuilder();
      for (int k = random.nextInt(16); k >= 0; k--) {
        text.append(pieces.get(random.nextInt(pieces.size())));
        if (random.nextInt(3) > 0) {
          text.append(' ');
        }
      }
      texts.add(text.toString());
    }
    return texts;
  }

  /**
   * The same match (start and end) or none, for every pattern and text; at least {@code minMatches}
   * matches in all, and every pattern but one in ten matched at least once.
   */
  private static void assertFindsAgree(List<Pattern> patterns, List<String> texts, int minMatches) {
    int matches = 0;
    int matchedPatterns = 0;
    // one index per text, searched by every pattern in turn, as the refusal classifier does
    List<MatchStarts.Text> indexed = texts.stream().map(MatchStarts.Text::new).toList();
    for (Pattern pattern : patterns) {
      int before = matches;
      MatchStarts starts = MatchStarts.of(pattern);
      for (MatchStarts.Text text : indexed) {
        matches += assertSameMatch(pattern, starts, text) ? 1 : 0;
      }
      matchedPatterns += matches > before ? 1 : 0;
    }
    assertThat(matches).isGreaterThanOrEqualTo(minMatches);
    assertThat(matchedPatterns)
        .as("patterns that matched")
        .isGreaterThanOrEqualTo(patterns.size() - patterns.size() / 10);
  }
}

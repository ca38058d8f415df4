package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The refusal classifier's hand-written sentence splitter gives exactly the sentences of the
 * regular-expression split it replaced, after that split's strip and empty-drop.
 */
class RefusalSentencesTest {
  /** The split the classifier used before, kept here as the reference. */
  static final Pattern REFERENCE = Pattern.compile("(?<=[.!?])\\s+|\\n+");

  static String[] reference(String text) {
    return Arrays.stream(REFERENCE.split(text))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toArray(String[]::new);
  }

  static void assertSameAsReference(String text) {
    assertThat(RefusalClassifier.split(text))
        .as("sentences of \"%s\"", visible(text))
        .containsExactly(reference(text));
  }

  /** The text with every control or non-ASCII character as a Java escape, for failure messages. */
  static String visible(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(c >= ' ' && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X", (int) c));
    }
    return out.toString();
  }

  @Test
  void everyCorpusAnswerIsSplitAsTheRegularExpressionSplitIt() throws IOException {
    List<RefusalCorpusTest.Row> rows = RefusalCorpusTest.corpus();
    assertThat(rows).hasSizeGreaterThan(100);
    for (RefusalCorpusTest.Row row : rows) {
      assertSameAsReference(row.text());
      // as the classifier splits it: stripped, quotes masked
      String prepared = RefusalClassifier.maskQuotes(row.text().strip());
      assertSameAsReference(prepared);
      assertThat(RefusalClassifier.sentences(row.text()))
          .containsExactly(
              reference(
                  RefusalClassifier.maskQuotes(
                      row.text()
                          .replace('\u2019', '\'')
                          .replace('\u201c', '"')
                          .replace('\u201d', '"')
                          .strip())));
    }
  }

  @Test
  void edgeCasesAreSplitAsTheRegularExpressionSplitThem() {
    List<String> cases =
        List.of(
            "",
            " ",
            "\n",
            "\n\n\n",
            "  leading and trailing  ",
            "\n\t lead. trail \t\n",
            " a. b ",
            "a.\n\n b",
            "a \n\nb",
            "a\nb",
            "a\n\nb",
            "a.b",
            "a. b",
            "a.  b",
            "a!\tb",
            "a?\u000Bb",
            "a.\fb",
            "a.\rb",
            "a.\r\nb",
            "a\r\nb",
            "a\r\n\r\nb",
            "a.\r\n\r\n b",
            "?!",
            "..",
            "...",
            ". . .",
            "!? !?",
            "? ",
            " ?",
            ".\n.",
            "\t\u000B\f\r",
            "a\u000Bb",
            "a\fb",
            "a\rb",
            "a\tb",
            "no break at all",
            "one sentence without an end",
            "Sentence one. Sentence two! Three? Four",
            "e.g. this and Dr. Lee",
            "1.5 m",
            "end.",
            "end.\n",
            "end. ",
            "\nstart",
            ". start",
            "a.\u00A0b",
            "a.\u2028b",
            "a.\u001Cb",
            "a\u001C\nb",
            "\u001C.\u001C \u001C",
            "a.\u3000b",
            "Intro:\n- one\n- two\n\nDone.",
            "\"quoted. text\" here. And \"more!\"");
    for (String text : cases) {
      assertSameAsReference(text);
    }
  }

  /** Short random strings over sentence ends, every kind of white space and a few letters. */
  @Test
  void randomShortTextsAreSplitAsTheRegularExpressionSplitThem() {
    char[] alphabet = {
      'a', 'b', '.', '!', '?', ' ', '\t', '\n', 0x0B, '\f', '\r', '\u001C', '\u00A0', '\u2028', '"'
    };
    Random random = new Random(20261202L);
    for (int n = 0; n < 50_000; n++) {
      char[] text = new char[random.nextInt(14)];
      for (int i = 0; i < text.length; i++) {
        text[i] = alphabet[random.nextInt(alphabet.length)];
      }
      assertSameAsReference(new String(text));
    }
  }
}

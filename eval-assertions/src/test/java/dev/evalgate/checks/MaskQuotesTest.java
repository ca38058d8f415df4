package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The refusal classifier's quote masking: what it masks, and that its time grows linearly with the
 * quotes.
 */
class MaskQuotesTest {
  /**
   * The masking as first written (it looked for a blank line from every quote), kept as the
   * reference.
   */
  static String reference(String text) {
    int open = text.indexOf('"');
    if (open < 0) {
      return text;
    }
    char[] chars = text.toCharArray();
    while (open >= 0) {
      int close = text.indexOf('"', open + 1);
      if (close < 0) {
        break;
      }
      int blank = text.indexOf("\n\n", open);
      if (blank >= 0 && blank < close) {
        open = close;
        continue;
      }
      for (int i = open + 1; i < close; i++) {
        char c = chars[i];
        chars[i] = Character.isLetterOrDigit(c) ? 'x' : Character.isWhitespace(c) ? c : ' ';
      }
      open = text.indexOf('"', close + 1);
    }
    return new String(chars);
  }

  @Test
  void quotedWordsBecomePlaceholdersAndAQuoteDoesNotSpanABlankLine() {
    assertThat(RefusalClassifier.maskQuotes("Say \"I can't, sorry.\" to them."))
        .isEqualTo("Say \"x xxx x  xxxxx \" to them.");
    assertThat(RefusalClassifier.maskQuotes("a \"b\n\nc\" d \"e\""))
        .isEqualTo("a \"b\n\nc\" x \"e\"");
  }

  @Test
  void randomTextsAreMaskedAsTheReferenceMasksThem() {
    char[] alphabet = {'a', '1', '"', '"', ' ', '\n', '\n', '.', '\''};
    Random random = new Random(20260301L);
    for (int n = 0; n < 100_000; n++) {
      char[] text = new char[random.nextInt(24)];
      for (int i = 0; i < text.length; i++) {
        text[i] = alphabet[random.nextInt(alphabet.length)];
      }
      String input = new String(text);
      assertThat(RefusalClassifier.maskQuotes(input))
          .as(RefusalSentencesTest.visible(input))
          .isEqualTo(reference(input));
    }
  }

  /**
   * Many short quotations and no blank line (a JSON answer with many keys), and one blank line at
   * the very end.
   */
  @Test
  void timePerCharacterDoesNotGrowWithTheNumberOfQuotes() {
    for (String tail : new String[] {"", "\n\nend"}) {
      TimePerSize.assertLinear(
          "maskQuotes",
          quotes(32 * 1024) + tail,
          quotes(512 * 1024) + tail,
          RefusalClassifier::maskQuotes,
          3.0);
    }
  }

  /**
   * {@code {"k0": "v", "k1": "v", ...}} of about {@code chars} characters: four quotes every few
   * characters.
   */
  static String quotes(int chars) {
    StringBuilder out = new StringBuilder(chars + 16).append('{');
    for (int key = 0; out.length() < chars; key++) {
      out.append('"').append('k').append(key).append("\": \"v\", ");
    }
    return out.append('}').toString();
  }
}

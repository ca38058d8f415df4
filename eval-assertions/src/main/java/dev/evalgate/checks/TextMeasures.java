package dev.evalgate.checks;

import java.util.regex.Pattern;

/** How answer length is counted, shared by the length check and the length metrics. */
public final class TextMeasures {
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?]+(?=\\s|$)");

  private TextMeasures() {}

  /** Words: maximal runs of non-whitespace. */
  public static int words(String text) {
    int count = 0;
    boolean in = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // the ASCII whitespace Character.isWhitespace accepts, without its table lookup; the rest
      // asks it
      boolean space =
          c < 128
              ? c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001C' && c <= '\u001F')
              : Character.isWhitespace(c);
      if (!space && !in) {
        count++;
      }
      in = !space;
    }
    return count;
  }

  /** Sentences: runs ending in '.', '!' or '?', plus an unterminated last one. */
  public static int sentences(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return 0;
    }
    int count = (int) SENTENCE_END.matcher(trimmed).results().count();
    return trimmed.matches("(?s).*[.!?]+$") ? count : count + 1;
  }
}

package dev.evalgate.engine.io;

import java.util.Locale;

/**
 * Cuts a long text (a gateway's 200 KB error page) to a length every report can show, saying what
 * it left out: {@code <the first characters> [... 204,512 more characters]}. The cut never splits a
 * surrogate pair, and it is made on the raw text, before any report escapes it, so it never splits
 * an escape sequence either.
 */
public final class TextCut {
  /** Room kept for the note: {@code " [... 999,999,999,999 more characters]"} fits. */
  private static final int NOTE = 40;

  private TextCut() {}

  /**
   * {@code text} when it has at most {@code max} characters, else its start and the note, {@code
   * max} characters at most in all.
   *
   * @param max at least 41
   */
  public static String cut(String text, int max) {
    if (max <= NOTE) {
      throw new IllegalArgumentException("max must be over " + NOTE + ", not " + max);
    }
    if (text.length() <= max) {
      return text;
    }
    int keep = max - NOTE;
    if (Character.isHighSurrogate(text.charAt(keep - 1))
        && Character.isLowSurrogate(text.charAt(keep))) {
      keep--;
    }
    return text.substring(0, keep)
        + String.format(
            Locale.ROOT, " [... %,d more characters]", text.codePointCount(keep, text.length()));
  }
}

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
    return keep(text, max - NOTE, "");
  }

  /**
   * {@code text}'s first {@code keep} characters (one fewer where the last would be half of a
   * surrogate pair) and the note {@code [... 204,512 more characters}{@code where}{@code ]}, e.g.
   * with {@code where} ": the whole text is in results.jsonl"; {@code text} itself when it has at
   * most {@code keep} characters.
   */
  public static String keep(String text, int keep, String where) {
    if (text.length() <= keep) {
      return text;
    }
    int cut =
        Character.isHighSurrogate(text.charAt(keep - 1))
                && Character.isLowSurrogate(text.charAt(keep))
            ? keep - 1
            : keep;
    return text.substring(0, cut)
        + String.format(
            Locale.ROOT,
            " [... %,d more characters%s]",
            text.codePointCount(cut, text.length()),
            where);
  }
}

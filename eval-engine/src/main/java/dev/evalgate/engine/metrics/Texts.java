package dev.evalgate.engine.metrics;

/** Word counting for length metrics: maximal runs of non-whitespace. */
final class Texts {
  private Texts() {}

  static int words(String text) {
    int count = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      if (!space && !inWord) {
        count++;
      }
      inWord = !space;
    }
    return count;
  }
}

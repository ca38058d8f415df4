package dev.evalgate.engine.dataset;

/**
 * A template variable whose CSV cell was left empty (nothing between two commas): the row has no
 * value there, as a JSON row holding {@code null} has none, so a prompt template that uses it is a
 * row problem ({@code prompt.Template}) rather than an empty text sent without a word. A cell that
 * holds {@code ""} (quoted) is the empty text. Everywhere else (the row's known fields, a check's
 * {@code {{placeholder}}}) the cell reads as the empty text it always did.
 */
public enum EmptyCell {
  VALUE;

  /** The empty text, which a check's placeholder renders as before. */
  @Override
  public String toString() {
    return "";
  }
}

package dev.evalgate.engine.dataset;

/**
 * One dataset row that was skipped, and why.
 *
 * @param file the dataset location as the user wrote it
 * @param line 1-based line where the row starts; 0 when the problem is the file's as a whole (an
 *     unknown format, no usable case)
 * @param message what was wrong and what was expected
 * @param linesLost lines after this row that could not be read at all (a CSV quote never closed
 *     swallows the rest of the file), 0 when the reading went on
 */
public record RowProblem(String file, long line, String message, long linesLost) {
  public RowProblem(String file, long line, String message) {
    this(file, line, message, 0);
  }

  /**
   * {@code file:line: message}, the form every report and discovery issue uses; {@code file:
   * message} for a problem of the whole file, which has no line.
   */
  public String describe() {
    return file + (line > 0 ? ":" + line : "") + ": " + message;
  }
}

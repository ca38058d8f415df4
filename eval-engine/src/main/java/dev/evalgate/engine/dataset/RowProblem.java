package dev.evalgate.engine.dataset;

/**
 * One dataset row that was skipped, and why.
 *
 * @param file the dataset location as the user wrote it
 * @param line 1-based line where the row starts
 * @param message what was wrong and what was expected
 */
public record RowProblem(String file, long line, String message) {
  /** {@code file:line: message}, the form every report and discovery issue uses. */
  public String describe() {
    return file + ":" + line + ": " + message;
  }
}

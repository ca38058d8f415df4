package dev.evalgate.engine.dataset;

/**
 * One dataset row that was skipped, and why; or a problem of the dataset as a whole.
 *
 * @param file the dataset location as the user wrote it
 * @param line 1-based line where the row starts; for a problem of the whole file, the line it is
 *     best seen at (the first row, for a field no row has), or 0 when there is none (an unknown
 *     format, no usable case)
 * @param message what was wrong and what was expected
 * @param linesLost lines after this row that could not be read at all (a CSV quote never closed
 *     swallows the rest of the file), 0 when the reading went on
 * @param wholeFile whether the problem is the file's as a whole rather than one skipped row's, so
 *     that it is not counted as a row
 */
public record RowProblem(
    String file, long line, String message, long linesLost, boolean wholeFile) {

  /** A skipped row at {@code line}; a problem of the whole file when {@code line} is 0. */
  public RowProblem(String file, long line, String message, long linesLost) {
    this(file, line, message, linesLost, line <= 0);
  }

  /** A skipped row at {@code line}; a problem of the whole file when {@code line} is 0. */
  public RowProblem(String file, long line, String message) {
    this(file, line, message, 0);
  }

  /**
   * A problem of the whole file shown at {@code line} (a field that no row has, at the first row):
   * no row was skipped for it.
   */
  public static RowProblem ofFile(String file, long line, String message) {
    return new RowProblem(file, line, message, 0, true);
  }

  /**
   * What a dataset's problems come to, counting rows only as rows: "2 dataset rows were skipped",
   * "The dataset as a whole has 1 problem", "1 dataset row was skipped, and 4,999 lines after it
   * could not be read at all, and the dataset as a whole has 1 problem"; empty without problems.
   *
   * @param rows rows skipped
   * @param linesLost lines after them that could not be read at all
   * @param wholeFile problems of the dataset as a whole, which skipped no row
   */
  public static String summary(long rows, long linesLost, long wholeFile) {
    StringBuilder text = new StringBuilder();
    if (rows > 0) {
      text.append(rows)
          .append(rows == 1 ? " dataset row was" : " dataset rows were")
          .append(" skipped");
    }
    if (linesLost > 0) {
      // a row count alone would hide that the rest of the file was never read
      text.append(
          String.format(
              ", and %,d %s after %s could not be read at all",
              linesLost, linesLost == 1 ? "line" : "lines", rows == 1 ? "it" : "them"));
    }
    if (wholeFile > 0) {
      text.append(rows > 0 ? ", and the" : "The")
          .append(" dataset as a whole has ")
          .append(wholeFile)
          .append(wholeFile == 1 ? " problem" : " problems");
    }
    return text.toString();
  }

  /**
   * {@code file:line: message}, the form every report and discovery issue uses; {@code file:
   * message} for a problem of the whole file that has no line.
   */
  public String describe() {
    return file + (line > 0 ? ":" + line : "") + ": " + message;
  }
}

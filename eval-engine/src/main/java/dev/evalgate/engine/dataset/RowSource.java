package dev.evalgate.engine.dataset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The rows of one file in one format, parsed but not yet interpreted. */
interface RowSource extends Closeable {

  /**
   * One row, or the reason it could not be parsed.
   *
   * @param linesLost lines after it that cannot be read at all
   * @param emptyCells the fields whose CSV cell was left empty (not {@code ""}): no value, which
   *     {@code fields} holds as the empty text
   */
  record Row(
      long line,
      @Nullable ObjectNode fields,
      @Nullable String problem,
      long linesLost,
      Set<String> emptyCells) {
    Row(long line, @Nullable ObjectNode fields, @Nullable String problem, long linesLost) {
      this(line, fields, problem, linesLost, Set.of());
    }

    Row(long line, @Nullable ObjectNode fields, @Nullable String problem) {
      this(line, fields, problem, 0);
    }
  }

  /** The next row, or {@code null} at the end of the file. */
  @Nullable Row next() throws IOException;
}

package dev.evalgate.engine.dataset;

import java.util.Objects;

/**
 * A dataset that cannot be read at all (missing, unreadable, not of a known format). Problems with
 * single rows are {@link RowProblem}s instead, so the rest of the dataset still runs.
 */
public final class DatasetException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final long line;

  public DatasetException(String file, long line, String message) {
    super(message);
    this.file = file;
    this.line = line;
  }

  /** The dataset's location as the user wrote it. */
  public String file() {
    return file;
  }

  /** 1-based line of the problem, 0 when it concerns the whole file. */
  public long line() {
    return line;
  }

  /** {@code file:line: message}, or {@code file: message} when the problem is the whole file's. */
  public String describe() {
    return new RowProblem(file, line, getMessage()).describe();
  }

  /** Never null: every constructor takes one. */
  @Override
  public String getMessage() {
    return Objects.requireNonNull(super.getMessage());
  }
}

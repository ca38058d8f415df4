package dev.evalgate.engine.suite;

import java.util.Objects;

/** A suite definition that cannot be used, with the file and line to fix. */
public final class SuiteFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final int line;
  private final String problem;

  public SuiteFileException(String file, int line, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  public String file() {
    return file;
  }

  /** 1-based line, 0 when the problem concerns the whole file. */
  public int line() {
    return line;
  }

  /** The problem without the location prefix. */
  public String problem() {
    return problem;
  }

  /** Never null: every constructor takes one. */
  @Override
  public String getMessage() {
    return Objects.requireNonNull(super.getMessage());
  }
}

package dev.evalgate.engine.recording;

import java.util.Objects;

/** A recording file that cannot be read, with the file and line. */
public final class RecordingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RecordingException(String message) {
    super(message);
  }

  public RecordingException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Never null: every constructor takes one. */
  @Override
  public String getMessage() {
    return Objects.requireNonNull(super.getMessage());
  }
}

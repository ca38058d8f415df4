package dev.evalgate.checks;

import java.util.Objects;

/** A check entry in a suite file that cannot be built; the message says what was expected. */
public final class CheckSpecException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public CheckSpecException(String message) {
    super(message);
  }

  public CheckSpecException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Never null: every constructor takes one. */
  @Override
  public String getMessage() {
    return Objects.requireNonNull(super.getMessage());
  }
}

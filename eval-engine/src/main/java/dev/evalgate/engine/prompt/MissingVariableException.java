package dev.evalgate.engine.prompt;

import java.util.Objects;

/** A template names a variable the case does not have. */
public final class MissingVariableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MissingVariableException(String message) {
    super(message);
  }

  /** Never null: every constructor takes one. */
  @Override
  public String getMessage() {
    return Objects.requireNonNull(super.getMessage());
  }
}

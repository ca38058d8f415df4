package dev.evalgate.engine.prompt;

/** A template names a variable the case does not have. */
public final class MissingVariableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MissingVariableException(String message) {
    super(message);
  }
}

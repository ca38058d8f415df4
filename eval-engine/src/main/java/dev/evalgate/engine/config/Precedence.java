package dev.evalgate.engine.config;

/**
 * The one wording of a value that wins over another set elsewhere, so that no override is silent:
 * "Configuration parameter 'K' is 'V' WHERE, and that wins over LOSER; the run uses 'V'. Set the
 * key in one place." A launcher's parameter over a {@code -D} ({@link ScannedKeys}), and a key over
 * the suite's own value (discovery's lint of each suite), say it alike.
 */
public final class Precedence {
  /** Where a configuration parameter given to the launcher comes from, as a warning says it. */
  static final String LAUNCHER =
      "where the JUnit Platform is given it (Surefire's configurationParameters, the console"
          + " launcher's --config, an IDE's run configuration)";

  /** As {@link #LAUNCHER}, or the lowest-ranked place, which wins over a suite's value too. */
  private static final String PARAMETER =
      "where the JUnit Platform is given it (Surefire's configurationParameters, the console"
          + " launcher's --config, an IDE's run configuration, junit-platform.properties)";

  private Precedence() {}

  /**
   * The warning that key {@code key}, which the run reads as {@code value}, wins over {@code loser}
   * (e.g. "the suite's dataset limit '3'"), saying where the value came from ({@link #where}).
   */
  public static <T> String overSuite(Key<T> key, T value, String loser) {
    return wins(key.name(), shown(key, value), where(key, value), loser);
  }

  /**
   * The warning that key {@code key}, read as {@code value}, loses to {@code winner} (e.g. "variant
   * 'control''s own timeout '30s' in the suite"), which the run uses as {@code used}; {@code
   * advice} says how to change it.
   */
  public static <T> String underSuite(
      Key<T> key, T value, String winner, String used, String advice) {
    return "Configuration parameter '"
        + key.name()
        + "' is '"
        + shown(key, value)
        + "' "
        + where(key, value)
        + ", but "
        + winner
        + " wins over it; the run uses "
        + used
        + ". "
        + advice;
  }

  /**
   * Where the value came from: the system property ({@code -D}) when it holds that value, else a
   * parameter given to the launcher or {@code junit-platform.properties}.
   */
  private static <T> String where(Key<T> key, T value) {
    String property = System.getProperty(key.name());
    return property != null && value.equals(key.type().parse(property.trim()))
        ? "as the system property -D"
            + key.name()
            + "="
            + ScannedKeys.shown(key.name(), property.trim())
        : PARAMETER;
  }

  private static <T> String shown(Key<T> key, T value) {
    return ScannedKeys.shown(key.name(), key.type().format(value));
  }

  /** "Configuration parameter 'K' is 'V' WHERE, and that wins over LOSER; the run uses 'V'. ..." */
  static String wins(String key, String shownValue, String where, String loser) {
    return "Configuration parameter '"
        + key
        + "' is '"
        + shownValue
        + "' "
        + where
        + ", and that wins over "
        + loser
        + "; the run uses '"
        + shownValue
        + "'. Set the key in one place.";
  }
}

package dev.evalgate.checks;

import java.io.IOException;

/**
 * Keeps SLF4J from printing its three "No SLF4J providers were found" lines on every run. Two
 * dependencies log through slf4j-api (networknt json-schema-validator, for the schema check, and
 * allure-java-commons, for the engine's Allure results); a test classpath often has no SLF4J
 * provider, and SLF4J then falls back to its no-operation logger and says so on standard error.
 *
 * <p>Only that case is touched: when the class path holds no SLF4J provider (2.x service nor 1.x
 * binding) and {@code slf4j.internal.verbosity} is not set, it is set to {@code ERROR}, which hides
 * SLF4J's own warnings and nothing else (with no provider every log call goes nowhere anyway). A
 * project with a provider (logback, slf4j-simple) logs as it configured, and keeps every SLF4J
 * diagnostic; {@code -Dslf4j.internal.verbosity=WARN} brings the lines back. Shipping a provider
 * (slf4j-nop) instead would go against SLF4J's rule that libraries do not, and would compete with a
 * project's own ("multiple providers").
 *
 * <p>Not part of the API: called by the engine and the schema check before SLF4J starts.
 */
public final class QuietLogging {
  static final String VERBOSITY = "slf4j.internal.verbosity";
  private static volatile boolean applied;

  private QuietLogging() {}

  /**
   * Sets {@code slf4j.internal.verbosity=ERROR} when no SLF4J provider is on the class path and the
   * property is unset.
   */
  public static void apply() {
    if (applied) {
      return;
    }
    applied = true;
    apply(QuietLogging.class.getClassLoader());
  }

  static boolean apply(ClassLoader loader) {
    try {
      if (System.getProperty(VERBOSITY) != null
          || loader
              .getResources("META-INF/services/org.slf4j.spi.SLF4JServiceProvider")
              .hasMoreElements()
          || loader.getResource("org/slf4j/impl/StaticLoggerBinder.class") != null) {
        return false;
      }
      System.setProperty(VERBOSITY, "ERROR");
      return true;
    } catch (IOException | SecurityException e) {
      return false; // SLF4J then says what it always said
    }
  }
}

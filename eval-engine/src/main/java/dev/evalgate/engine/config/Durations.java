package dev.evalgate.engine.config;

import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Durations as configuration writes them: {@code 500ms}, {@code 30s}, {@code 1.5s}, {@code 2m},
 * {@code PT30S} or milliseconds.
 */
final class Durations {
  private Durations() {}

  static @Nullable Duration parse(String text) {
    String v = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("p")) {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
      }
      if (v.endsWith("s")) {
        return Duration.ofMillis(
            Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000));
      }
      if (v.endsWith("m")) {
        return Duration.ofMillis(
            Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 60_000));
      }
      return Duration.ofMillis(Long.parseLong(v));
    } catch (RuntimeException e) {
      return null;
    }
  }
}

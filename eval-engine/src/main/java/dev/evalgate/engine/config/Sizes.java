package dev.evalgate.engine.config;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Sizes as configuration writes them: {@code 4MB}, {@code 512KB}, {@code 1GB} (binary units) or
 * bytes.
 */
public final class Sizes {
  private static final String[] UNITS = {"GB", "MB", "KB", "B"};
  private static final long[] FACTORS = {1L << 30, 1L << 20, 1L << 10, 1};

  private Sizes() {}

  static @Nullable Long parse(String text) {
    String v = text.trim().toUpperCase(Locale.ROOT).replace("_", "");
    long unit = 1;
    for (int i = 0; i < UNITS.length; i++) {
      if (v.endsWith(UNITS[i])) {
        unit = FACTORS[i];
        v = v.substring(0, v.length() - UNITS[i].length()).trim();
        break;
      }
    }
    try {
      long number = Long.parseLong(v);
      return number < 0 || number > Long.MAX_VALUE / unit ? null : number * unit;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A size in the largest unit that divides it: {@code 4MB}, {@code 512KB}, or bytes. */
  public static String format(long bytes) {
    for (int i = 0; i < UNITS.length - 1; i++) {
      if (bytes > 0 && bytes % FACTORS[i] == 0) {
        return bytes / FACTORS[i] + UNITS[i];
      }
    }
    return String.valueOf(bytes);
  }
}

package dev.evalgate.engine.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Typed, validated access to {@code evalgate.*} configuration parameters.
 *
 * <p>An invalid value is reported as a warning naming the key, the value and what was expected, and
 * the default is used; except where a default would do what the user asked not to (redaction),
 * which is an error that stops the run ({@link #refuse}). The engine turns warnings into discovery issues.
 * Lookups go through a plain function so the same settings work under the JUnit Platform, in the
 * Maven plugin and in benchmarks.
 */
public final class Settings {
  private final Function<String, Optional<String>> source;
  private final List<String> warnings = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();

  private final java.util.function.Supplier<java.util.Set<String>> keys;

  private Settings(Function<String, Optional<String>> source) {
    this(source, java.util.Set::of);
  }

  private Settings(Function<String, Optional<String>> source, java.util.function.Supplier<java.util.Set<String>> keys) {
    this.source = source;
    this.keys = keys;
  }

  /** Settings read from a lookup function plus the set of keys it knows (for prefixed keys such as headers). */
  public static Settings of(Function<String, Optional<String>> source, java.util.function.Supplier<java.util.Set<String>> keys) {
    return new Settings(source, keys);
  }

  /** Known keys with the prefix, sorted; system properties are included. */
  public java.util.List<String> keysWithPrefix(String prefix) {
    java.util.Set<String> all = new java.util.TreeSet<>(keys.get());
    System.getProperties().stringPropertyNames().forEach(all::add);
    return all.stream().filter(k -> k.startsWith(prefix)).toList();
  }

  /** Settings read from a lookup function, e.g. {@code configurationParameters::get}. */
  public static Settings of(Function<String, Optional<String>> source) {
    return new Settings(source);
  }

  /** Settings with every key at its default. */
  public static Settings defaults() {
    return new Settings(key -> Optional.empty());
  }

  /** The raw value, trimmed, or empty when the key is unset or blank. */
  public Optional<String> raw(String key) {
    return source.apply(key).map(String::trim).filter(v -> !v.isEmpty());
  }

  public String string(String key, String defaultValue) {
    return raw(key).orElse(defaultValue);
  }

  public @Nullable String stringOrNull(String key) {
    return raw(key).orElse(null);
  }

  public int integer(String key, int defaultValue, int min, int max) {
    Optional<String> value = raw(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value.get().replace("_", ""));
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    return invalid(key, value.get(), "a whole number from " + min + " to " + max, defaultValue);
  }

  public long longValue(String key, long defaultValue) {
    Optional<String> value = raw(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      return Long.parseLong(value.get().replace("_", ""));
    } catch (NumberFormatException e) {
      return invalid(key, value.get(), "a whole number", defaultValue);
    }
  }

  public double decimal(String key, double defaultValue, double min, double max) {
    Optional<String> value = raw(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      double parsed = Double.parseDouble(value.get());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    return invalid(key, value.get(), "a number from " + min + " to " + max, defaultValue);
  }

  public boolean bool(String key, boolean defaultValue) {
    Optional<String> value = raw(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    String v = value.get().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    return invalid(key, value.get(), "true or false", defaultValue);
  }

  /** A duration written as {@code 500ms}, {@code 30s}, {@code 2m} or an ISO-8601 duration. */
  public Duration duration(String key, Duration defaultValue) {
    Optional<String> value = raw(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    Duration parsed = parseDuration(value.get());
    if (parsed == null || parsed.isNegative() || parsed.isZero()) {
      return invalid(key, value.get(), "a positive duration such as 500ms, 30s, 2m or PT30S", defaultValue);
    }
    return parsed;
  }

  /** A size in bytes written as {@code 4MB}, {@code 512KB}, {@code 1GB} (binary units) or a plain number of bytes. */
  public long size(String key, long defaultValue, long min, long max) {
    Optional<String> value = raw(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    Long parsed = parseSize(value.get());
    if (parsed != null && parsed >= min && parsed <= max) {
      return parsed;
    }
    return invalid(key, value.get(), "a size from " + formatSize(min) + " to " + formatSize(max) + " such as 512KB or 4MB",
        new Size(defaultValue)).bytes();
  }

  /** A size as {@link #size} reads it, for messages: {@code 4MB}, {@code 512KB} or bytes. */
  public static String formatSize(long bytes) {
    if (bytes % (1L << 30) == 0 && bytes > 0) {
      return bytes / (1L << 30) + "GB";
    }
    if (bytes % (1L << 20) == 0 && bytes > 0) {
      return bytes / (1L << 20) + "MB";
    }
    return bytes % 1024 == 0 && bytes > 0 ? bytes / 1024 + "KB" : String.valueOf(bytes);
  }

  /** A size shown as {@link #formatSize} shows it (for the warning's default). */
  private record Size(long bytes) {
    @Override
    public String toString() {
      return formatSize(bytes);
    }
  }

  static @Nullable Long parseSize(String text) {
    String v = text.trim().toUpperCase(Locale.ROOT).replace("_", "");
    long unit = 1;
    for (String[] suffix : new String[][] {{"GB", String.valueOf(1L << 30)}, {"MB", String.valueOf(1L << 20)},
        {"KB", "1024"}, {"B", "1"}}) {
      if (v.endsWith(suffix[0])) {
        unit = Long.parseLong(suffix[1]);
        v = v.substring(0, v.length() - suffix[0].length()).trim();
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

  /** One of {@code allowed} (lowercase), case-insensitively. */
  public String choice(String key, String defaultValue, Set<String> allowed) {
    Optional<String> value = raw(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    String v = value.get().toLowerCase(Locale.ROOT);
    if (allowed.contains(v)) {
      return v;
    }
    return invalid(key, value.get(), "one of " + String.join(", ", allowed.stream().sorted().toList()), defaultValue);
  }

  /** Records a warning for a value the caller validated itself, and returns the default. */
  public <T> T invalid(String key, String value, String expected, T defaultValue) {
    warnings.add("Invalid value '" + value + "' for configuration parameter '" + key + "': expected "
        + expected + "; using the default '" + display(defaultValue) + "'.");
    return defaultValue;
  }

  private static String display(Object value) {
    if (value instanceof Duration d) {
      return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
    return String.valueOf(value);
  }

  /**
   * Records a value that may not fall back to a default (a redaction rule: a fallback would write
   * what the user asked to hide), so that discovery reports it as an error and nothing runs.
   */
  public void refuse(String key, String value, String reason) {
    errors.add("Invalid value '" + value + "' for configuration parameter '" + key + "': " + reason
        + ". Nothing runs until it is fixed: this value has no safe default.");
  }

  /** Warnings collected so far, in order. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** Values refused so far ({@link #refuse}), in order: each stops the run. */
  public List<String> errors() {
    return List.copyOf(errors);
  }

  static @Nullable Duration parseDuration(String text) {
    String v = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("p")) {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
      }
      if (v.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000));
      }
      if (v.endsWith("m")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 60_000));
      }
      return Duration.ofMillis(Long.parseLong(v));
    } catch (RuntimeException e) {
      return null;
    }
  }
}

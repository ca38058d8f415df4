package dev.evalgate.engine.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The raw configuration parameters and the problems found while reading them; {@link
 * EngineConfiguration#from} reads it once, at discovery, into typed values.
 *
 * <p>An invalid value is reported as a warning naming the key, the value, what was expected and
 * what is used instead; except where a default would do what the user asked not to (redaction, the
 * keys that choose the cases: {@link Key#unsafeDefault}), which is an error that stops the run
 * ({@link #refuse}). Discovery turns both into discovery issues. Lookups go through a plain
 * function so the same settings work under the JUnit Platform, in tests and in benchmarks.
 */
public final class Settings {
  private final Function<String, Optional<String>> source;
  private final Supplier<Set<String>> keys;
  private final List<String> warnings = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();

  private Settings(Function<String, Optional<String>> source, Supplier<Set<String>> keys) {
    this.source = source;
    this.keys = keys;
  }

  /**
   * Settings read from a lookup function plus the keys it holds, e.g. {@code
   * configurationParameters::get, configurationParameters::keySet}: keys are needed for those found
   * by name (per-variant overrides, headers, unknown keys).
   */
  public static Settings of(Function<String, Optional<String>> source, Supplier<Set<String>> keys) {
    return new Settings(source, keys);
  }

  /** Settings read from a lookup function alone (system properties are still scanned for keys). */
  public static Settings of(Function<String, Optional<String>> source) {
    return new Settings(source, Set::of);
  }

  /** Settings with every key at its default. */
  public static Settings defaults() {
    return new Settings(key -> Optional.empty(), Set::of);
  }

  /** The raw value, trimmed, or empty when the key is unset or blank. */
  public Optional<String> raw(String key) {
    return source.apply(key).map(String::trim).filter(v -> !v.isEmpty());
  }

  /**
   * The raw value of a key found by {@link #keysWithPrefix}: a system property counts (the JUnit
   * Platform reads them as configuration parameters), even when the source is a plain map.
   */
  String found(String key) {
    return raw(key)
        .or(() -> Optional.ofNullable(System.getProperty(key)).map(String::trim))
        .orElse("");
  }

  /** Every key with the prefix, sorted: the source's and the system properties'. */
  public List<String> keysWithPrefix(String prefix) {
    Set<String> all = new TreeSet<>(keys.get());
    all.addAll(System.getProperties().stringPropertyNames());
    return all.stream().filter(k -> k.startsWith(prefix)).toList();
  }

  /** The key's value, or its default when unset or invalid (with a warning). */
  public <T> @Nullable T read(Key<T> key) {
    return read(key, key.defaultValue(), key.defaultText());
  }

  /**
   * The key's value, or {@code fallback} when unset or invalid (with a warning): for defaults taken
   * from another key.
   */
  public <T> T read(Key<T> key, T fallback) {
    T value = read(key, fallback, key.type().format(fallback));
    return value == null ? fallback : value;
  }

  private <T> @Nullable T read(Key<T> key, @Nullable T fallback, String fallbackText) {
    Optional<String> text = raw(key.name());
    if (text.isEmpty()) {
      return fallback;
    }
    T value = key.type().parse(text.get());
    if (value == null) {
      String unsafe = key.unsafeDefault();
      if (unsafe != null) {
        refuse(key.name(), text.get(), "expected " + key.type().expected(), unsafe);
      } else {
        invalid(
            key.name(), text.get(), key.type().expected(), "the default '" + fallbackText + "'");
      }
      return fallback;
    }
    return value;
  }

  /**
   * Records a warning for an invalid value: what was expected and what is used instead (e.g. "the
   * default '16'").
   */
  void invalid(String key, String value, String expected, String usedInstead) {
    warn(
        "Invalid value '"
            + value
            + "' for configuration parameter '"
            + key
            + "': expected "
            + expected
            + "; using "
            + usedInstead
            + ".");
  }

  void warn(String warning) {
    warnings.add(warning);
  }

  /**
   * Records a value that may not fall back to a default (a redaction rule: a fallback would write
   * what the user asked to hide), so that discovery reports it as an error and nothing runs.
   */
  void refuse(String key, String value, String reason) {
    refuse(key, value, reason, "this value has no safe default");
  }

  /**
   * Records a value that may not fall back to a default, saying why the default is not safe (e.g.
   * "the default '1/1' would run every case in every shard").
   */
  void refuse(String key, String value, String reason, String unsafeDefault) {
    errors.add(
        "Invalid value '"
            + value
            + "' for configuration parameter '"
            + key
            + "': "
            + reason
            + ". Nothing runs until it is fixed: "
            + unsafeDefault
            + ".");
  }

  /** Warnings collected so far, in order. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** Values refused so far, in order: each stops the run. */
  public List<String> errors() {
    return List.copyOf(errors);
  }

  /** A size as configuration writes it: {@code 4MB}, {@code 512KB} or bytes. */
  public static String formatSize(long bytes) {
    return Sizes.format(bytes);
  }
}

package dev.evalgate.engine.config;

import org.jspecify.annotations.Nullable;

/**
 * One configuration key: its name, the type of its value and its default, written here once for the
 * parser, the warnings and the test that keeps {@code docs/configuration.md} in step.
 *
 * @param name the key, e.g. {@code evalgate.concurrency}; for a per-variant key the part after
 *     {@code evalgate.variant.NAME.}, e.g. {@code temperature}
 * @param type how its text is read
 * @param defaultValue the value when the key is unset, {@code null} when the default is not a value
 *     of the type (the suite's own seed, no baseline)
 * @param defaultText the default as the docs and the warnings state it
 * @param <T> the typed value
 */
public record Key<T>(String name, ValueType<T> type, @Nullable T defaultValue, String defaultText) {

  /** A key whose default is a value of its type, stated as that value. */
  static <T> Key<T> of(String name, ValueType<T> type, T defaultValue) {
    return new Key<>(name, type, defaultValue, type.format(defaultValue));
  }

  /** A key whose default is stated in words ({@code all}, {@code none}, {@code the suite's}). */
  static <T> Key<T> of(
      String name, ValueType<T> type, @Nullable T defaultValue, String defaultText) {
    return new Key<>(name, type, defaultValue, defaultText);
  }
}

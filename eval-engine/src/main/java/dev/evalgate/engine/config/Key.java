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
 * @param unsafeDefault why the default may not stand in for an invalid value (completing "Nothing
 *     runs until it is fixed: ..."), so that an invalid value stops the run; {@code null} when the
 *     default may (a warning)
 * @param <T> the typed value
 */
public record Key<T>(
    String name,
    ValueType<T> type,
    @Nullable T defaultValue,
    String defaultText,
    @Nullable String unsafeDefault) {

  /** A key whose default is a value of its type, stated as that value. */
  static <T> Key<T> of(String name, ValueType<T> type, T defaultValue) {
    return new Key<>(name, type, defaultValue, type.format(defaultValue), null);
  }

  /** A key whose default is stated in words ({@code all}, {@code none}, {@code the suite's}). */
  static <T> Key<T> of(
      String name, ValueType<T> type, @Nullable T defaultValue, String defaultText) {
    return new Key<>(name, type, defaultValue, defaultText, null);
  }

  /**
   * A key whose invalid value stops the run instead of falling back to the default, because the
   * default would do what the user did not ask for (run every case, in every shard).
   */
  static <T> Key<T> refusingInvalid(
      String name, ValueType<T> type, T defaultValue, String defaultText, String unsafeDefault) {
    return new Key<>(name, type, defaultValue, defaultText, unsafeDefault);
  }
}

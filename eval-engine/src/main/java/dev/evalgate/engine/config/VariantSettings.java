package dev.evalgate.engine.config;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code evalgate.variant.NAME.*} values of one variant, typed; what is unset (or was invalid)
 * keeps the suite's value.
 *
 * @param variant the variant's name
 * @param values the valid values, by key
 * @param headers extra HTTP headers ({@code header.NAME}), in key order
 * @param keys every key given for this variant, sorted, valid or not (to name one in a warning)
 */
public record VariantSettings(
    String variant, Map<Key<?>, Object> values, Map<String, String> headers, List<String> keys) {
  public VariantSettings {
    values = Map.copyOf(values);
    headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    keys = List.copyOf(keys);
  }

  /** A variant with no overrides. */
  public static VariantSettings none(String variant) {
    return new VariantSettings(variant, Map.of(), Map.of(), List.of());
  }

  /** The value of a {@link VariantKeys} key, or {@code null} to keep the suite's. */
  @SuppressWarnings("unchecked")
  public <T> @Nullable T get(Key<T> key) {
    return (T) values.get(key);
  }

  /** The full name of one of this variant's keys: {@code evalgate.variant.NAME.KEY}. */
  public String keyName(Key<?> key) {
    return Constants.VARIANT_PREFIX + variant + "." + key.name();
  }
}

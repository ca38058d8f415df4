package dev.evalgate.engine.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The keys that may follow {@code evalgate.variant.NAME.}, with their types: the one place they are
 * written. Unset, each keeps what the suite says ({@code the suite's}); an invalid value keeps it
 * too. A new per-variant key is one line here and one in {@code provider.VariantOverrides}.
 */
public final class VariantKeys {
  /** Every key's default: the suite's own value. */
  public static final String SUITE_VALUE = "the suite's";

  /** The prefix of header keys: {@code evalgate.variant.NAME.header.HEADER-NAME}. */
  public static final String HEADER = "header.";

  public static final Key<String> BASE_URL = key("base-url", ValueType.text());
  public static final Key<String> MODEL = key("model", ValueType.text());
  public static final Key<String> API_KEY_ENV = key("api-key-env", ValueType.text());
  public static final Key<ProviderName> PROVIDER =
      key("provider", ValueType.choice(ProviderName.class));
  public static final Key<Double> TEMPERATURE = key("temperature", ValueType.decimal(0, 2));
  public static final Key<Double> TOP_P = key("top-p", ValueType.decimal(0, 1));
  public static final Key<Integer> MAX_TOKENS =
      key("max-tokens", ValueType.wholeNumber(1, 10_000_000));
  public static final Key<Long> SEED = key("seed", ValueType.longNumber());
  public static final Key<Duration> TIMEOUT = key("timeout", ValueType.duration());
  public static final Key<Double> PRICING_INPUT = key("pricing.input", ValueType.decimal(0, 1e6));
  public static final Key<Double> PRICING_OUTPUT = key("pricing.output", ValueType.decimal(0, 1e6));
  public static final Key<Boolean> STREAM = key("stream", ValueType.bool());

  /** Every per-variant key but the headers, in the order of the docs. */
  public static final List<Key<?>> ALL =
      List.of(
          BASE_URL,
          MODEL,
          API_KEY_ENV,
          PROVIDER,
          TEMPERATURE,
          TOP_P,
          MAX_TOKENS,
          SEED,
          TIMEOUT,
          PRICING_INPUT,
          PRICING_OUTPUT,
          STREAM);

  private VariantKeys() {}

  private static <T> Key<T> key(String name, ValueType<T> type) {
    return Key.of(name, type, null, SUITE_VALUE);
  }

  static Optional<Key<?>> named(String name) {
    return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
  }

  /** The key names as the docs and the warnings list them, headers last. */
  public static List<String> names() {
    return java.util.stream.Stream.concat(
            ALL.stream().map(Key::name), java.util.stream.Stream.of(HEADER + "NAME"))
        .toList();
  }
}

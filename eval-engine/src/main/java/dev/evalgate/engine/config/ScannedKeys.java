package dev.evalgate.engine.config;

import dev.evalgate.engine.redact.Redactor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The keys found by listing the parameters rather than by asking for one: the per-variant overrides
 * ({@code evalgate.variant.NAME.KEY}), read into typed values, and every other key under {@code
 * evalgate.} that no one reads, which is warned about with the nearest known key.
 */
final class ScannedKeys {
  private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

  /** Key names whose value may be a credential: not shown in a warning. */
  private static final Pattern SECRET_NAME =
      Pattern.compile("header|auth|token|secret|password|cookie|api-key(?!-env)");

  private ScannedKeys() {}

  /**
   * The overrides of every variant named in a key, by variant name; invalid values and unknown keys
   * become warnings.
   */
  static Map<String, VariantSettings> variants(Settings settings) {
    Map<String, Map<Key<?>, Object>> values = new TreeMap<>();
    Map<String, Map<String, String>> headers = new TreeMap<>();
    Map<String, List<String>> keys = new TreeMap<>();
    for (String key : settings.keysWithPrefix(Constants.VARIANT_PREFIX)) {
      String rest = key.substring(Constants.VARIANT_PREFIX.length());
      int header = rest.indexOf("." + VariantKeys.HEADER);
      Optional<Key<?>> known =
          VariantKeys.ALL.stream()
              .filter(k -> rest.endsWith("." + k.name()) && rest.length() > k.name().length() + 1)
              .findFirst();
      String value = settings.found(key);
      if (header > 0 && rest.length() > header + 1 + VariantKeys.HEADER.length()) {
        String variant = rest.substring(0, header);
        keys.computeIfAbsent(variant, v -> new ArrayList<>()).add(key);
        headers
            .computeIfAbsent(variant, v -> new LinkedHashMap<>())
            .put(rest.substring(header + 1 + VariantKeys.HEADER.length()), value);
      } else if (known.isPresent()) {
        String variant = rest.substring(0, rest.length() - known.get().name().length() - 1);
        keys.computeIfAbsent(variant, v -> new ArrayList<>()).add(key);
        if (!value.isEmpty()) {
          Object typed = known.get().type().parse(value);
          if (typed == null) {
            settings.invalid(
                key,
                value,
                known.get().type().expected(),
                "the suite's value for variant '" + variant + "'");
          } else {
            values.computeIfAbsent(variant, v -> new LinkedHashMap<>()).put(known.get(), typed);
          }
        }
      } else {
        String variant = unknownVariantKey(settings, key, rest, value);
        keys.computeIfAbsent(variant, v -> new ArrayList<>()).add(key);
      }
    }
    Map<String, VariantSettings> variants = new TreeMap<>();
    keys.forEach(
        (variant, given) ->
            variants.put(
                variant,
                new VariantSettings(
                    variant,
                    values.getOrDefault(variant, Map.of()),
                    headers.getOrDefault(variant, Map.of()),
                    given.stream().sorted().toList())));
    return variants;
  }

  /**
   * Warns about a per-variant key that is none of {@link VariantKeys}, and returns the variant it
   * most likely names.
   */
  private static String unknownVariantKey(
      Settings settings, String key, String rest, String value) {
    // the variant's name may hold dots: split where the rest is nearest to a known key
    String variant = rest;
    String suggestion = null;
    int best = Integer.MAX_VALUE;
    for (int dot = rest.indexOf('.'); dot > 0; dot = rest.indexOf('.', dot + 1)) {
      String candidate = rest.substring(dot + 1);
      for (String name :
          Stream.concat(VariantKeys.ALL.stream().map(Key::name), Stream.of("header.NAME"))
              .toList()) {
        int distance = DISTANCE.apply(candidate, name);
        if (distance < best) {
          best = distance;
          variant = rest.substring(0, dot);
          suggestion = near(candidate, name, distance) ? name : null;
        }
      }
    }
    String expected =
        Constants.VARIANT_PREFIX
            + variant
            + ".KEY with KEY one of "
            + String.join(", ", VariantKeys.names());
    settings.warn(
        unknown(
            key,
            value,
            suggestion == null ? null : Constants.VARIANT_PREFIX + variant + "." + suggestion,
            expected));
    return variant;
  }

  /** Warns about every key under {@code evalgate.} that is neither read nor a per-variant key. */
  static void unknownKeys(Settings settings) {
    List<String> known =
        Stream.concat(Keys.ENGINE.stream(), Keys.MAVEN_PLUGIN.stream()).map(Key::name).toList();
    for (String key : settings.keysWithPrefix(Constants.PREFIX)) {
      if (key.startsWith(Constants.VARIANT_PREFIX)
          || known.contains(key)
          || Keys.notConfiguration(key)) {
        continue;
      }
      String rest = key.substring(Constants.PREFIX.length());
      String suggestion =
          known.stream()
              .min(
                  Comparator.comparingInt(
                      k -> DISTANCE.apply(rest, k.substring(Constants.PREFIX.length()))))
              .filter(
                  k ->
                      near(
                          rest,
                          k.substring(Constants.PREFIX.length()),
                          DISTANCE.apply(rest, k.substring(Constants.PREFIX.length()))))
              .orElse(null);
      settings.warn(
          unknown(
              key, settings.found(key), suggestion, "one of the keys in docs/configuration.md"));
    }
  }

  /**
   * Warns about every key set both as a system property and, with another value, as a configuration
   * parameter given to the launcher: the JUnit Platform takes the latter, so a {@code -D} on mvn's
   * command line loses to Surefire's {@code configurationParameters} without a word. (A {@code
   * junit-platform.properties} file ranks below system properties, so it never wins here.)
   */
  static void overriddenSystemProperties(Settings settings) {
    for (String key : settings.keysWithPrefix(Constants.PREFIX)) {
      String property = System.getProperty(key);
      Optional<String> parameter = settings.raw(key);
      if (property == null
          || property.isBlank()
          || parameter.isEmpty()
          || parameter.get().equals(property.trim())
          || Keys.notConfiguration(key)) {
        continue;
      }
      settings.warn(
          Precedence.wins(
              key,
              shown(key, parameter.get()),
              Precedence.LAUNCHER,
              "the system property -D" + key + "=" + shown(key, property.trim())));
    }
  }

  private static boolean near(String given, String known, int distance) {
    return distance <= Math.max(2, Math.min(given.length(), known.length()) / 4);
  }

  private static String unknown(
      String key,
      String value,
      @org.jspecify.annotations.Nullable String suggestion,
      String expected) {
    return "Unknown configuration parameter '"
        + key
        + "' (value '"
        + shown(key, value)
        + "'): "
        + (suggestion == null ? "expected " : "did you mean '" + suggestion + "'? Expected ")
        + expected
        + "; it is ignored.";
  }

  /**
   * The value as a warning may show it: a value under a credential-like name, or one shaped like a
   * secret, is hidden.
   */
  static String shown(String key, String value) {
    return SECRET_NAME.matcher(key.toLowerCase(Locale.ROOT)).find()
        ? "[REDACTED]"
        : Redactor.SECRETS.apply(value);
  }
}

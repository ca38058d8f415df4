package dev.evalgate.engine.provider;

import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.VariantSpec;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The secret values a run is configured with: each HTTP variant's API key (read from its
 * environment variable), its header values (the suite's {@code headers:} and {@code
 * evalgate.variant.NAME.header.*}) and the credentials in its base URL. They are replaced by {@code
 * [REDACTED]} in every answer, error message and request id before anything is recorded, written or
 * printed, so that a server echoing them back cannot put them in a file.
 *
 * <p>A header value counts when it has at least {@value #MIN_HEADER_VALUE} characters, or at least
 * {@value #MIN_SECRET} when its header's name speaks of a credential ({@code auth}, {@code key},
 * {@code token}, {@code secret}, {@code cookie}, {@code password}): shorter values such as {@code
 * true} would blank out ordinary words.
 */
public final class Secrets {
  /** The shortest value treated as a secret: shorter ones would blank out ordinary text. */
  static final int MIN_SECRET = 4;

  /** The shortest value of a header whose name does not speak of a credential. */
  static final int MIN_HEADER_VALUE = 8;

  public static final Secrets NONE = new Secrets(List.of());

  private final List<String> values;

  private Secrets(List<String> values) {
    // longest first, so that a value holding another is replaced whole
    this.values =
        values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  /** The secrets of {@code variants}, reading keys from {@code environment} (by variable name). */
  public static Secrets of(
      List<VariantSpec> variants, Function<String, @Nullable String> environment) {
    Set<String> values = new LinkedHashSet<>();
    for (VariantSpec variant : variants) {
      if (variant.answeredInProcess()) {
        continue;
      }
      if (VariantSpec.APP.equals(variant.provider())) {
        // an app variant forwards with the key of the API each request speaks
        for (String keyVariable :
            variant.apiKeyEnv() != null
                ? List.of(variant.apiKeyEnv())
                : List.of(
                    Protocol.of(VariantSpec.OPENAI).defaultKeyVariable(),
                    Protocol.of(VariantSpec.ANTHROPIC).defaultKeyVariable())) {
          add(values, environment.apply(keyVariable), MIN_SECRET);
        }
      } else {
        String keyVariable =
            variant.apiKeyEnv() != null
                ? variant.apiKeyEnv()
                : Protocol.of(variant.provider()).defaultKeyVariable();
        add(values, environment.apply(keyVariable), MIN_SECRET);
      }
      variant
          .headers()
          .forEach(
              (name, value) ->
                  add(values, value, credentialName(name) ? MIN_SECRET : MIN_HEADER_VALUE));
      if (variant.baseUrl() != null) {
        userInfo(variant.baseUrl(), values);
      }
    }
    return new Secrets(List.copyOf(values));
  }

  /** Secrets given as they are (tests, callers that know them). */
  public static Secrets of(List<String> values) {
    return new Secrets(values.stream().filter(v -> v.length() >= MIN_SECRET).distinct().toList());
  }

  private static boolean credentialName(String header) {
    String name = header.toLowerCase(Locale.ROOT);
    for (String word : new String[] {"auth", "key", "token", "secret", "cookie", "password"}) {
      if (name.contains(word)) {
        return true;
      }
    }
    return false;
  }

  private static void add(Set<String> values, @Nullable String value, int minimum) {
    if (value == null) {
      return;
    }
    String trimmed = value.strip();
    if (trimmed.length() >= minimum) {
      values.add(trimmed);
      // "Bearer KEY" or "Basic B64": the credential after the scheme is as secret as the whole
      int space = trimmed.indexOf(' ');
      if (space > 0 && trimmed.length() - space - 1 >= MIN_SECRET) {
        values.add(trimmed.substring(space + 1).strip());
      }
    }
  }

  /**
   * {@code user:password} of a base URL, as written, decoded and as HTTP basic authentication
   * encodes it.
   */
  private static void userInfo(String baseUrl, Set<String> values) {
    String raw;
    try {
      raw = URI.create(baseUrl.strip()).getRawUserInfo();
    } catch (IllegalArgumentException e) {
      int scheme = baseUrl.indexOf("://");
      int at = baseUrl.lastIndexOf('@');
      raw = scheme >= 0 && at > scheme ? baseUrl.substring(scheme + 3, at) : null;
    }
    if (raw == null || raw.isEmpty()) {
      return;
    }
    String decoded = URLDecoder.decode(raw, StandardCharsets.UTF_8);
    for (String form : new String[] {raw, decoded}) {
      add(values, form, MIN_SECRET);
      int colon = form.indexOf(':');
      if (colon >= 0) {
        add(values, form.substring(colon + 1), MIN_SECRET);
      }
    }
    add(
        values,
        Base64.getEncoder().encodeToString(decoded.getBytes(StandardCharsets.UTF_8)),
        MIN_SECRET);
  }

  /** The values, longest first; for the report writers' redaction. */
  public List<String> values() {
    return values;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** {@code text} with every secret value replaced by {@code [REDACTED]}. */
  public String scrub(String text) {
    String result = text;
    for (String value : values) {
      if (result.contains(value)) {
        result = result.replace(value, "[REDACTED]");
      }
    }
    return result;
  }

  /**
   * The response with its answer, error message, request id and tool-call arguments scrubbed; the
   * same instance when none held a secret.
   */
  public ModelResponse scrub(ModelResponse response) {
    if (values.isEmpty()) {
      return response;
    }
    return response.mapText(this::scrub);
  }
}

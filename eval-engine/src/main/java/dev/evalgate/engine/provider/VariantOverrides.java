package dev.evalgate.engine.provider;

import dev.evalgate.api.Parameters;
import dev.evalgate.api.Pricing;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.config.Settings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Applies {@code evalgate.variant.NAME.KEY} configuration to a variant, so a build can point the
 * control at a staging gateway or a local server without editing the suite.
 */
public final class VariantOverrides {
  /** The keys that may follow {@code evalgate.variant.NAME.}. */
  public static final Set<String> KEYS = Set.of("base-url", "model", "api-key-env", "provider", "temperature", "top-p",
      "max-tokens", "seed", "timeout", "pricing.input", "pricing.output", "stream");

  private VariantOverrides() {}

  public static VariantSpec apply(VariantSpec variant, Settings settings) {
    String prefix = Constants.VARIANT_PREFIX + variant.name() + ".";
    VariantSpec v = variant;
    String baseUrl = settings.stringOrNull(prefix + "base-url");
    if (baseUrl != null) {
      v = v.withBaseUrl(baseUrl);
    }
    String model = settings.stringOrNull(prefix + "model");
    if (model != null) {
      v = v.withModel(model);
    }
    String keyEnv = settings.stringOrNull(prefix + "api-key-env");
    if (keyEnv != null) {
      v = v.withApiKeyEnv(keyEnv);
    }
    String provider = settings.stringOrNull(prefix + "provider");
    if (provider != null) {
      if (provider.equals(VariantSpec.OPENAI) || provider.equals(VariantSpec.ANTHROPIC)) {
        v = new VariantSpec(v.name(), v.control(), provider, v.model(), v.baseUrl(), v.apiKeyEnv(), v.headers(), v.parameters(),
            v.prompt(), v.timeout(), v.pricing(), v.function());
      } else {
        settings.invalid(prefix + "provider", provider, "openai or anthropic", v.provider());
      }
    }
    Parameters p = v.parameters();
    if (settings.raw(prefix + "temperature").isPresent()) {
      p = p.withTemperature(settings.decimal(prefix + "temperature", p.temperature() == null ? 1.0 : p.temperature(), 0, 2));
    }
    if (settings.raw(prefix + "top-p").isPresent()) {
      p = p.withTopP(settings.decimal(prefix + "top-p", p.topP() == null ? 1.0 : p.topP(), 0, 1));
    }
    if (settings.raw(prefix + "max-tokens").isPresent()) {
      p = p.withMaxTokens(settings.integer(prefix + "max-tokens", p.maxTokens() == null ? 1024 : p.maxTokens(), 1, 10_000_000));
    }
    if (settings.raw(prefix + "seed").isPresent()) {
      p = p.withSeed(settings.longValue(prefix + "seed", p.seed() == null ? 0 : p.seed()));
    }
    if (settings.raw(prefix + "stream").isPresent()) {
      p = p.withStream(settings.bool(prefix + "stream", p.stream()));
    }
    v = v.withParameters(p);
    if (settings.raw(prefix + "timeout").isPresent()) {
      v = v.withTimeout(settings.duration(prefix + "timeout", v.timeout() == null ? Duration.ofSeconds(60) : v.timeout()));
    }
    if (settings.raw(prefix + "pricing.input").isPresent() || settings.raw(prefix + "pricing.output").isPresent()) {
      double input = settings.decimal(prefix + "pricing.input", v.pricing() == null ? 0 : v.pricing().inputPerMillion(), 0, 1e6);
      double output = settings.decimal(prefix + "pricing.output", v.pricing() == null ? 0 : v.pricing().outputPerMillion(), 0, 1e6);
      v = v.withPricing(new Pricing(input, output));
    }
    Map<String, String> headers = new LinkedHashMap<>(v.headers());
    String headerPrefix = prefix + "header.";
    settings.keysWithPrefix(headerPrefix).forEach(key -> headers.put(key.substring(headerPrefix.length()), settings.string(key, "")));
    return headers.equals(v.headers()) ? v : v.withHeaders(headers);
  }
}

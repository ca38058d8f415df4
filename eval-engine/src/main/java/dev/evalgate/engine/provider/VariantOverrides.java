package dev.evalgate.engine.provider;

import dev.evalgate.api.Parameters;
import dev.evalgate.api.Pricing;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.config.VariantKeys;
import dev.evalgate.engine.config.VariantSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies the {@code evalgate.variant.NAME.*} values to a variant, so a build can point the control
 * at a staging gateway or a local server without editing the suite. The values were read, typed and
 * checked at discovery ({@link VariantSettings}); what is unset keeps the suite's value.
 */
public final class VariantOverrides {
  private VariantOverrides() {}

  public static VariantSpec apply(VariantSpec variant, VariantSettings settings) {
    VariantSpec v = variant;
    String baseUrl = settings.get(VariantKeys.BASE_URL);
    if (baseUrl != null) {
      v = v.withBaseUrl(baseUrl);
    }
    String model = settings.get(VariantKeys.MODEL);
    if (model != null) {
      v = v.withModel(model);
    }
    String keyEnv = settings.get(VariantKeys.API_KEY_ENV);
    if (keyEnv != null) {
      v = v.withApiKeyEnv(keyEnv);
    }
    var provider = settings.get(VariantKeys.PROVIDER);
    if (provider != null) {
      v =
          new VariantSpec(
              v.name(),
              v.control(),
              provider.id(),
              v.model(),
              v.baseUrl(),
              v.apiKeyEnv(),
              v.headers(),
              v.parameters(),
              v.prompt(),
              v.timeout(),
              v.pricing(),
              v.function());
    }
    Parameters p = v.parameters();
    Double temperature = settings.get(VariantKeys.TEMPERATURE);
    if (temperature != null) {
      p = p.withTemperature(temperature);
    }
    Double topP = settings.get(VariantKeys.TOP_P);
    if (topP != null) {
      p = p.withTopP(topP);
    }
    Integer maxTokens = settings.get(VariantKeys.MAX_TOKENS);
    if (maxTokens != null) {
      p = p.withMaxTokens(maxTokens);
    }
    Long seed = settings.get(VariantKeys.SEED);
    if (seed != null) {
      p = p.withSeed(seed);
    }
    Boolean stream = settings.get(VariantKeys.STREAM);
    if (stream != null) {
      p = p.withStream(stream);
    }
    v = v.withParameters(p);
    Duration timeout = settings.get(VariantKeys.TIMEOUT);
    if (timeout != null) {
      v = v.withTimeout(timeout);
    }
    Double input = settings.get(VariantKeys.PRICING_INPUT);
    Double output = settings.get(VariantKeys.PRICING_OUTPUT);
    if (input != null || output != null) {
      Pricing suite = v.pricing();
      v =
          v.withPricing(
              new Pricing(
                  input != null ? input : suite == null ? 0 : suite.inputPerMillion(),
                  output != null ? output : suite == null ? 0 : suite.outputPerMillion()));
    }
    if (settings.headers().isEmpty()) {
      return v;
    }
    Map<String, String> headers = new LinkedHashMap<>(v.headers());
    headers.putAll(settings.headers());
    return v.withHeaders(headers);
  }
}

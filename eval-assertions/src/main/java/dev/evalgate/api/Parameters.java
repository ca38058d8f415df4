package dev.evalgate.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Sampling parameters of a variant; {@code null} leaves the provider's default.
 *
 * @param responseFormat {@code text}, {@code json} (JSON mode) or {@code schema:LOCATION} (structured
 *     output constrained by the JSON Schema at that classpath or file location)
 */
public record Parameters(
    @Nullable Double temperature,
    @Nullable Double topP,
    @Nullable Integer maxTokens,
    @Nullable Long seed,
    List<String> stop,
    @Nullable String responseFormat) {

  public static final Parameters DEFAULTS = new Parameters(null, null, null, null, List.of(), null);

  public Parameters {
    stop = List.copyOf(stop);
  }

  public Parameters withTemperature(@Nullable Double value) {
    return new Parameters(value, topP, maxTokens, seed, stop, responseFormat);
  }

  public Parameters withTopP(@Nullable Double value) {
    return new Parameters(temperature, value, maxTokens, seed, stop, responseFormat);
  }

  public Parameters withMaxTokens(@Nullable Integer value) {
    return new Parameters(temperature, topP, value, seed, stop, responseFormat);
  }

  public Parameters withSeed(@Nullable Long value) {
    return new Parameters(temperature, topP, maxTokens, value, stop, responseFormat);
  }

  public Parameters withStop(List<String> value) {
    return new Parameters(temperature, topP, maxTokens, seed, value, responseFormat);
  }

  public Parameters withResponseFormat(@Nullable String value) {
    return new Parameters(temperature, topP, maxTokens, seed, stop, value);
  }
}

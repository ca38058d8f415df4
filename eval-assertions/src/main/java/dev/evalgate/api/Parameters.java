package dev.evalgate.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Sampling parameters of a variant; {@code null} leaves the provider's default.
 *
 * @param responseFormat {@code text}, {@code json} (JSON mode) or {@code schema:LOCATION}
 *     (structured output constrained by the JSON Schema at that classpath or file location)
 * @param stream whether the answer is asked for as a stream (server-sent events), so that its time
 *     to first token is measured; the answer is the same either way, and so is its recording key
 */
public record Parameters(
    @Nullable Double temperature,
    @Nullable Double topP,
    @Nullable Integer maxTokens,
    @Nullable Long seed,
    List<String> stop,
    @Nullable String responseFormat,
    boolean stream) {

  public static final Parameters DEFAULTS = new Parameters(null, null, null, null, List.of(), null);

  public Parameters {
    stop = List.copyOf(stop);
  }

  /** Parameters of an answer that is not streamed. */
  public Parameters(
      @Nullable Double temperature,
      @Nullable Double topP,
      @Nullable Integer maxTokens,
      @Nullable Long seed,
      List<String> stop,
      @Nullable String responseFormat) {
    this(temperature, topP, maxTokens, seed, stop, responseFormat, false);
  }

  public Parameters withTemperature(@Nullable Double value) {
    return new Parameters(value, topP, maxTokens, seed, stop, responseFormat, stream);
  }

  public Parameters withTopP(@Nullable Double value) {
    return new Parameters(temperature, value, maxTokens, seed, stop, responseFormat, stream);
  }

  public Parameters withMaxTokens(@Nullable Integer value) {
    return new Parameters(temperature, topP, value, seed, stop, responseFormat, stream);
  }

  public Parameters withSeed(@Nullable Long value) {
    return new Parameters(temperature, topP, maxTokens, value, stop, responseFormat, stream);
  }

  public Parameters withStop(List<String> value) {
    return new Parameters(temperature, topP, maxTokens, seed, value, responseFormat, stream);
  }

  public Parameters withResponseFormat(@Nullable String value) {
    return new Parameters(temperature, topP, maxTokens, seed, stop, value, stream);
  }

  public Parameters withStream(boolean value) {
    return new Parameters(temperature, topP, maxTokens, seed, stop, responseFormat, value);
  }
}

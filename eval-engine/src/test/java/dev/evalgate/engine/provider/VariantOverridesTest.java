package dev.evalgate.engine.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.api.Pricing;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.config.ProviderName;
import dev.evalgate.engine.config.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VariantOverridesTest {
  static final VariantSpec SUITE =
      VariantSpec.http("casual", VariantSpec.OPENAI, "gpt-4o-mini")
          .withHeaders(Map.of("X-Team", "evals"))
          .withPricing(new Pricing(0.15, 0.6));

  static VariantSpec applied(Map<String, String> values) {
    return applied(SUITE, values);
  }

  static VariantSpec applied(VariantSpec suite, Map<String, String> values) {
    EngineConfiguration config =
        EngineConfiguration.from(
            Settings.of(k -> Optional.ofNullable(values.get(k)), values::keySet));
    return VariantOverrides.apply(suite, config.variant(suite.name()));
  }

  @Test
  void everyKeyReplacesTheSuitesValue() {
    VariantSpec v =
        applied(
            Map.of(
                "evalgate.variant.casual.base-url", "http://127.0.0.1:8080/v1",
                "evalgate.variant.casual.model", "claude-haiku",
                "evalgate.variant.casual.api-key-env", "GATEWAY_KEY",
                "evalgate.variant.casual.provider", "anthropic",
                "evalgate.variant.casual.temperature", "0.2",
                "evalgate.variant.casual.top-p", "0.9",
                "evalgate.variant.casual.max-tokens", "256",
                "evalgate.variant.casual.seed", "7",
                "evalgate.variant.casual.timeout", "1500ms",
                "evalgate.variant.casual.header.X-Gateway", "abc"));

    assertThat(v.baseUrl()).isEqualTo("http://127.0.0.1:8080/v1");
    assertThat(v.model()).isEqualTo("claude-haiku");
    assertThat(v.apiKeyEnv()).isEqualTo("GATEWAY_KEY");
    assertThat(v.provider()).isEqualTo(VariantSpec.ANTHROPIC);
    assertThat(v.parameters().temperature()).isEqualTo(0.2);
    assertThat(v.parameters().topP()).isEqualTo(0.9);
    assertThat(v.parameters().maxTokens()).isEqualTo(256);
    assertThat(v.parameters().seed()).isEqualTo(7L);
    assertThat(v.timeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(v.headers()).containsEntry("X-Team", "evals").containsEntry("X-Gateway", "abc");
  }

  @Test
  void streamTurnsTheSuitesStreamingOnAndOff() {
    assertThat(applied(Map.of("evalgate.variant.casual.stream", "true")).parameters().stream())
        .isTrue();
    assertThat(
            applied(
                SUITE.withParameters(SUITE.parameters().withStream(true)),
                Map.of("evalgate.variant.casual.stream", "false"))
                .parameters()
                .stream())
        .isFalse();
    assertThat(applied(Map.of("evalgate.variant.casual.stream", "maybe"))).isEqualTo(SUITE);
  }

  @Test
  void oneOfTheTwoPricesKeepsTheOtherFromTheSuite() {
    assertThat(applied(Map.of("evalgate.variant.casual.pricing.output", "1.2")).pricing())
        .isEqualTo(new Pricing(0.15, 1.2));
  }

  @Test
  void anInvalidOrUnknownKeyLeavesTheSuitesVariantAsItIs() {
    assertThat(
            applied(
                Map.of(
                    "evalgate.variant.casual.temperature",
                    "hot",
                    "evalgate.variant.casual.provider",
                    "gemini",
                    "evalgate.variant.casual.tempreature",
                    "0.2",
                    "evalgate.variant.formal.model",
                    "x")))
        .isEqualTo(SUITE);
  }

  @Test
  void theProviderNamesOfTheConfigurationAreTheVariantsProviders() {
    assertThat(Arrays.stream(ProviderName.values()).map(ProviderName::id))
        .containsExactlyInAnyOrder(VariantSpec.OPENAI, VariantSpec.ANTHROPIC);
  }
}

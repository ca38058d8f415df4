package dev.evalgate.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EngineConfigurationTest {
  static Settings settings(Map<String, String> values) {
    return Settings.of(key -> Optional.ofNullable(values.get(key)), values::keySet);
  }

  @Test
  void defaultsArePinned() {
    Settings settings = Settings.defaults();
    EngineConfiguration config = EngineConfiguration.from(settings);

    assertThat(config.recordingMode()).isEqualTo(RecordingMode.REPLAY);
    assertThat(config.recordingDir()).isEqualTo(Path.of("src/test/resources/evalgate/recordings"));
    assertThat(config.concurrency()).isEqualTo(16);
    assertThat(config.concurrencyPerVariant()).isEqualTo(16);
    assertThat(config.requestsPerMinute()).isZero();
    assertThat(config.tokensPerMinute()).isZero();
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.retryMaxAttempts()).isEqualTo(4);
    assertThat(config.retryInitialDelay()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.retryMaxDelay()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.progress()).isEqualTo(ProgressMode.AUTO);
    assertThat(config.datasetLimit()).isZero();
    assertThat(config.datasetSample()).isZero();
    assertThat(config.datasetValidate()).isTrue();
    assertThat(config.seed()).isNull();
    assertThat(config.shard()).isEqualTo(Shard.WHOLE);
    assertThat(config.gateInconclusive()).isEqualTo(InconclusivePolicy.FAIL);
    assertThat(config.baseline()).isNull();
    assertThat(config.outputDir()).isEqualTo(Path.of("target/evalgate"));
    assertThat(config.allureResultsDir()).isEqualTo(Path.of("target/allure-results"));
    assertThat(config.allureEnabled()).isTrue();
    assertThat(config.redact()).isEqualTo("email,card,phone,secrets");
    assertThat(settings.warnings()).isEmpty();
  }

  @Test
  void invalidValuesWarnNamingTheKeyAndFallBackToTheDefault() {
    Settings settings =
        settings(
            Map.of(
                Constants.CONCURRENCY, "lots",
                Constants.RECORDING_MODE, "rewind",
                Constants.TIMEOUT, "-3s"));

    EngineConfiguration config = EngineConfiguration.from(settings);

    assertThat(config.concurrency()).isEqualTo(16);
    assertThat(config.recordingMode()).isEqualTo(RecordingMode.REPLAY);
    assertThat(settings.errors()).isEmpty();
    assertThat(settings.warnings())
        .containsExactlyInAnyOrder(
            "Invalid value 'rewind' for configuration parameter 'evalgate.recording.mode': expected"
                + " one of auto, off, record, refresh, replay; using the default 'replay'.",
            "Invalid value 'lots' for configuration parameter 'evalgate.concurrency': expected a"
                + " whole number from 1 to 4096; using the default '16'.",
            "Invalid value '-3s' for configuration parameter 'evalgate.timeout': expected a"
                + " positive duration such as 500ms, 30s, 2m or PT30S; using the default '60s'.");
  }

  /** Falling back to 1/1 would make every CI shard run the whole dataset. */
  @ParameterizedTest
  @ValueSource(strings = {"3/2", "0/4", "two", "2/4/6", "-1/4"})
  void anInvalidShardIsAnErrorNamingTheKeyTheValueAndTheExpectedForm(String shard) {
    Settings settings = settings(Map.of(Constants.SHARD, shard));

    EngineConfiguration.from(settings);

    assertThat(settings.warnings()).isEmpty();
    assertThat(settings.errors())
        .containsExactly(
            "Invalid value '"
                + shard
                + "' for configuration parameter 'evalgate.shard': expected INDEX/COUNT with 1 <="
                + " INDEX <= COUNT, such as 2/4. Nothing runs until it is fixed: the default '1/1'"
                + " would run every case in every shard.");
  }

  /** 0 would read as "none" to some users: falling back to every case must not be silent. */
  @ParameterizedTest
  @CsvSource({
    "evalgate.dataset.limit, 0",
    "evalgate.dataset.limit, -1",
    "evalgate.dataset.limit, some",
    "evalgate.dataset.sample, 0",
    "evalgate.dataset.sample, 2.5"
  })
  void aLimitOrSampleThatIsNotAPositiveNumberOfCasesIsAnError(String key, String value) {
    Settings settings = settings(Map.of(key, value));

    EngineConfiguration.from(settings);

    assertThat(settings.warnings()).isEmpty();
    assertThat(settings.errors())
        .containsExactly(
            "Invalid value '"
                + value
                + "' for configuration parameter '"
                + key
                + "': expected a positive number of cases (leave the key unset to run every case)."
                + " Nothing runs until it is fixed: the default 'all' would run every case.");
  }

  @Test
  void aPositiveLimitAndSampleAreRead() {
    Settings settings =
        settings(Map.of(Constants.DATASET_LIMIT, "1", Constants.DATASET_SAMPLE, "1_000"));

    EngineConfiguration config = EngineConfiguration.from(settings);

    assertThat(config.datasetLimit()).isEqualTo(1);
    assertThat(config.datasetSample()).isEqualTo(1000);
    assertThat(settings.errors()).isEmpty();
    assertThat(settings.warnings()).isEmpty();
  }

  @Test
  void anOtelEndpointMustBeAnHttpUrlAndTelemetryIsOffWithoutOne() {
    Settings settings = settings(Map.of(Constants.OTEL_ENDPOINT, "localhost:4318"));

    EngineConfiguration config = EngineConfiguration.from(settings);

    assertThat(config.telemetry().enabled()).isFalse();
    assertThat(EngineConfiguration.defaults().telemetry().enabled()).isFalse();
    assertThat(settings.warnings())
        .containsExactly(
            "Invalid value 'localhost:4318' for configuration parameter 'evalgate.otel.endpoint':"
                + " expected an http or https URL such as http://localhost:4318; using the default"
                + " 'none'.");
    assertThat(
            EngineConfiguration.from(
                    settings(Map.of(Constants.OTEL_ENDPOINT, "http://collector:4318")))
                .telemetry()
                .endpoint())
        .hasToString("http://collector:4318");
  }

  @Test
  void valuesAreParsed() {
    EngineConfiguration config =
        EngineConfiguration.from(
            settings(
                Map.of(
                    Constants.CONCURRENCY,
                    "64",
                    Constants.TIMEOUT,
                    "1500ms",
                    Constants.SHARD,
                    "2/4",
                    Constants.SEED,
                    "7",
                    "allure.results.directory",
                    "build/allure")));

    assertThat(config.concurrency()).isEqualTo(64);
    assertThat(config.concurrencyPerVariant()).isEqualTo(64);
    assertThat(config.timeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(config.shard()).isEqualTo(new Shard(2, 4));
    assertThat(config.seed()).isEqualTo(7L);
    assertThat(config.allureResultsDir()).isEqualTo(Path.of("build/allure"));
  }

  @Test
  void perVariantValuesAreTypedAndGroupedByVariant() {
    EngineConfiguration config =
        EngineConfiguration.from(
            settings(
                Map.of(
                    "evalgate.variant.casual.temperature", "0.2",
                    "evalgate.variant.casual.provider", "Anthropic",
                    "evalgate.variant.casual.header.X-Team", "evals",
                    "evalgate.variant.gpt-4.1.max-tokens", "256",
                    "evalgate.variant.gpt-4.1.pricing.input", "2.5",
                    "evalgate.variant.gpt-4.1.timeout", "1500ms")));

    VariantSettings casual = config.variant("casual");
    assertThat(casual.get(VariantKeys.TEMPERATURE)).isEqualTo(0.2);
    assertThat(casual.get(VariantKeys.PROVIDER)).isEqualTo(ProviderName.ANTHROPIC);
    assertThat(casual.headers()).containsExactly(Map.entry("X-Team", "evals"));
    assertThat(casual.get(VariantKeys.MODEL)).isNull();
    VariantSettings dotted = config.variant("gpt-4.1");
    assertThat(dotted.get(VariantKeys.MAX_TOKENS)).isEqualTo(256);
    assertThat(dotted.get(VariantKeys.PRICING_INPUT)).isEqualTo(2.5);
    assertThat(dotted.get(VariantKeys.TIMEOUT)).isEqualTo(Duration.ofMillis(1500));
    assertThat(config.variant("formal").values()).isEmpty();
  }

  @Test
  void anInvalidPerVariantValueWarnsAndKeepsTheSuitesValue() {
    Settings settings =
        settings(
            Map.of(
                "evalgate.variant.casual.temperature", "hot",
                "evalgate.variant.casual.provider", "gemini",
                "evalgate.variant.casual.max-tokens", "0",
                "evalgate.variant.casual.timeout", "soon"));

    VariantSettings casual = EngineConfiguration.from(settings).variant("casual");

    assertThat(casual.values()).isEmpty();
    assertThat(settings.warnings())
        .containsExactly(
            "Invalid value '0' for configuration parameter 'evalgate.variant.casual.max-tokens':"
                + " expected a whole number from 1 to 10000000; using the suite's value for variant"
                + " 'casual'.",
            "Invalid value 'gemini' for configuration parameter 'evalgate.variant.casual.provider':"
                + " expected one of anthropic, openai; using the suite's value for variant"
                + " 'casual'.",
            "Invalid value 'hot' for configuration parameter 'evalgate.variant.casual.temperature':"
                + " expected a number from 0 to 2; using the suite's value for variant 'casual'.",
            "Invalid value 'soon' for configuration parameter 'evalgate.variant.casual.timeout':"
                + " expected a positive duration such as 500ms, 30s, 2m or PT30S; using the suite's"
                + " value for variant 'casual'.");
  }

  @Test
  void anUnknownKeyWarnsWithTheNearestKnownKey() {
    Settings settings =
        settings(
            Map.of(
                "evalgate.concurency", "4",
                "evalgate.variant.casual.tempreature", "0.2",
                "evalgate.variant.casual.flavour", "mint",
                "evalgate.colour", "blue"));

    EngineConfiguration config = EngineConfiguration.from(settings);

    assertThat(config.concurrency()).isEqualTo(16);
    assertThat(config.variant("casual").values()).isEmpty();
    String variantKeys =
        "evalgate.variant.casual.KEY with KEY one of base-url, model, api-key-env, provider,"
            + " temperature, top-p, max-tokens, seed, timeout, pricing.input, pricing.output,"
            + " stream, header.NAME; it is ignored.";
    assertThat(settings.warnings())
        .containsExactly(
            "Unknown configuration parameter 'evalgate.variant.casual.flavour' (value 'mint'):"
                + " expected "
                + variantKeys,
            "Unknown configuration parameter 'evalgate.variant.casual.tempreature' (value '0.2'):"
                + " did you mean 'evalgate.variant.casual.temperature'? Expected "
                + variantKeys,
            "Unknown configuration parameter 'evalgate.colour' (value 'blue'): expected one of the"
                + " keys in docs/configuration.md; it is ignored.",
            "Unknown configuration parameter 'evalgate.concurency' (value '4'): did you mean"
                + " 'evalgate.concurrency'? Expected one of the keys in docs/configuration.md; it"
                + " is ignored.");
  }

  /**
   * The JUnit Platform takes a configuration parameter given to the launcher (Surefire's
   * configurationParameters) over the system property of the same key: -D on mvn's command line
   * then loses, which must not go unsaid.
   */
  @Test
  void aSystemPropertyThatAConfigurationParameterOverridesIsWarnedAbout() {
    System.setProperty(Constants.SEED, "44");
    System.setProperty(Constants.RECORDING_MODE, "replay");
    System.setProperty("evalgate.variant.casual.header.X-Api-Token", "s3cret-token-1");
    try {
      Settings settings =
          settings(
              Map.of(
                  Constants.SEED,
                  "33",
                  Constants.RECORDING_MODE,
                  " replay ",
                  "evalgate.variant.casual.header.X-Api-Token",
                  "other-token-22"));

      EngineConfiguration config = EngineConfiguration.from(settings);

      assertThat(config.seed()).isEqualTo(33L);
      assertThat(settings.warnings())
          .containsExactly(
              "Configuration parameter 'evalgate.seed' is '33' where the JUnit Platform is"
                  + " given it (Surefire's configurationParameters, the console launcher's"
                  + " --config, an IDE's run configuration), and that wins over the system"
                  + " property -Devalgate.seed=44; the run uses '33'. Set the key in one place.",
              "Configuration parameter 'evalgate.variant.casual.header.X-Api-Token' is"
                  + " '[REDACTED]' where the JUnit Platform is given it (Surefire's"
                  + " configurationParameters, the console launcher's --config, an IDE's run"
                  + " configuration), and that wins over the system property"
                  + " -Devalgate.variant.casual.header.X-Api-Token=[REDACTED]; the run uses"
                  + " '[REDACTED]'. Set the key in one place.");
    } finally {
      System.clearProperty(Constants.SEED);
      System.clearProperty(Constants.RECORDING_MODE);
      System.clearProperty("evalgate.variant.casual.header.X-Api-Token");
    }
  }

  @Test
  void keysOfTheMavenPluginAndOfOtherToolsAreNotWarnedAbout() {
    Settings settings =
        settings(
            Map.of(
                Constants.SKIP,
                "true",
                Constants.INCONCLUSIVE,
                "warn",
                Constants.RESULTS_DIRECTORY,
                "target/x",
                "evalgate.version",
                "0.1.0",
                "evalgate.test.chromium.required",
                "true",
                "evalgateway.url",
                "http://x",
                "allure.results.directory",
                "build/allure",
                "junit.jupiter.execution.parallel.enabled",
                "true"));

    EngineConfiguration.from(settings);

    assertThat(settings.warnings()).isEmpty();
  }

  @Test
  void anUnknownKeysValueIsNotShownWhenItMayBeACredential() {
    Settings settings =
        settings(
            Map.of(
                "evalgate.variant.casual.heder.Authorization", "Bearer abcdefghijklmnopqrstuvwxyz",
                "evalgate.api-key", "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789"));

    EngineConfiguration.from(settings);

    assertThat(settings.warnings())
        .hasSize(2)
        .allSatisfy(
            w ->
                assertThat(w)
                    .contains("(value '[REDACTED]')")
                    .doesNotContain("abcdefghijklmnopqrstuvwxyz"));
  }
}

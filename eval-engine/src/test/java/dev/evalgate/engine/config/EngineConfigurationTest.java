package dev.evalgate.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineConfigurationTest {
  static Settings settings(Map<String, String> values) {
    return Settings.of(key -> Optional.ofNullable(values.get(key)));
  }

  @Test
  void defaultsArePinned() {
    Settings settings = Settings.defaults();
    EngineConfiguration config = EngineConfiguration.from(settings);

    assertThat(config.recordingMode()).isEqualTo("replay");
    assertThat(config.recordingDir()).isEqualTo(Path.of("src/test/resources/evalgate/recordings"));
    assertThat(config.concurrency()).isEqualTo(16);
    assertThat(config.concurrencyPerVariant()).isEqualTo(16);
    assertThat(config.requestsPerMinute()).isZero();
    assertThat(config.tokensPerMinute()).isZero();
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.retryMaxAttempts()).isEqualTo(4);
    assertThat(config.retryInitialDelay()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.retryMaxDelay()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.progress()).isEqualTo("auto");
    assertThat(config.datasetLimit()).isZero();
    assertThat(config.datasetSample()).isZero();
    assertThat(config.datasetValidate()).isTrue();
    assertThat(config.seed()).isNull();
    assertThat(config.shard()).isEqualTo(Shard.WHOLE);
    assertThat(config.gateInconclusive()).isEqualTo("fail");
    assertThat(config.baseline()).isNull();
    assertThat(config.outputDir()).isEqualTo(Path.of("target/evalgate"));
    assertThat(config.allureResultsDir()).isEqualTo(Path.of("target/allure-results"));
    assertThat(config.allureEnabled()).isTrue();
    assertThat(config.redact()).isEqualTo("email,card,phone,secrets");
    assertThat(settings.warnings()).isEmpty();
  }

  @Test
  void invalidValuesWarnNamingTheKeyAndFallBackToTheDefault() {
    Settings settings = settings(Map.of(
        Constants.CONCURRENCY, "lots",
        Constants.RECORDING_MODE, "rewind",
        Constants.TIMEOUT, "-3s",
        Constants.SHARD, "3/2"));

    EngineConfiguration config = EngineConfiguration.from(settings);

    assertThat(config.concurrency()).isEqualTo(16);
    assertThat(config.recordingMode()).isEqualTo("replay");
    assertThat(config.shard()).isEqualTo(Shard.WHOLE);
    assertThat(settings.warnings()).containsExactlyInAnyOrder(
        "Invalid value 'rewind' for configuration parameter 'evalgate.recording.mode': expected one of auto, off, record, refresh, replay; using the default 'replay'.",
        "Invalid value 'lots' for configuration parameter 'evalgate.concurrency': expected a whole number from 1 to 4096; using the default '16'.",
        "Invalid value '-3s' for configuration parameter 'evalgate.timeout': expected a positive duration such as 500ms, 30s, 2m or PT30S; using the default '60s'.",
        "Invalid value '3/2' for configuration parameter 'evalgate.shard': expected I/N with 1 <= I <= N; using the default '1/1'.");
  }

  @Test
  void valuesAreParsed() {
    EngineConfiguration config = EngineConfiguration.from(settings(Map.of(
        Constants.CONCURRENCY, "64", Constants.TIMEOUT, "1500ms", Constants.SHARD, "2/4", Constants.SEED, "7",
        "allure.results.directory", "build/allure")));

    assertThat(config.concurrency()).isEqualTo(64);
    assertThat(config.concurrencyPerVariant()).isEqualTo(64);
    assertThat(config.timeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(config.shard()).isEqualTo(new Shard(2, 4));
    assertThat(config.seed()).isEqualTo(7L);
    assertThat(config.allureResultsDir()).isEqualTo(Path.of("build/allure"));
  }
}

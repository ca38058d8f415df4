package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuietLoggingTest {
  @TempDir Path dir;
  String saved;

  @BeforeEach
  void save() {
    saved = System.getProperty(QuietLogging.VERBOSITY);
    System.clearProperty(QuietLogging.VERBOSITY);
  }

  @AfterEach
  void restore() {
    if (saved == null) {
      System.clearProperty(QuietLogging.VERBOSITY);
    } else {
      System.setProperty(QuietLogging.VERBOSITY, saved);
    }
  }

  @Test
  void aClassPathWithoutAnSlf4jProviderGetsSlf4jsOwnWarningsSilenced() {
    assertThat(QuietLogging.apply(new URLClassLoader(new URL[0], null))).isTrue();
    assertThat(System.getProperty(QuietLogging.VERBOSITY)).isEqualTo("ERROR");
  }

  @Test
  void aProjectWithAProviderOrItsOwnSettingIsLeftAlone() throws Exception {
    Path services = dir.resolve("META-INF/services/org.slf4j.spi.SLF4JServiceProvider");
    Files.createDirectories(services.getParent());
    Files.writeString(services, "ch.qos.logback.classic.spi.LogbackServiceProvider\n");

    assertThat(QuietLogging.apply(new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)))
        .isFalse();
    assertThat(System.getProperty(QuietLogging.VERBOSITY)).isNull();

    System.setProperty(QuietLogging.VERBOSITY, "WARN");
    assertThat(QuietLogging.apply(new URLClassLoader(new URL[0], null))).isFalse();
    assertThat(System.getProperty(QuietLogging.VERBOSITY)).isEqualTo("WARN");
  }
}

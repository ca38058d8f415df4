package dev.evalgate.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.engine.config.Key;
import dev.evalgate.engine.config.Keys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The goals' {@code evalgate.*} properties are keys the engine knows (so a {@code -D} given to
 * Maven, which reaches the test JVM too, is not warned about as unknown), with the defaults its key
 * registry and {@code docs/configuration.md} state. Read from the plugin descriptor the build
 * generates.
 */
class PluginPropertiesTest {
  /**
   * A parameter of a goal's configuration: {@code <skip implementation="boolean"
   * default-value="false">${evalgate.skip}</skip>}.
   */
  private static final Pattern PARAMETER =
      Pattern.compile(
          "<(\\w+) implementation=\"[^\"]*\"(?:"
              + " default-value=\"([^\"]*)\")?>\\$\\{(evalgate\\.[^}]+)}</\\1>");

  @Test
  void everyPropertyOfTheGoalsIsAKnownKeyWithTheDefaultTheRegistryStates() throws IOException {
    Map<String, String> properties = new TreeMap<>();
    Matcher m = PARAMETER.matcher(descriptor());
    while (m.find()) {
      properties.put(m.group(3), m.group(2) == null ? "(none)" : m.group(2));
    }
    assertThat(properties).isNotEmpty();

    Map<String, String> registry = new TreeMap<>();
    for (String property : properties.keySet()) {
      Key<?> key = Keys.named(property).orElse(null);
      registry.put(
          property,
          key == null ? "(not a key)" : key.defaultValue() == null ? "(none)" : key.defaultText());
    }
    assertThat(properties).isEqualTo(registry);
    assertThat(properties.keySet()).containsAll(Keys.MAVEN_PLUGIN.stream().map(Key::name).toList());
  }

  private static String descriptor() throws IOException {
    try (InputStream in =
        PluginPropertiesTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
      assertThat(in).as("the plugin descriptor, generated before the tests run").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

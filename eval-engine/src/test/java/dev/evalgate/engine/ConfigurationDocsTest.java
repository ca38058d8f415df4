package dev.evalgate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.config.Key;
import dev.evalgate.engine.config.Keys;
import dev.evalgate.engine.config.VariantKeys;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The configuration page, the key registry ({@link Keys}, {@link VariantKeys}) and {@link
 * Constants} state the same keys with the same defaults: configuration is a contract.
 */
class ConfigurationDocsTest {
  private static final Path PAGE = Path.of("..", "docs", "configuration.md");
  private static final Path CONSTANTS =
      Path.of("src", "main", "java", "dev", "evalgate", "engine", "config", "Constants.java");

  /** A row of the key table: {@code | `KEY` | DEFAULT | meaning |}. */
  private static final Pattern ROW =
      Pattern.compile("^\\| `(evalgate\\.[A-Za-z0-9.\\-]*)` \\| ([^|]*) \\|", Pattern.MULTILINE);

  /** Every key of the registry with its default as the docs state it (backticks aside). */
  static Map<String, String> registry() {
    Map<String, String> keys = new TreeMap<>();
    Stream.concat(Keys.ENGINE.stream(), Keys.MAVEN_PLUGIN.stream())
        .forEach(k -> keys.put(k.name(), k.defaultText()));
    for (Key<?> key : VariantKeys.ALL) {
      keys.put(Constants.VARIANT_PREFIX + "NAME." + key.name(), key.defaultText());
    }
    keys.put(
        Constants.VARIANT_PREFIX + "NAME." + VariantKeys.HEADER + "NAME", VariantKeys.SUITE_VALUE);
    return keys;
  }

  static Map<String, String> documented() throws IOException {
    Map<String, String> keys = new TreeMap<>();
    Matcher m = ROW.matcher(Files.readString(PAGE));
    while (m.find()) {
      keys.put(m.group(1), m.group(2).replace("`", "").trim());
    }
    return keys;
  }

  /** The keys {@link Constants} declares (the prefixes aside). */
  static Set<String> constants() throws IllegalAccessException {
    Set<String> keys = new TreeSet<>();
    for (Field field : Constants.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        String value = (String) field.get(null);
        if (value.startsWith(Constants.PREFIX) && !value.endsWith(".")) {
          keys.add(value);
        }
      }
    }
    return keys;
  }

  @Test
  void everyKeyIsDocumentedWithItsDefaultAndEveryDocumentedKeyExists() throws IOException {
    assertThat(documented()).isEqualTo(registry());
  }

  @Test
  void everyKeyOfConstantsIsInTheRegistryAndBack() throws IllegalAccessException {
    Set<String> registered = new TreeSet<>();
    Stream.concat(Keys.ENGINE.stream(), Keys.MAVEN_PLUGIN.stream())
        .forEach(k -> registered.add(k.name()));
    assertThat(constants()).isEqualTo(registered);
  }

  @Test
  void everyKeyHasItsOwnJavadocInConstants() throws IOException {
    assertThat(undocumented(Files.readString(CONSTANTS))).isEmpty();
  }

  @Test
  void theJavadocCheckFindsAKeyWhoseOwnCommentIsMissing() throws IOException {
    String source = Files.readString(CONSTANTS);
    // the comment of CONCURRENCY removed: the comment of the key before it must not stand in for it
    int declaration = source.indexOf("public static final String CONCURRENCY =");
    int start = source.lastIndexOf("/**", declaration);
    String broken = source.substring(0, start) + source.substring(source.indexOf("*/", start) + 2);
    assertThat(undocumented(broken)).containsExactly("CONCURRENCY");
    String withoutValue =
        source.substring(0, declaration).replaceFirst("(?s)(.*)\\{@value}", "$1")
            + source.substring(declaration);
    assertThat(undocumented(withoutValue)).containsExactly("CONCURRENCY");
  }

  /**
   * The names of the {@code String} constants whose declaration is not preceded, with nothing but
   * white space between, by a Javadoc comment of their own that names the key with {@code
   * {@value}}.
   */
  static List<String> undocumented(String source) {
    List<String> undocumented = new ArrayList<>();
    Matcher declaration = Pattern.compile("public static final String (\\w+) =").matcher(source);
    Map<String, Integer> at = new LinkedHashMap<>();
    while (declaration.find()) {
      at.put(declaration.group(1), declaration.start());
    }
    at.forEach(
        (name, position) -> {
          String before = source.substring(0, position).stripTrailing();
          int open = before.lastIndexOf("/**");
          String comment = open < 0 || !before.endsWith("*/") ? "" : before.substring(open);
          if (!comment.contains("{@value}") || comment.indexOf("*/") != comment.length() - 2) {
            undocumented.add(name);
          }
        });
    return undocumented;
  }
}

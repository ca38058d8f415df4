package dev.evalgate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.engine.config.Constants;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The configuration page and {@link Constants} document the same keys: configuration is a contract. */
class ConfigurationDocsTest {
  static Set<String> constants() throws IllegalAccessException {
    Set<String> keys = new TreeSet<>();
    for (Field field : Constants.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        String value = (String) field.get(null);
        if (value.startsWith("evalgate.") && !value.equals(Constants.PREFIX)) {
          keys.add(value);
        }
      }
    }
    return keys;
  }

  static Set<String> documented() throws IOException {
    Path page = Path.of("..", "docs", "configuration.md");
    Set<String> keys = new TreeSet<>();
    Matcher m = Pattern.compile("^\\| `(evalgate\\.[a-z0-9.\\-]*)` \\|", Pattern.MULTILINE).matcher(Files.readString(page));
    while (m.find()) {
      keys.add(m.group(1));
    }
    return keys;
  }

  @Test
  void everyKeyIsDocumentedAndEveryDocumentedKeyExists() throws Exception {
    assertThat(documented()).isEqualTo(constants());
  }

  @Test
  void everyKeyHasJavadocInConstants() throws IOException, IllegalAccessException {
    String source = Files.readString(Path.of("src", "main", "java", "dev", "evalgate", "engine", "config", "Constants.java"));
    List<String> undocumented = new ArrayList<>();
    for (Field field : Constants.class.getFields()) {
      if (field.getType() == String.class && !source.contains("{@value}") ) {
        undocumented.add(field.getName());
      }
      int declaration = source.indexOf("String " + field.getName() + " =");
      String before = source.substring(Math.max(0, declaration - 400), Math.max(0, declaration));
      if (!before.contains("*/")) {
        undocumented.add(field.getName());
      }
    }
    assertThat(undocumented).isEmpty();
  }
}

package dev.evalgate.engine.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Surefire's {@code -Dtest=Class#method}, read back from the system property {@code test}, which
 * Surefire passes on to the tests as it does every {@code -D} of mvn's command line.
 *
 * <p>Surefire applies the method part as a filter on the tests that have a {@code MethodSource} and
 * keeps every other test: the tests of a suite file point at the file (criteria at their line, the
 * dataset test at the dataset), so without this the filter was ignored and the whole suite ran,
 * passing silently. The engine applies it itself: a suite class's "methods" are its cases (by id)
 * and its {@code @SuiteDefinition} methods. Patterns it cannot read ({@code !} exclusions, {@code
 * %regex[...]}) are left to Surefire.
 */
final class MethodPatterns {
  /** The system property Surefire's {@code test} parameter is passed on as. */
  static final String PROPERTY = "test";

  static final MethodPatterns NONE = new MethodPatterns(List.of());

  /** One {@code Class#m1+m2} pattern: its class part as a regular expression, and its methods. */
  private record Entry(String text, Pattern type, boolean qualified, List<String> methods) {}

  private final List<Entry> entries;

  private MethodPatterns(List<Entry> entries) {
    this.entries = entries;
  }

  static MethodPatterns fromSystemProperties() {
    String value = System.getProperty(PROPERTY);
    return value == null ? NONE : parse(value);
  }

  /** {@code SupportBotEvalTest#q-1+q-2, com/acme/*Eval, RouterEval#router}. */
  static MethodPatterns parse(String value) {
    List<Entry> entries = new ArrayList<>();
    for (String raw : value.split(",")) {
      String text = raw.trim();
      if (text.isEmpty() || text.startsWith("!") || text.startsWith("%regex[")) {
        continue;
      }
      int hash = text.indexOf('#');
      String type = hash < 0 ? text : text.substring(0, hash);
      List<String> methods =
          hash < 0 || hash == text.length() - 1
              ? List.of()
              : List.of(text.substring(hash + 1).split("\\+"));
      type = type.replaceAll("\\.(java|class)$", "").replace('/', '.').replace('\\', '.');
      boolean qualified = type.contains(".");
      entries.add(new Entry(text, glob(type.isEmpty() ? "*" : type), qualified, methods));
    }
    return new MethodPatterns(entries);
  }

  /**
   * The method parts of the patterns that name {@code type}, by pattern as written; empty when the
   * class is selected whole (no pattern names it with a method, or one names it without).
   */
  Map<String, List<String>> methodsOf(Class<?> type) {
    Map<String, List<String>> found = new LinkedHashMap<>();
    String name = type.getName();
    String simple = name.substring(name.lastIndexOf('.') + 1);
    for (Entry entry : entries) {
      if (!entry.type().matcher(entry.qualified() ? name : simple).matches()) {
        continue;
      }
      if (entry.methods().isEmpty()) {
        return Map.of();
      }
      found.put(entry.text(), entry.methods());
    }
    return found;
  }

  /** {@code **} any text, {@code *} any text within a package, {@code ?} one character. */
  private static Pattern glob(String type) {
    StringBuilder regex = new StringBuilder();
    String text = type.startsWith("**.") ? type.substring(3) : type;
    if (type.startsWith("**.")) {
      regex.append("(?:.*\\.)?");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^.]*");
      } else if (c == '?') {
        regex.append("[^.]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}

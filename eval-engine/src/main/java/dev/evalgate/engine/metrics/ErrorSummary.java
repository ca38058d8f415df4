package dev.evalgate.engine.metrics;

import dev.evalgate.engine.io.TextCut;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How a variant's errors read wherever the build shows them (the console summary, criteria and
 * verdict messages, the Markdown and HTML reports): each class with its count and first message,
 * most frequent first, e.g. {@code not_recorded 1 (first: no recording for case 'c-7' ...)}.
 */
final class ErrorSummary {
  /** The longest first message kept; a server's error body can be long. */
  static final int MAX_MESSAGE = 300;

  private ErrorSummary() {}

  static String shorten(String message) {
    String line = message.replace('\n', ' ').replace('\r', ' ');
    return TextCut.cut(line, MAX_MESSAGE);
  }

  static String describe(Map<String, Long> counts, Map<String, String> first) {
    List<Map.Entry<String, Long>> classes = new ArrayList<>(counts.entrySet());
    classes.sort(
        Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
            .reversed()
            .thenComparing(Map.Entry::getKey));
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Long> c : classes) {
      String message = first.get(c.getKey());
      parts.add(
          c.getKey() + " " + c.getValue() + (message == null ? "" : " (first: " + message + ")"));
    }
    return String.join(", ", parts);
  }
}

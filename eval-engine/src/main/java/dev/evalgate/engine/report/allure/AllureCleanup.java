package dev.evalgate.engine.report.allure;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Removes a suite's results of earlier runs from an Allure results directory before a run writes
 * its own. Allure shows every result file it finds, so without {@code mvn clean} each run's results
 * were added to the last ones' (6,003 results became 12,006, the same cases twice). Only this
 * suite's results go: those carrying its {@link AllureLayout#SUITE_LABEL} from another run (written
 * by EvalGate, or by allure-junit-platform for the suite's tests and placed by {@link
 * AllureLayout#placeRunningTest}), and those EvalGate wrote for it before results carried that
 * label (framework {@code evalgate}, suite label the suite's name). With them go the attachment
 * files that only they name (EvalGate's attachment files are never shared with another tool's
 * results), and containers all of whose children went. Nothing else is touched: another suite's or
 * another framework's results, a file that does not parse, {@code history/}. A result that does not
 * mention EvalGate is not parsed, and one is parsed only as far as its labels unless it goes.
 */
final class AllureCleanup {
  private static final JsonFactory JSON = new JsonFactory();

  private AllureCleanup() {}

  /** What one result or container file names. */
  private record Entry(
      Path file,
      @Nullable String uuid,
      Map<String, String> labels,
      List<String> sources,
      List<String> children) {}

  /**
   * @param suite the suite's name
   * @param key the suite's key ({@link AllureLayout#key})
   * @return how many result files were removed
   */
  static int removeEarlierRuns(Path directory, String suite, String key) {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    List<Entry> results = new ArrayList<>();
    List<Entry> containers = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        boolean result = name.endsWith("-result.json");
        if (!result && !name.endsWith("-container.json")) {
          continue;
        }
        Entry entry = read(file, result, labels -> earlier(labels, suite, key));
        if (entry != null) {
          (result ? results : containers).add(entry);
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    Set<String> removedUuids = new HashSet<>();
    Set<String> staleSources = new HashSet<>();
    Set<String> keptSources = new HashSet<>();
    int removed = 0;
    for (Entry entry : results) {
      if (earlier(entry.labels(), suite, key) && delete(entry.file())) {
        removed++;
        staleSources.addAll(entry.sources());
        if (entry.uuid() != null) {
          removedUuids.add(entry.uuid());
        }
      } else {
        keptSources.addAll(entry.sources());
      }
    }
    boolean more = true;
    while (more) {
      more = false;
      for (Entry container : containers) {
        if (container.uuid() != null
            && !removedUuids.contains(container.uuid())
            && !container.children().isEmpty()
            && removedUuids.containsAll(container.children())
            && delete(container.file())) {
          removedUuids.add(container.uuid());
          staleSources.addAll(container.sources());
          more = true;
        }
      }
    }
    for (Entry container : containers) {
      if (!removedUuids.contains(container.uuid())) {
        keptSources.addAll(container.sources());
      }
    }
    staleSources.removeAll(keptSources);
    for (String source : staleSources) {
      if (!source.isEmpty()
          && !source.contains("/")
          && !source.contains("\\")
          && !source.startsWith(".")) {
        delete(directory.resolve(source));
      }
    }
    return removed;
  }

  /** Whether a result with these labels is this suite's, from another run. */
  private static boolean earlier(Map<String, String> labels, String suite, String key) {
    String own = labels.get(AllureLayout.SUITE_LABEL);
    if (own != null) {
      return own.equals(key) && !AllureLayout.RUN.equals(labels.get(AllureLayout.RUN_LABEL));
    }
    return "evalgate".equals(labels.get("framework")) && suite.equals(labels.get("suite"));
  }

  private static boolean delete(Path file) {
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      return false;
    }
  }

  private static final byte[] MARK =
      "evalgate".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /**
   * The uuid, first value of each label, attachment sources (at any depth) and children of a result
   * or container file; null for a result that does not mention EvalGate (it is not one of ours and
   * is not parsed) or a file that does not parse.
   */
  private static @Nullable Entry read(
      Path file, boolean result, java.util.function.Predicate<Map<String, String>> earlier) {
    Map<String, String> labels = new HashMap<>();
    List<String> sources = new ArrayList<>();
    List<String> children = new ArrayList<>();
    String uuid = null;
    byte[] data;
    try {
      data = Files.readAllBytes(file);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (result && !contains(data, MARK)) {
      return null;
    }
    try (JsonParser parser = JSON.createParser(data)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "uuid" -> uuid = value == JsonToken.VALUE_STRING ? parser.getText() : null;
          case "labels" -> {
            readLabels(parser, labels);
            if (result && !earlier.test(labels)) {
              // kept: the rest of the file does not matter
              return new Entry(file, uuid, labels, List.of(), List.of());
            }
          }
          case "children" -> readStrings(parser, children);
          default -> collectSources(parser, field, sources);
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return new Entry(file, uuid, labels, sources, children);
  }

  private static boolean contains(byte[] data, byte[] mark) {
    outer:
    for (int i = 0; i + mark.length <= data.length; i++) {
      for (int j = 0; j < mark.length; j++) {
        if (data[i + j] != mark[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static void readLabels(JsonParser parser, Map<String, String> labels) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() == JsonToken.START_OBJECT) {
      String name = null;
      String value = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken token = parser.nextToken();
        if (field.equals("name") && token == JsonToken.VALUE_STRING) {
          name = parser.getText();
        } else if (field.equals("value") && token == JsonToken.VALUE_STRING) {
          value = parser.getText();
        } else {
          parser.skipChildren();
        }
      }
      if (name != null && value != null) {
        labels.putIfAbsent(name, value);
      }
    }
  }

  private static void readStrings(JsonParser parser, List<String> strings) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return;
    }
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
      if (token == JsonToken.VALUE_STRING) {
        strings.add(parser.getText());
      } else {
        parser.skipChildren();
      }
    }
  }

  /**
   * An open object or array: the field it is the value of ({@code attachments[]} for an element of
   * {@code attachments}).
   */
  private record Open(String owner, boolean array) {}

  /**
   * Collects the {@code source} of every object in an {@code attachments} array, at any depth of
   * the current value.
   */
  private static void collectSources(JsonParser parser, String field, List<String> sources)
      throws IOException {
    JsonToken token = parser.currentToken();
    if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
      return;
    }
    java.util.ArrayDeque<Open> open = new java.util.ArrayDeque<>();
    open.push(new Open(field, token == JsonToken.START_ARRAY));
    String name = "";
    while (!open.isEmpty() && (token = parser.nextToken()) != null) {
      switch (token) {
        case FIELD_NAME -> name = parser.currentName();
        case START_OBJECT, START_ARRAY -> {
          Open parent = open.peek();
          open.push(
              new Open(
                  parent.array() ? parent.owner() + "[]" : name, token == JsonToken.START_ARRAY));
        }
        case END_OBJECT, END_ARRAY -> open.pop();
        case VALUE_STRING -> {
          Open parent = open.peek();
          if (!parent.array() && parent.owner().equals("attachments[]") && name.equals("source")) {
            sources.add(parser.getText());
          }
        }
        default -> {}
      }
    }
  }
}

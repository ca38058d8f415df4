package dev.evalgate.engine.report.allure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalgate.engine.gate.CriterionResult;
import dev.evalgate.engine.gate.Verdict;
import dev.evalgate.engine.io.AtomicFiles;
import dev.evalgate.engine.report.summary.EngineVersion;
import dev.evalgate.engine.report.summary.RunReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The run-level files of an Allure results directory, which Allure shows on its overview: the
 * verdict first. {@code environment.properties} (the Environment widget, first five entries shown)
 * starts with each suite's verdict, criteria, dataset and variants; {@code executor.json} names the
 * report after the verdicts (the Summary widget's title, and the Executors widget); and {@code
 * categories.json} groups EvalGate's failures ({@link #CATEGORIES}). Several suites share one
 * directory: each suite replaces only its own entries (keys starting with its key), another tool's
 * entries and categories are kept, and the files are updated under a lock.
 */
final class AllureOverview {
  static final String ENVIRONMENT = "environment.properties";
  static final String EXECUTOR = "executor.json";
  static final String CATEGORIES_FILE = "categories.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Object LOCK = new Object();

  /** Separates a suite's key from what an environment entry says about it. */
  static final String VERDICT = ": verdict";

  private AllureOverview() {}

  /** Writes the suite's entries and the directory's name and categories. */
  static void write(Path directory, String key, RunReport report) throws IOException {
    Map<String, String> own = new LinkedHashMap<>();
    own.put(key + VERDICT, verdicts(report));
    own.put(key + ": criteria", criteria(report));
    own.put(
        key + ": dataset",
        report.dataset().path()
            + " ("
            + report.dataset().cases()
            + " cases, sha256 "
            + report
                .dataset()
                .sha256()
                .substring(0, Math.min(12, report.dataset().sha256().length()))
            + ")");
    StringBuilder variants = new StringBuilder();
    for (RunReport.VariantInfo v : report.variants()) {
      variants
          .append(variants.length() == 0 ? "" : " · ")
          .append(v.name())
          .append(v.control() ? " (control)" : "")
          .append(": ")
          .append(v.provider())
          .append(' ')
          .append(v.model())
          .append(v.promptVersion() == null ? "" : " " + v.promptVersion());
    }
    own.put(key + ": variants", variants.toString());
    Files.createDirectories(directory);
    Map<String, String> all;
    synchronized (LOCK) {
      try (FileChannel channel =
              FileChannel.open(
                  directory.resolve(ENVIRONMENT),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.READ,
                  StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        Map<String, String> earlier = read(channel);
        all = new LinkedHashMap<>(own);
        earlier.forEach(
            (name, value) -> {
              if (!name.startsWith(key + ": ")) {
                all.putIfAbsent(name, value);
              }
            });
        all.remove("EvalGate");
        all.put("EvalGate", EngineVersion.get());
        byte[] text = properties(all).getBytes(StandardCharsets.ISO_8859_1);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text), 0);
      }
      AtomicFiles.readableByAll(directory.resolve(ENVIRONMENT));
      String name = reportName(all);
      ObjectNode executor =
          JSON.createObjectNode()
              .put("name", "EvalGate")
              .put("type", "evalgate")
              .put("buildName", name)
              .put("reportName", name);
      AtomicFiles.write(
          directory.resolve(EXECUTOR),
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(executor));
      writeCategories(directory.resolve(CATEGORIES_FILE));
    }
  }

  /** Each challenger's decision and the verdict's reason, one line. */
  static String verdicts(RunReport report) {
    StringBuilder text = new StringBuilder();
    for (Verdict v : report.gate().verdicts()) {
      text.append(text.length() == 0 ? "" : " · ").append(v.message());
    }
    return text.toString();
  }

  private static String criteria(RunReport report) {
    int holds = 0;
    int violated = 0;
    int inconclusive = 0;
    for (CriterionResult c : report.gate().criteria()) {
      switch (c.status()) {
        case HOLDS -> holds++;
        case VIOLATED -> violated++;
        case INCONCLUSIVE -> inconclusive++;
      }
    }
    return holds + " hold, " + violated + " violated, " + inconclusive + " inconclusive";
  }

  /**
   * The report's name: each suite of the directory with its challengers' decisions, e.g. {@code
   * EvalGate support-bot: PROMOTE challenger · faq-bot: REJECT cheap}.
   */
  static String reportName(Map<String, String> environment) {
    List<String> suites = new ArrayList<>();
    environment.forEach(
        (name, value) -> {
          if (name.endsWith(VERDICT)) {
            List<String> decisions = new ArrayList<>();
            Matcher decision = DECISION.matcher(value);
            while (decision.find()) {
              decisions.add(decision.group(1) + " " + decision.group(2));
            }
            suites.add(
                name.substring(0, name.length() - VERDICT.length())
                    + ": "
                    + String.join(", ", decisions));
          }
        });
    return "EvalGate " + String.join(" · ", suites);
  }

  /**
   * A challenger's decision at the start of its verdict's message ({@code PROMOTE challenger:
   * ...}).
   */
  private static final Pattern DECISION =
      Pattern.compile("(?:^| · )(PROMOTE|REJECT|INCONCLUSIVE) (.+?): ");

  private static Map<String, String> read(FileChannel channel) throws IOException {
    long size = channel.size();
    Map<String, String> entries = new LinkedHashMap<>();
    if (size == 0) {
      return entries;
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size, 16 << 20));
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
      // read it all
    }
    new Properties() {
      @Override
      public synchronized Object put(Object name, Object value) {
        return entries.put((String) name, (String) value);
      }
    }.load(new ByteArrayInputStream(buffer.array(), 0, buffer.position()));
    return entries;
  }

  /** The entries as a properties file in ISO 8859-1, as Allure reads it, in this order. */
  static String properties(Map<String, String> entries) {
    StringBuilder text = new StringBuilder();
    entries.forEach(
        (name, value) ->
            text.append(escape(name, true)).append('=').append(escape(value, false)).append('\n'));
    return text.toString();
  }

  private static String escape(String text, boolean key) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '=', ':', '#', '!' -> out.append(key || i == 0 ? "\\" + c : String.valueOf(c));
        case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
        default ->
            out.append(
                c < 0x20 || c > 0x7e
                    ? String.format(Locale.ROOT, "\\u%04x", (int) c)
                    : String.valueOf(c));
      }
    }
    return out.toString();
  }

  /**
   * Adds EvalGate's categories to {@code file}, keeping any others; a file that is not a JSON array
   * is left alone.
   */
  private static void writeCategories(Path file) throws IOException {
    JsonNode ours = JSON.readTree(CATEGORIES);
    Set<String> names = new java.util.HashSet<>();
    ours.forEach(c -> names.add(c.path("name").asText()));
    ArrayNode merged = JSON.createArrayNode();
    if (Files.isRegularFile(file)) {
      JsonNode earlier;
      try {
        earlier = JSON.readTree(file.toFile());
      } catch (IOException e) {
        return;
      }
      if (earlier == null || !earlier.isArray()) {
        return;
      }
      earlier.forEach(
          c -> {
            if (!names.contains(c.path("name").asText())) {
              merged.add(c);
            }
          });
    }
    merged.addAll((ArrayNode) ours);
    AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(merged));
  }

  /** Marks the trace of a case whose call errored; the error class follows. */
  static final String ERRORED = "evalgate call error: ";

  /**
   * Marks the trace of a case with failed checks; {@code family:NAME} for each failed check's
   * family follows.
   */
  static final String FAILED_CHECKS = "evalgate failed checks:";

  /**
   * EvalGate's categories. The tests (criteria and gate) that fail are failed results: a gate that
   * is not PROMOTE in "Gate: REJECT" or "Gate: INCONCLUSIVE", skipped dataset rows and problems of
   * the dataset as a whole in "Dataset problems", a criterion that does not hold in Allure's own
   * "Product defects". Cases are evidence, never failed: a case with failed checks (status unknown)
   * is in an "Evidence:" category per check family, a case whose call errored (broken) in one per
   * kind of error. A check that did not apply is no failure and puts a case in no category.
   */
  static final String CATEGORIES =
      """
      [
        {"name": "Gate: REJECT", "matchedStatuses": ["failed"], "messageRegex": "REJECT .*"},
        {"name": "Gate: INCONCLUSIVE", "matchedStatuses": ["failed", "passed"], "messageRegex": "INCONCLUSIVE .*"},
        {"name": "Dataset problems", "matchedStatuses": ["failed"], "messageRegex": "(\\\\d+ dataset rows? (was|were) skipped|The dataset as a whole has \\\\d+ problems?).*"},
        {"name": "Evidence: schema and JSON checks failed", "matchedStatuses": ["unknown"], "traceRegex": "evalgate failed checks:.* family:json\\\\b.*"},
        {"name": "Evidence: refusal checks failed", "matchedStatuses": ["unknown"], "traceRegex": "evalgate failed checks:.* family:refusal\\\\b.*"},
        {"name": "Evidence: hallucination checks failed", "matchedStatuses": ["unknown"], "traceRegex": "evalgate failed checks:.* family:hallucination\\\\b.*"},
        {"name": "Evidence: length and limit checks failed", "matchedStatuses": ["unknown"], "traceRegex": "evalgate failed checks:.* family:(length|limit)\\\\b.*"},
        {"name": "Evidence: string checks failed", "matchedStatuses": ["unknown"], "traceRegex": "evalgate failed checks:.* family:string\\\\b.*"},
        {"name": "Evidence: other checks failed", "matchedStatuses": ["unknown"], "traceRegex": "evalgate failed checks:.* family:(?!json\\\\b|refusal\\\\b|hallucination\\\\b|length\\\\b|limit\\\\b|string\\\\b).*"},
        {"name": "Calls not recorded", "matchedStatuses": ["broken"], "traceRegex": "evalgate call error: not_recorded"},
        {"name": "Calls refused: authentication", "matchedStatuses": ["broken"], "traceRegex": "evalgate call error: auth"},
        {"name": "Calls that errored", "matchedStatuses": ["broken"], "traceRegex": "evalgate call error: (?!not_recorded$|auth$).*"}
      ]
      """;
}

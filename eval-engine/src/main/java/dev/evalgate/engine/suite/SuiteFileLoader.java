package dev.evalgate.engine.suite;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.evalgate.api.Check;
import dev.evalgate.api.CriterionSpec;
import dev.evalgate.api.DatasetSpec;
import dev.evalgate.api.GateSpec;
import dev.evalgate.api.Parameters;
import dev.evalgate.api.Pricing;
import dev.evalgate.api.PromptTemplate;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.ToolChoice;
import dev.evalgate.api.ToolSpec;
import dev.evalgate.api.TraceSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.checks.Checks;
import dev.evalgate.checks.ToolSchemas;
import dev.evalgate.engine.io.ResourceLoader;
import dev.evalgate.engine.prompt.Template;
import dev.evalgate.engine.provider.BaseUrls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a declarative suite file (YAML, or JSON, which YAML includes) into a {@link SuiteSpec}.
 * Every problem is a {@link SuiteFileException} naming the file, the line and what was expected.
 * The format is documented in {@code docs/suites.md}.
 */
public final class SuiteFileLoader {
  static final Set<String> TOP_KEYS =
      Set.of(
          "suite",
          "experiment",
          "dataset",
          "variants",
          "control",
          "checks",
          "gate",
          "repeats",
          "seed",
          "slices");
  static final Set<String> DATASET_KEYS =
      Set.of(
          "path",
          "id",
          "limit",
          "sample",
          "format",
          "where",
          "from",
          "to",
          "recent",
          "fields",
          "split",
          "labels-variant",
          "cluster");

  /** Dataset keys that select production records: they need a trace format. */
  static final List<String> TRACE_KEYS =
      List.of("where", "from", "to", "recent", "fields", "split");

  static final Set<String> VARIANT_KEYS =
      Set.of(
          "provider",
          "model",
          "prompt",
          "base-url",
          "api-key-env",
          "headers",
          "temperature",
          "top-p",
          "max-tokens",
          "seed",
          "stop",
          "response-format",
          "timeout",
          "pricing",
          "role",
          "tools",
          "tool-choice",
          "stream");
  static final Set<String> PROMPT_KEYS =
      Set.of("version", "system", "user", "tools", "tool-choice");
  static final Set<String> TOOL_KEYS = Set.of("name", "description", "parameters");

  /** What OpenAI and Anthropic both accept as a tool's name. */
  static final java.util.regex.Pattern TOOL_NAME =
      java.util.regex.Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  static final Set<String> GATE_KEYS = Set.of("min-cases", "confidence", "criteria", "sequential");
  static final Set<String> PROVIDERS =
      Set.of(VariantSpec.OPENAI, VariantSpec.ANTHROPIC, VariantSpec.DATASET);

  /** The keys of a variant whose answers are a field of the rows ({@code provider: dataset}). */
  static final Set<String> DATASET_VARIANT_KEYS =
      Set.of("provider", "answer-field", "model", "prompt", "role");

  /**
   * The largest suite or prompt file read, in bytes, checked before parsing: the YAML parser
   * (SnakeYAML) slows down with the square of a long comment or scalar (1 MB of comment took 3-5 s,
   * 8 MB 33 s) and refuses documents over 3 M code points; suite files are a few kilobytes, and
   * long texts belong in the dataset.
   */
  public static final int MAX_FILE_BYTES = 1 << 20;

  /**
   * Made when a suite file is first read, so that a run of Java suites does not load the YAML
   * parser.
   */
  private static final class Yaml {
    static final YAMLMapper MAPPER =
        new YAMLMapper(YAMLFactory.builder().loaderOptions(loaderOptions()).build());

    private static LoaderOptions loaderOptions() {
      LoaderOptions options = new LoaderOptions();
      options.setCodePointLimit(MAX_FILE_BYTES);
      return options;
    }
  }

  private final CheckFactory checks;
  private final Consumer<CriterionSpec> criterionValidator;
  private final ResourceLoader resources;

  /**
   * @param checks builds checks from their entries
   * @param criterionValidator throws {@link IllegalArgumentException} for a criterion with an
   *     unknown metric
   * @param resources finds prompt files next to the suite file or on the classpath
   */
  public SuiteFileLoader(
      CheckFactory checks, Consumer<CriterionSpec> criterionValidator, ResourceLoader resources) {
    this.checks = checks;
    this.criterionValidator = criterionValidator;
    this.resources = resources;
  }

  /** Parses and validates a suite file. */
  public SuiteSpec load(String file, InputStream content, @Nullable Path baseDir) {
    return locate(file, content, baseDir).spec();
  }

  /**
   * As {@link #load}, with the line of the file's {@code suite:} key, where a message about the
   * suite's name points.
   */
  public Located locate(String file, InputStream content, @Nullable Path baseDir) {
    LocatedValue root = parse(file, content);
    SuiteSpec spec = new Reader(file, baseDir).suite(root);
    LocatedValue name = root.get("suite");
    Map<String, Integer> lines = new LinkedHashMap<>();
    LocatedValue seed = root.get("seed");
    if (seed != null) {
      lines.put(SEED_LINE, seed.line());
    }
    LocatedValue dataset = root.get("dataset");
    for (String key : List.of("limit", "sample")) {
      LocatedValue value = dataset == null || dataset.isScalar() ? null : dataset.get(key);
      if (value != null) {
        lines.put("dataset." + key, value.line());
      }
    }
    return new Located(spec, name == null ? 0 : name.line(), Map.copyOf(lines));
  }

  /** The key of {@link Located#lines} for the suite's {@code seed:}. */
  public static final String SEED_LINE = "seed";

  /** The key of {@link Located#lines} for the dataset's {@code limit:}. */
  public static final String LIMIT_LINE = "dataset.limit";

  /** The key of {@link Located#lines} for the dataset's {@code sample:}. */
  public static final String SAMPLE_LINE = "dataset.sample";

  /**
   * A suite read from a file.
   *
   * @param spec the suite
   * @param nameLine the line of its {@code suite:} key
   * @param lines the lines of the settings a configuration key may override ({@link #SEED_LINE},
   *     {@link #LIMIT_LINE}, {@link #SAMPLE_LINE}), for those the file sets
   */
  public record Located(SuiteSpec spec, int nameLine, Map<String, Integer> lines) {}

  static LocatedValue parse(String file, InputStream content) {
    byte[] bytes;
    try {
      bytes = content.readNBytes(MAX_FILE_BYTES + 1);
    } catch (IOException e) {
      throw new SuiteFileException(file, 0, "cannot read the suite file: " + e.getMessage());
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new SuiteFileException(
          file,
          0,
          String.format(
              "the file is larger than %,d bytes, the most a suite or prompt file may hold (the"
                  + " YAML parser slows down sharply beyond); expected a smaller file, with long"
                  + " texts in the dataset",
              MAX_FILE_BYTES));
    }
    try (JsonParser parser = Yaml.MAPPER.createParser(bytes)) {
      parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      if (parser.nextToken() == null) {
        throw new SuiteFileException(file, 1, "the file is empty; expected a suite definition");
      }
      LocatedValue root = LocatedValue.read(parser, file);
      if (parser.nextToken() != null) {
        throw new SuiteFileException(
            file,
            parser.currentTokenLocation().getLineNr(),
            "a second YAML document begins here; expected one suite definition per file (remove the"
                + " '---' line and what follows, or move it to a file of its own)");
      }
      return root;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      String message = e.getOriginalMessage();
      if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException yaml) {
        message = (yaml.getContext() == null ? "" : yaml.getContext() + ": ") + yaml.getProblem();
        if (yaml.getProblemMark() != null) {
          line = yaml.getProblemMark().getLine() + 1;
        }
      }
      if (message != null && message.startsWith("Duplicate field")) {
        message =
            message.replace("Duplicate field", "key").replace("'", "'")
                + " appears twice; expected each key once";
      }
      throw new SuiteFileException(file, line, "not valid YAML/JSON: " + firstLine(message));
    } catch (IOException e) {
      throw new SuiteFileException(file, 0, "cannot read the suite file: " + e.getMessage());
    }
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "unknown syntax error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Per-file state: the file's name and folder. */
  private final class Reader {
    private final String file;
    private final @Nullable Path baseDir;

    Reader(String file, @Nullable Path baseDir) {
      this.file = file;
      this.baseDir = baseDir;
    }

    SuiteSpec suite(LocatedValue root) {
      object(root, "the suite file", TOP_KEYS);
      String name = requiredText(root, "suite", "the suite's name");
      if (name.isBlank()) {
        throw problem(
            root.get("suite"), "suite must be a non-empty name, but was \"" + name + "\"");
      }
      String experiment = optionalText(root, "experiment");
      DatasetSpec declared =
          dataset(required(root, "dataset", "the dataset: a path, or { path: ..., id: ... }"));
      DatasetSpec dataset =
          root.get("slices") == null ? declared : declared.withSlices(slices(root.get("slices")));
      List<VariantSpec> variants =
          variants(
              required(root, "variants", "the variants: a map from name to settings"),
              root.get("control"));
      LocatedValue datasetNode = root.get("dataset");
      LocatedValue labelled = datasetNode == null ? null : datasetNode.get("labels-variant");
      if (labelled != null
          && variants.stream().noneMatch(v -> v.name().equals(dataset.labelsVariant()))) {
        throw problem(
            labelled,
            "dataset labels-variant '"
                + dataset.labelsVariant()
                + "' is not a variant of this suite; expected one of: "
                + String.join(", ", variants.stream().map(VariantSpec::name).toList()));
      }
      List<Check> suiteChecks = checks(root.get("checks"));
      GateSpec gate = gate(required(root, "gate", "the gate: { min-cases: ..., criteria: [...] }"));
      if (dataset.traces() != null && dataset.traces().split()) {
        for (CriterionSpec criterion : gate.criteria()) {
          if (criterion.kind() == CriterionSpec.Kind.AGREEMENT) {
            // at the criterion's line, before the suite's own check names only the file
            throw new SuiteFileException(
                file, criterion.line(), SuiteSpec.agreementOnSplit(criterion));
          }
        }
      }
      int repeats =
          root.get("repeats") == null ? 1 : integer(root.get("repeats"), "repeats", 1, 100);
      long seed =
          root.get("seed") == null ? SuiteSpec.DEFAULT_SEED : longValue(root.get("seed"), "seed");
      try {
        return new SuiteSpec(name, experiment, dataset, variants, suiteChecks, gate, repeats, seed);
      } catch (IllegalArgumentException e) {
        throw new SuiteFileException(
            file, root.line(), Objects.requireNonNullElse(e.getMessage(), e.toString()));
      }
    }

    DatasetSpec dataset(LocatedValue node) {
      if (node.isScalar()) {
        return DatasetSpec.of(node.text());
      }
      object(node, "dataset", DATASET_KEYS);
      String path = requiredText(node, "path", "the dataset's path");
      String id = node.get("id") == null ? "id" : text(node.get("id"), "dataset id");
      Integer limit =
          node.get("limit") == null
              ? null
              : integer(node.get("limit"), "dataset limit", 1, Integer.MAX_VALUE);
      Integer sample =
          node.get("sample") == null
              ? null
              : integer(node.get("sample"), "dataset sample", 1, Integer.MAX_VALUE);
      TraceSpec traces = traces(node);
      String labelsVariant =
          node.get("labels-variant") == null
              ? null
              : text(node.get("labels-variant"), "dataset labels-variant");
      String cluster =
          node.get("cluster") == null ? null : text(node.get("cluster"), "dataset cluster").strip();
      try {
        return new DatasetSpec(path, id, limit, sample, traces, labelsVariant, List.of(), cluster);
      } catch (IllegalArgumentException e) {
        throw problem(node, Objects.requireNonNullElse(e.getMessage(), e.toString()));
      }
    }

    /** {@code slices}: the dataset fields whose values cut the cases into slices. */
    List<String> slices(LocatedValue node) {
      String expected =
          "a list of fields of the dataset's rows, e.g. slices: [category, customer_tier]";
      if (!node.isArray() || node.items().isEmpty()) {
        throw problem(
            node,
            "slices must be "
                + expected
                + ", but was "
                + (node.isArray() ? "an empty list" : node.describe()));
      }
      List<String> fields = new ArrayList<>();
      for (LocatedValue item : node.items()) {
        if (!item.isScalar() || item.text().isBlank()) {
          throw problem(
              item,
              "each of slices must be a field's name, "
                  + expected
                  + ", but was "
                  + item.describe());
        }
        String field = item.text().strip();
        if (fields.contains(field)) {
          throw problem(
              item, "slices names the field '" + field + "' twice; expected each field once");
        }
        fields.add(field);
      }
      return fields;
    }

    /** The trace format and selection of a dataset, or {@code null} for a dataset of cases. */
    @Nullable TraceSpec traces(LocatedValue node) {
      LocatedValue format = node.get("format");
      if (format == null) {
        for (String key : TRACE_KEYS) {
          if (node.get(key) != null) {
            throw problem(
                node.get(key),
                "dataset "
                    + key
                    + " selects production records; expected 'format: otlp' or 'format: events'"
                    + " beside it");
          }
        }
        return null;
      }
      String name = text(format, "dataset format");
      TraceSpec.Format traceFormat =
          switch (name) {
            case "otlp" -> TraceSpec.Format.OTLP;
            case "events" -> TraceSpec.Format.EVENTS;
            default ->
                throw problem(
                    format,
                    "unknown dataset format '"
                        + name
                        + "'; expected otlp (an OpenTelemetry OTLP/JSON trace export) or events"
                        + " (a gateway's JSONL log); a dataset of cases needs no format");
          };
      Map<String, String> where = textMap(node.get("where"), "dataset where");
      Map<String, String> fields = textMap(node.get("fields"), "dataset fields");
      Integer recent =
          node.get("recent") == null
              ? null
              : integer(node.get("recent"), "dataset recent", 1, Integer.MAX_VALUE);
      Instant from = node.get("from") == null ? null : instant(node.get("from"), "dataset from");
      Instant to = node.get("to") == null ? null : instant(node.get("to"), "dataset to");
      try {
        boolean split = node.get("split") != null && bool(node.get("split"), "dataset split");
        return new TraceSpec(traceFormat, where, from, to, recent, fields, split);
      } catch (IllegalArgumentException e) {
        throw problem(
            node.get("fields") != null ? node.get("fields") : node,
            Objects.requireNonNullElse(e.getMessage(), e.toString()));
      }
    }

    Map<String, String> textMap(@Nullable LocatedValue node, String key) {
      Map<String, String> values = new LinkedHashMap<>();
      if (node == null) {
        return values;
      }
      if (!node.isObject()) {
        throw problem(node, key + " must be a map of names to texts, but was " + node.describe());
      }
      node.fields().forEach((k, v) -> values.put(k, text(v, key + " '" + k + "'")));
      return values;
    }

    Instant instant(LocatedValue node, String key) {
      String value = text(node, key).trim();
      try {
        return value.length() == 10
            ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
            : OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        throw problem(
            node,
            key
                + " must be a date (2026-11-24, midnight UTC) or a time with an offset"
                + " (2026-11-24T08:00:00Z), but was "
                + node.describe());
      }
    }

    List<VariantSpec> variants(LocatedValue node, @Nullable LocatedValue controlNode) {
      if (!node.isObject() || node.fields().isEmpty()) {
        throw problem(
            node,
            "variants must be a map from variant name to settings, but was " + node.describe());
      }
      String controlName = controlNode == null ? null : text(controlNode, "control");
      Map<String, VariantSpec> variants = new LinkedHashMap<>();
      for (Map.Entry<String, LocatedValue> entry : node.fields().entrySet()) {
        variants.put(entry.getKey(), variant(entry.getKey(), entry.getValue()));
      }
      List<String> roleControls =
          variants.values().stream().filter(VariantSpec::control).map(VariantSpec::name).toList();
      if (controlName == null) {
        if (roleControls.size() > 1) {
          throw problem(
              node,
              "variants " + roleControls + " all say role: control; expected exactly one control");
        }
        controlName =
            !roleControls.isEmpty()
                ? roleControls.get(0)
                : variants.containsKey("control") ? "control" : variants.keySet().iterator().next();
      } else if (!variants.containsKey(controlName)) {
        throw problem(
            controlNode,
            "control '"
                + controlName
                + "' is not a declared variant; expected one of: "
                + String.join(", ", variants.keySet()));
      }
      if (variants.size() < 2) {
        throw problem(
            node,
            "a suite needs a control and at least one challenger, but declares only '"
                + variants.keySet().iterator().next()
                + "'");
      }
      List<VariantSpec> ordered = new ArrayList<>();
      ordered.add(
          Objects.requireNonNull(variants.get(controlName), "the control is a declared variant")
              .asControl());
      for (VariantSpec variant : variants.values()) {
        if (!variant.name().equals(controlName)) {
          ordered.add(variant.asChallenger());
        }
      }
      return ordered;
    }

    VariantSpec variant(String name, LocatedValue node) {
      if (node.isObject()
          && node.get("provider") != null
          && node.get("provider").isScalar()
          && VariantSpec.DATASET.equals(node.get("provider").text())) {
        return datasetVariant(name, node);
      }
      object(node, "variant '" + name + "'", VARIANT_KEYS);
      String provider =
          requiredText(node, "provider", "the provider: " + String.join(" or ", sorted(PROVIDERS)));
      if (!PROVIDERS.contains(provider)) {
        throw problem(
            node.get("provider"),
            "unknown provider '"
                + provider
                + "' in variant '"
                + name
                + "'; expected one of: "
                + String.join(", ", sorted(PROVIDERS)));
      }
      String model = requiredText(node, "model", "the model's name");
      boolean control = isControl(node);
      Map<String, String> headers = new LinkedHashMap<>();
      if (node.get("headers") != null) {
        LocatedValue h = node.get("headers");
        if (!h.isObject()) {
          throw problem(
              h,
              "headers of variant '"
                  + name
                  + "' must be a map of header names to values, but was "
                  + h.describe());
        }
        h.fields().forEach((k, v) -> headers.put(k, text(v, "header '" + k + "'")));
      }
      Parameters parameters =
          new Parameters(
              node.get("temperature") == null
                  ? null
                  : decimal(node.get("temperature"), "temperature", 0, 2),
              node.get("top-p") == null ? null : decimal(node.get("top-p"), "top-p", 0, 1),
              node.get("max-tokens") == null
                  ? null
                  : integer(node.get("max-tokens"), "max-tokens", 1, 10_000_000),
              node.get("seed") == null ? null : longValue(node.get("seed"), "seed"),
              node.get("stop") == null ? List.of() : stringList(node.get("stop"), "stop"),
              node.get("response-format") == null
                  ? null
                  : responseFormat(node.get("response-format")),
              node.get("stream") != null && bool(node.get("stream"), "stream"));
      Duration timeout =
          node.get("timeout") == null ? null : duration(node.get("timeout"), "timeout");
      Pricing pricing = node.get("pricing") == null ? null : pricing(node.get("pricing"));
      PromptTemplate prompt =
          node.get("prompt") == null ? PromptTemplate.CASE_MESSAGES : prompt(node.get("prompt"));
      // the variant's tools and choice replace the prompt file's
      prompt = withTools(prompt, node, "variant '" + name + "'");
      String baseUrl = optionalText(node, "base-url");
      if (baseUrl != null && BaseUrls.problem(baseUrl) != null) {
        throw problem(node.get("base-url"), "variant '" + name + "': " + BaseUrls.problem(baseUrl));
      }
      return new VariantSpec(
          name,
          control,
          provider,
          model,
          baseUrl,
          optionalText(node, "api-key-env"),
          headers,
          parameters,
          prompt,
          timeout,
          pricing,
          null);
    }

    /**
     * A variant answering from its rows: only the field, a model label, the prompt that was asked
     * (for checks that read it and prompt tokens; never sent) and the role apply: nothing is
     * called, so no endpoint, key or sampling parameter.
     */
    VariantSpec datasetVariant(String name, LocatedValue node) {
      object(
          node,
          "variant '" + name + "', whose answers are read from the dataset (provider: dataset),",
          DATASET_VARIANT_KEYS);
      String field =
          node.get("answer-field") == null
              ? "answer"
              : text(node.get("answer-field"), "answer-field");
      if (field.isBlank()) {
        throw problem(node.get("answer-field"), "answer-field must name a field of the rows");
      }
      VariantSpec variant = VariantSpec.fromDataset(name, field);
      String model = optionalText(node, "model");
      if (model != null) {
        variant = variant.withModel(model);
      }
      if (node.get("prompt") != null) {
        variant = variant.withPrompt(prompt(node.get("prompt")));
      }
      return isControl(node) ? variant.asControl() : variant;
    }

    boolean isControl(LocatedValue node) {
      if (node.get("role") == null) {
        return false;
      }
      String role = text(node.get("role"), "role");
      if (!role.equals("control") && !role.equals("challenger")) {
        throw problem(
            node.get("role"), "role must be control or challenger, but was \"" + role + "\"");
      }
      return role.equals("control");
    }

    String responseFormat(LocatedValue node) {
      String value = text(node, "response-format");
      // a schema is read by each call as its location stands (provider.ResponseSchemas), not next
      // to the suite file
      String problem =
          ResponseFormats.problem(
              value,
              resources,
              file.contains("/") ? file.substring(0, file.lastIndexOf('/') + 1) : "");
      if (problem != null) {
        throw problem(node, problem);
      }
      return value;
    }

    Pricing pricing(LocatedValue node) {
      object(node, "pricing", Set.of("input", "output"));
      return new Pricing(
          decimal(required(node, "input", "input: USD per 1M input tokens"), "input", 0, 1_000_000),
          decimal(
              required(node, "output", "output: USD per 1M output tokens"),
              "output",
              0,
              1_000_000));
    }

    PromptTemplate prompt(LocatedValue node) {
      if (node.isScalar()) {
        String location = node.text();
        ResourceLoader.Resource resource =
            resources
                .find(location, baseDir)
                .orElseThrow(
                    () ->
                        problem(
                            node,
                            "prompt file '"
                                + location
                                + "' not found next to the suite file, in the working directory or"
                                + " on the classpath"));
        LocatedValue promptRoot;
        try (InputStream in = resource.open()) {
          promptRoot = parse(location, in);
        } catch (IOException e) {
          throw problem(node, "cannot read prompt file '" + location + "': " + e.getMessage());
        }
        return new Reader(location, resource.folder())
            .inlinePrompt(promptRoot, versionFromFileName(location));
      }
      return inlinePrompt(node, null);
    }

    PromptTemplate inlinePrompt(LocatedValue node, @Nullable String defaultVersion) {
      object(node, "prompt", PROMPT_KEYS);
      String version =
          node.get("version") == null ? defaultVersion : text(node.get("version"), "version");
      String system = optionalText(node, "system");
      String user = optionalText(node, "user");
      for (String key : new String[] {"system", "user"}) {
        String text = optionalText(node, key);
        String unclosed = text == null ? null : Template.unclosedPlaceholder(text);
        if (unclosed != null) {
          throw problem(
              node.get(key),
              "the "
                  + key
                  + " prompt has '"
                  + unclosed
                  + "' without its closing '}}'; expected {{name}}");
        }
      }
      return withTools(new PromptTemplate(version, system, user), node, "the prompt");
    }

    /**
     * The prompt with the {@code tools:} and {@code tool-choice:} of {@code node}, where it has
     * them.
     */
    PromptTemplate withTools(PromptTemplate prompt, LocatedValue node, String owner) {
      List<ToolSpec> tools = node.get("tools") == null ? prompt.tools() : tools(node.get("tools"));
      ToolChoice choice = prompt.toolChoice();
      if (node.get("tool-choice") != null) {
        try {
          choice = ToolChoice.parse(text(node.get("tool-choice"), "tool-choice"));
        } catch (IllegalArgumentException e) {
          throw problem(
              node.get("tool-choice"), Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
      }
      try {
        return prompt.withTools(tools, choice);
      } catch (IllegalArgumentException e) {
        throw problem(
            node.get("tool-choice") != null
                ? node.get("tool-choice")
                : node.get("tools") != null ? node.get("tools") : node,
            owner + ": " + e.getMessage());
      }
    }

    /**
     * {@code tools:}: a list of {@code { name, description, parameters }} (or OpenAI's {@code {
     * type: function, function: {...} }}), or the location of a YAML or JSON file holding one.
     */
    List<ToolSpec> tools(LocatedValue node) {
      if (node.isScalar()) {
        String location = node.text();
        ResourceLoader.Resource resource =
            resources
                .find(location, baseDir)
                .orElseThrow(
                    () ->
                        problem(
                            node,
                            "tools file '"
                                + location
                                + "' not found next to the suite file, in the working directory or"
                                + " on the classpath"));
        LocatedValue list;
        try (InputStream in = resource.open()) {
          list = parse(location, in);
        } catch (IOException e) {
          throw problem(node, "cannot read tools file '" + location + "': " + e.getMessage());
        }
        return new Reader(location, resource.folder()).tools(list);
      }
      if (!node.isArray()) {
        throw problem(
            node,
            "tools must be a list of { name, description, parameters } entries, or a file holding"
                + " one, but was "
                + node.describe());
      }
      List<ToolSpec> tools = new ArrayList<>();
      for (LocatedValue entry : node.items()) {
        LocatedValue tool =
            entry.isObject() && entry.get("function") != null && entry.get("type") != null
                ? entry.get("function")
                : entry;
        object(tool, "a tool", TOOL_KEYS);
        String toolName = requiredText(tool, "name", "the tool's name");
        if (!TOOL_NAME.matcher(toolName).matches()) {
          throw problem(
              tool.get("name"),
              "tool name '"
                  + toolName
                  + "' must be 1 to 64 letters, digits, '_' or '-' (what OpenAI and"
                  + " Anthropic accept)");
        }
        LocatedValue parameters = tool.get("parameters");
        if (parameters != null && !parameters.isObject()) {
          throw problem(
              parameters,
              "the parameters of tool '"
                  + toolName
                  + "' must be a JSON Schema object, but were "
                  + parameters.describe());
        }
        ToolSpec spec =
            new ToolSpec(
                toolName,
                optionalText(tool, "description"),
                parameters == null ? ToolSpec.NO_PARAMETERS : parameters.toJson().toString());
        try {
          ToolSchemas.requireValid(spec);
        } catch (IllegalArgumentException e) {
          throw problem(
              parameters == null ? tool : parameters,
              Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
        if (tools.stream().anyMatch(t -> t.name().equals(toolName))) {
          throw problem(
              tool.get("name"),
              "tool '" + toolName + "' is declared twice; expected each tool once");
        }
        tools.add(spec);
      }
      return tools;
    }

    boolean bool(LocatedValue node, String key) {
      if (node.isBoolean()) {
        return Boolean.parseBoolean(node.text());
      }
      throw problem(node, key + " must be true or false, but was " + node.describe());
    }

    List<Check> checks(@Nullable LocatedValue node) {
      if (node == null) {
        return List.of();
      }
      if (!node.isArray()) {
        throw problem(
            node,
            "checks must be a list of entries such as '- length: { max-words: 120 }', but was "
                + node.describe());
      }
      List<Check> result = new ArrayList<>();
      for (LocatedValue entry : node.items()) {
        // a check entry is 'KIND: OPTIONS', with an optional 'name: NAME' beside it
        LocatedValue name = entry.isObject() ? entry.get("name") : null;
        int kinds = entry.isObject() ? entry.fields().size() - (name == null ? 0 : 1) : 0;
        if (kinds != 1) {
          throw problem(
              entry,
              "each check must be one 'kind: options' entry, named by an optional 'name:' beside it"
                  + " or among its options: '- length: { max-words: 120 }', '- name: short' +"
                  + " 'length: { max-words: 120 }' or '- length: { max-words: 120, name: short }',"
                  + " but was "
                  + (entry.isObject()
                      ? "an object with keys " + entry.fields().keySet()
                      : entry.describe()));
        }
        Map.Entry<String, LocatedValue> kind =
            entry.fields().entrySet().stream()
                .filter(f -> !f.getKey().equals("name"))
                .findFirst()
                .orElseThrow();
        try {
          Check check = checks.create(kind.getKey(), kind.getValue().toJson(), baseDir);
          result.add(name == null ? check : Checks.named(checkName(name, kind), check));
        } catch (IllegalArgumentException e) {
          throw problem(entry, Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
      }
      return result;
    }

    /** The name beside a check's kind: text, and not a second name among the options. */
    private String checkName(LocatedValue name, Map.Entry<String, LocatedValue> kind) {
      if (!name.isScalar() || name.text().isBlank()) {
        throw problem(
            name,
            "the name of check '" + kind.getKey() + "' must be text, but was " + name.describe());
      }
      if (kind.getValue().isObject() && kind.getValue().get("name") != null) {
        throw problem(
            name,
            "check '"
                + kind.getKey()
                + "' is named twice, beside it and among its options; keep one of them");
      }
      return name.text();
    }

    GateSpec gate(LocatedValue node) {
      object(node, "gate", GATE_KEYS);
      int minCases =
          node.get("min-cases") == null
              ? 0
              : integer(node.get("min-cases"), "min-cases", 0, Integer.MAX_VALUE);
      double confidence =
          node.get("confidence") == null
              ? 0.95
              : decimal(node.get("confidence"), "confidence", 0.5, 0.9999);
      LocatedValue criteriaNode = node.get("criteria");
      if (criteriaNode == null || !criteriaNode.isArray() || criteriaNode.items().isEmpty()) {
        throw problem(
            criteriaNode == null ? node : criteriaNode,
            "the gate has no criteria; expected a list such as '- non-inferior: { metric:"
                + " pass-rate(schema), margin: 2pp }'");
      }
      List<CriterionSpec> criteria = new ArrayList<>();
      for (LocatedValue entry : criteriaNode.items()) {
        criteria.add(criterion(entry));
      }
      int looks = 0;
      LocatedValue sequential = node.get("sequential");
      if (sequential != null) {
        object(sequential, "gate sequential", Set.of("looks"));
        looks =
            integer(
                required(sequential, "looks", "how many times the gate is judged, e.g. 5"),
                "sequential looks",
                1,
                GateSpec.MAX_LOOKS);
      }
      return new GateSpec(minCases, confidence, criteria, looks);
    }

    CriterionSpec criterion(LocatedValue entry) {
      if (!entry.isObject() || entry.fields().size() != 1) {
        throw problem(
            entry,
            "each criterion must be a single 'kind: options' entry, but was " + entry.describe());
      }
      Map.Entry<String, LocatedValue> only = entry.fields().entrySet().iterator().next();
      CriterionSpec.Kind kind = CriterionSpec.Kind.fromId(only.getKey());
      if (kind == null) {
        throw problem(
            entry,
            "unknown criterion '"
                + only.getKey()
                + "'; expected one of: "
                + String.join(
                    ", ",
                    java.util.Arrays.stream(CriterionSpec.Kind.values())
                        .map(CriterionSpec.Kind::id)
                        .toList()));
      }
      LocatedValue options = only.getValue();
      String text = only.getKey() + ": " + render(options);
      CriterionSpec spec =
          switch (kind) {
            case MIN_CASES ->
                new CriterionSpec(
                    kind,
                    "",
                    integer(options, "min-cases", 0, Integer.MAX_VALUE),
                    null,
                    null,
                    text,
                    entry.line());
            case NO_NEW_FAILURES -> {
              if (options.isScalar()) {
                yield new CriterionSpec(kind, options.text(), 0, null, null, text, entry.line());
              }
              object(options, kind.id(), Set.of("check", "variant"));
              yield new CriterionSpec(
                  kind,
                  requiredText(options, "check", "the check's name"),
                  0,
                  optionalText(options, "variant"),
                  null,
                  text,
                  entry.line());
            }
            case AGREEMENT -> {
              object(options, kind.id(), Set.of("check", "min"));
              String check = requiredText(options, "check", "the check's name");
              LocatedValue minNode = required(options, "min", "the minimum share, e.g. 90%");
              double min;
              try {
                min = CriterionSpec.parseLimit(minNode.text());
              } catch (IllegalArgumentException e) {
                throw problem(minNode, "min: " + e.getMessage());
              }
              yield new CriterionSpec(kind, check, min, null, null, text, entry.line());
            }
            default -> {
              // no-slice-regresses is a non-inferiority margin per slice, with the cases a slice
              // needs
              boolean slices = kind == CriterionSpec.Kind.NO_SLICE_REGRESSES;
              String limitKey =
                  kind == CriterionSpec.Kind.NON_INFERIOR || slices ? "margin" : "limit";
              object(
                  options,
                  kind.id(),
                  slices
                      ? Set.of("metric", limitKey, "min-cases", "variant", "confidence")
                      : Set.of("metric", limitKey, "variant", "confidence"));
              String metric = requiredText(options, "metric", "the metric, e.g. pass-rate(schema)");
              LocatedValue limitNode =
                  required(options, limitKey, "the " + limitKey + ", e.g. 2pp, 3%, 2500ms or 0.8");
              double limit;
              try {
                limit = CriterionSpec.parseLimit(limitNode.text());
              } catch (IllegalArgumentException e) {
                throw problem(limitNode, limitKey + ": " + e.getMessage());
              }
              int minCases =
                  slices
                      ? integer(
                          required(
                              options,
                              "min-cases",
                              "the paired cases a slice needs to be judged, e.g. 30"),
                          "min-cases",
                          1,
                          Integer.MAX_VALUE)
                      : 0;
              Double confidence =
                  options.get("confidence") == null
                      ? null
                      : decimal(options.get("confidence"), "confidence", 0.5, 0.9999);
              yield new CriterionSpec(
                  kind,
                  metric,
                  limit,
                  optionalText(options, "variant"),
                  confidence,
                  text,
                  entry.line(),
                  minCases);
            }
          };
      try {
        criterionValidator.accept(spec);
      } catch (IllegalArgumentException e) {
        throw problem(entry, Objects.requireNonNullElse(e.getMessage(), e.toString()));
      }
      return spec;
    }

    // --- value helpers ---------------------------------------------------------------------------

    void object(LocatedValue node, String what, Set<String> allowed) {
      if (!node.isObject()) {
        throw problem(node, what + " must be a map of settings, but was " + node.describe());
      }
      for (Map.Entry<String, LocatedValue> field : node.fields().entrySet()) {
        if (!allowed.contains(field.getKey())) {
          throw problem(
              field.getValue(),
              "unknown key '"
                  + field.getKey()
                  + "' in "
                  + what
                  + "; expected one of: "
                  + String.join(", ", sorted(allowed)));
        }
      }
    }

    LocatedValue required(LocatedValue parent, String key, String expected) {
      LocatedValue value = parent.get(key);
      if (value == null || value.isNull()) {
        throw problem(
            value == null ? parent : value, "missing '" + key + "'; expected " + expected);
      }
      return value;
    }

    String requiredText(LocatedValue parent, String key, String expected) {
      return text(required(parent, key, expected), key);
    }

    @Nullable String optionalText(LocatedValue parent, String key) {
      LocatedValue value = parent.get(key);
      return value == null || value.isNull() ? null : text(value, key);
    }

    String text(LocatedValue node, String key) {
      if (!node.isScalar()) {
        throw problem(node, key + " must be text, but was " + node.describe());
      }
      return node.text();
    }

    int integer(LocatedValue node, String key, int min, int max) {
      if (node.isNumber() || (node.isTextual() && node.text().matches("-?\\d+"))) {
        try {
          long value = Long.parseLong(node.text());
          if (value >= min && value <= max) {
            return (int) value;
          }
        } catch (NumberFormatException ignored) {
          // reported below
        }
      }
      throw problem(
          node, key + " must be a whole number" + range(min, max) + ", but was " + node.describe());
    }

    long longValue(LocatedValue node, String key) {
      try {
        return Long.parseLong(node.text());
      } catch (NumberFormatException e) {
        throw problem(node, key + " must be a whole number, but was " + node.describe());
      }
    }

    double decimal(LocatedValue node, String key, double min, double max) {
      try {
        double value = Double.parseDouble(node.text());
        if (node.isScalar() && value >= min && value <= max) {
          return value;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw problem(
          node,
          key
              + " must be a number from "
              + format(min)
              + " to "
              + format(max)
              + ", but was "
              + node.describe());
    }

    Duration duration(LocatedValue node, String key) {
      String value = text(node, key).trim().toLowerCase(Locale.ROOT);
      try {
        if (value.endsWith("ms")) {
          return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2).trim()));
        }
        if (value.endsWith("s")) {
          return Duration.ofMillis(
              Math.round(Double.parseDouble(value.substring(0, value.length() - 1).trim()) * 1000));
        }
        if (value.endsWith("m")) {
          return Duration.ofMillis(
              Math.round(
                  Double.parseDouble(value.substring(0, value.length() - 1).trim()) * 60_000));
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw problem(
          node, key + " must be a duration such as 500ms, 30s or 2m, but was " + node.describe());
    }

    List<String> stringList(LocatedValue node, String key) {
      if (node.isScalar()) {
        return List.of(node.text());
      }
      if (!node.isArray()) {
        throw problem(node, key + " must be text or a list of texts, but was " + node.describe());
      }
      return node.items().stream().map(i -> text(i, key)).toList();
    }

    /** A problem at {@code node}'s line, or of the whole file when there is no node to point at. */
    SuiteFileException problem(@Nullable LocatedValue node, String message) {
      return new SuiteFileException(file, node == null ? 0 : node.line(), message);
    }
  }

  private static String render(LocatedValue options) {
    if (options.isScalar()) {
      return options.text();
    }
    StringBuilder text = new StringBuilder("{ ");
    options
        .fields()
        .forEach(
            (k, v) ->
                text.append(k)
                    .append(": ")
                    .append(v.isScalar() ? v.text() : v.describe())
                    .append(", "));
    if (text.length() > 2) {
      text.setLength(text.length() - 2);
    }
    return text.append(" }").toString();
  }

  private static String versionFromFileName(String location) {
    String name = location.substring(location.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static String range(int min, int max) {
    if (max == Integer.MAX_VALUE) {
      return min == 0 ? " (0 or more)" : " (" + min + " or more)";
    }
    return " from " + min + " to " + max;
  }

  private static String format(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }
}

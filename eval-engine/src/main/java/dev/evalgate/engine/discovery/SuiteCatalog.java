package dev.evalgate.engine.discovery;

import dev.evalgate.api.DatasetSpec;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.EvalSuite;
import dev.evalgate.api.SuiteDefinition;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.dataset.DatasetException;
import dev.evalgate.engine.dataset.DatasetReader;
import dev.evalgate.engine.dataset.DatasetSource;
import dev.evalgate.engine.dataset.RowProblem;
import dev.evalgate.engine.descriptor.LoadedSuite;
import dev.evalgate.engine.io.ResourceLoader;
import dev.evalgate.engine.io.SourcePaths;
import dev.evalgate.engine.redact.Redactor;
import dev.evalgate.engine.suite.SuiteFileException;
import dev.evalgate.engine.suite.SuiteFileLoader;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

/**
 * Loads the suites of {@code @EvalSuite} classes, once per class per discovery, and reports every
 * problem as a discovery issue with its file and line. A broken suite is still returned (with its
 * problem) so that it fails the build visibly instead of vanishing.
 */
final class SuiteCatalog {
  private final SuiteFileLoader loader;
  private final ResourceLoader resources;
  private final boolean validateDatasets;
  private final Consumer<DiscoveryIssue> issues;
  private final Map<Class<?>, List<LoadedSuite>> cache = new HashMap<>();

  /**
   * Problems found while loading a class's suites, by suite key ({@link #CLASS} for the class),
   * until that suite is used.
   */
  private final Map<Class<?>, Map<String, List<DiscoveryIssue>>> pending = new HashMap<>();

  private final Set<String> reported = new HashSet<>();
  private Map<String, List<DiscoveryIssue>> loading = new HashMap<>();

  /** The suite being loaded, whose problems {@link #report} records. */
  private String loadingKey = CLASS;

  private static final String CLASS = "";
  private final Map<String, List<RowProblem>> datasetProblems = new HashMap<>();

  /** Where the rows of the cases selected in this discovery start, by dataset and id. */
  private final Map<String, Long> caseLines = new HashMap<>();

  private final EngineConfiguration config;
  private final Function<String, @Nullable String> environment;

  /** The line of each suite file's {@code suite:} key, by location. */
  private final Map<String, Integer> nameLines = new HashMap<>();

  /** By suite file: the lines of the settings a configuration key may override. */
  private final Map<String, Map<String, Integer>> settingLines = new HashMap<>();

  SuiteCatalog(
      SuiteFileLoader loader,
      ResourceLoader resources,
      boolean validateDatasets,
      Consumer<DiscoveryIssue> issues) {
    this(
        loader,
        resources,
        validateDatasets,
        issues,
        EngineConfiguration.defaults(),
        System::getenv);
  }

  /**
   * @param config the configuration, for the checks of {@link SuiteLint} (overrides, recording
   *     mode)
   * @param environment where API keys are read, by variable name
   */
  SuiteCatalog(
      SuiteFileLoader loader,
      ResourceLoader resources,
      boolean validateDatasets,
      Consumer<DiscoveryIssue> issues,
      EngineConfiguration config,
      Function<String, @Nullable String> environment) {
    this.loader = loader;
    this.resources = resources;
    this.validateDatasets = validateDatasets;
    this.issues = issues;
    this.config = config;
    this.environment = environment;
  }

  static boolean isSuiteClass(Class<?> type) {
    return type.isAnnotationPresent(EvalSuite.class)
        && !type.isAnnotation()
        && !type.isAnonymousClass();
  }

  /** The suites of {@code type}; problems of the class itself are reported as discovery issues. */
  List<LoadedSuite> suitesOf(Class<?> type) {
    List<LoadedSuite> suites = peek(type);
    flush(type, CLASS);
    return suites;
  }

  /**
   * Reports the problems found with suite {@code key} of {@code type} (once per discovery), when it
   * enters the tree.
   */
  void reportProblems(Class<?> type, String key) {
    peek(type);
    flush(type, key);
  }

  /**
   * The suites of {@code type} without reporting their problems yet: a selected file is looked for
   * in every suite, and the problems of suites that do not use it are not the user's question.
   */
  List<LoadedSuite> peek(Class<?> type) {
    return cache.computeIfAbsent(
        type,
        t -> {
          loading = new HashMap<>();
          List<LoadedSuite> suites = load(t);
          pending.put(t, loading);
          return suites;
        });
  }

  private void flush(Class<?> type, String key) {
    Map<String, List<DiscoveryIssue>> byKey = pending.get(type);
    List<DiscoveryIssue> found = byKey == null ? null : byKey.remove(key);
    if (found == null) {
      return;
    }
    for (DiscoveryIssue issue : found) {
      if (reported.add(issue.message() + "|" + issue.source().map(Object::toString).orElse(""))) {
        issues.accept(issue);
      }
    }
  }

  private List<LoadedSuite> load(Class<?> type) {
    List<LoadedSuite> suites = new ArrayList<>();
    EvalSuite annotation = type.getAnnotation(EvalSuite.class);
    for (String location : annotation.value()) {
      loadingKey = location;
      suites.add(
          guarded(
              location,
              ClassSource.from(type),
              () ->
                  withDataset(
                      linted(
                          fromFile(type, location),
                          true,
                          line -> location + (line > 0 ? ":" + line : "") + ": "))));
    }
    List<Method> methods =
        Arrays.stream(type.getDeclaredMethods())
            .filter(m -> m.isAnnotationPresent(SuiteDefinition.class))
            .sorted(Comparator.comparing(Method::getName))
            .toList();
    for (Method method : methods) {
      loadingKey = method.getName();
      String where = "@SuiteDefinition method " + type.getName() + "." + method.getName() + "()";
      suites.add(
          guarded(
              method.getName(),
              MethodSource.from(type, method),
              () -> withDataset(linted(fromMethod(type, method), false, line -> where + ": "))));
    }
    loadingKey = CLASS;
    if (suites.isEmpty()) {
      report(
          ClassSource.from(type),
          "@EvalSuite class "
              + type.getName()
              + " declares no suite; expected suite files in @EvalSuite(\"...\") or static"
              + " @SuiteDefinition methods");
    }
    return suites;
  }

  /**
   * Loads one suite; whatever goes wrong that the loaders did not foresee becomes that suite's
   * problem (a discovery issue and a failing definition test), so the other suites still run.
   */
  private LoadedSuite guarded(String key, TestSource source, Supplier<LoadedSuite> load) {
    try {
      return load.get();
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      String problem =
          key
              + ": the suite cannot be loaded: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
      report(source, problem);
      return broken(key, source, problem);
    }
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /**
   * Reports what {@link SuiteLint} finds: each finding is a discovery warning, and the first that
   * makes the suite meaningless is its problem (its definition test fails, nothing is called).
   */
  private LoadedSuite linted(LoadedSuite suite, boolean fileSuite, IntFunction<String> where) {
    if (suite.spec() == null) {
      return suite;
    }
    String problem = null;
    for (SuiteLint.Finding finding :
        SuiteLint.check(
            suite.spec(),
            fileSuite,
            config,
            environment,
            fileSuite ? settingLines.getOrDefault(suite.key(), Map.of()) : Map.of(),
            resources)) {
      String message = where.apply(finding.line()) + finding.message();
      report(at(suite.source(), finding.line()), message);
      if (finding.fatal() && problem == null) {
        problem = message;
      }
    }
    return problem == null
        ? suite
        : new LoadedSuite(
            suite.key(),
            suite.displayName(),
            suite.spec(),
            problem,
            suite.source(),
            suite.baseDir(),
            null);
  }

  /** The source at {@code line} of its file, when it is a file and the line is known. */
  private static TestSource at(TestSource source, int line) {
    if (line > 0 && source instanceof FileSource file) {
      return FileSource.from(file.getFile(), FilePosition.from(line));
    }
    if (line > 0 && source instanceof ClasspathResourceSource resource) {
      return ClasspathResourceSource.from(
          resource.getClasspathResourceName(), FilePosition.from(line));
    }
    return source;
  }

  private LoadedSuite fromFile(Class<?> type, String location) {
    ResourceLoader.Resource resource = resources.find(location, null).orElse(null);
    TestSource classSource = ClassSource.from(type);
    if (resource == null) {
      String problem =
          "suite file '"
              + location
              + "' named by @EvalSuite on "
              + type.getName()
              + " was not found on the classpath or in the working directory";
      report(classSource, problem);
      return broken(location, classSource, problem);
    }
    TestSource fileSource = source(location, resource.file(), 0);
    try (InputStream in = resource.open()) {
      SuiteFileLoader.Located located = loader.locate(location, in, resource.folder());
      SuiteSpec spec = located.spec();
      nameLines.put(location, located.nameLine());
      settingLines.put(location, located.lines());
      return new LoadedSuite(
          location, spec.name(), spec, null, fileSource, resource.folder(), null);
    } catch (SuiteFileException e) {
      report(source(location, resource.file(), e.line()), e.getMessage());
      return broken(location, source(location, resource.file(), e.line()), e.getMessage());
    } catch (IOException e) {
      String problem = location + ": cannot read the suite file: " + e.getMessage();
      report(fileSource, problem);
      return broken(location, fileSource, problem);
    }
  }

  private LoadedSuite fromMethod(Class<?> type, Method method) {
    TestSource source = MethodSource.from(type, method);
    String where = "@SuiteDefinition method " + type.getName() + "." + method.getName() + "()";
    String problem = null;
    if (!Modifier.isStatic(method.getModifiers())
        || method.getParameterCount() != 0
        || !SuiteSpec.class.isAssignableFrom(method.getReturnType())) {
      problem = where + " must be static, take no parameters and return SuiteSpec";
    } else {
      try {
        method.setAccessible(true);
        Object value = method.invoke(null);
        if (value == null) {
          problem = where + " returned null; expected a SuiteSpec";
        } else if (((SuiteSpec) value).name().isBlank()) {
          problem = where + " returned a suite with a blank name; expected a non-empty name";
        } else {
          SuiteSpec spec = (SuiteSpec) value;
          Path base = null;
          return new LoadedSuite(method.getName(), spec.name(), spec, null, source, base, null);
        }
      } catch (InvocationTargetException e) {
        Throwable cause = Objects.requireNonNullElse(e.getCause(), e);
        String message = cause.getMessage();
        problem =
            where
                + " threw "
                + cause.getClass().getSimpleName()
                + (message == null ? "" : ": " + message);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        problem = where + " cannot be called: " + e;
      }
    }
    report(source, problem);
    return broken(method.getName(), source, problem);
  }

  private LoadedSuite withDataset(LoadedSuite suite) {
    if (suite.spec() == null || suite.problem() != null) {
      return suite;
    }
    String location = suite.spec().dataset().path();
    DatasetSource dataset =
        DatasetSource.resolve(location, suite.baseDir(), resources).orElse(null);
    if (dataset == null) {
      String problem =
          "suite '"
              + suite.displayName()
              + "': dataset '"
              + location
              + "' was not found next to the suite file, in the working directory or on the"
              + " classpath";
      report(suite.source(), problem);
      return new LoadedSuite(
          suite.key(),
          suite.displayName(),
          suite.spec(),
          problem,
          suite.source(),
          suite.baseDir(),
          null);
    }
    try {
      dataset.format(suite.spec().dataset().traces());
    } catch (DatasetException e) {
      String problem = location + ": " + e.getMessage();
      report(suite.source(), problem);
      return new LoadedSuite(
          suite.key(),
          suite.displayName(),
          suite.spec(),
          problem,
          suite.source(),
          suite.baseDir(),
          null);
    }
    if (validateDatasets) {
      // every unusable row is a discovery issue with its line; the run finds (and reports) them
      // again
      validate(dataset, suite.spec().dataset(), suite.spec().checks());
    }
    return new LoadedSuite(
        suite.key(),
        suite.displayName(),
        suite.spec(),
        null,
        suite.source(),
        suite.baseDir(),
        dataset);
  }

  private void validate(
      DatasetSource dataset, DatasetSpec spec, List<dev.evalgate.api.Check> checks) {
    List<String> names = checks.stream().map(dev.evalgate.api.Check::name).toList();
    String key = dataset.uri() + "#" + spec + "#" + names;
    List<RowProblem> problems = datasetProblems.get(key);
    if (problems == null) {
      problems = new ArrayList<>();
      try {
        DatasetReader.validate(dataset, spec, names, problems::add);
      } catch (DatasetException | java.io.UncheckedIOException e) {
        problems.add(
            new RowProblem(
                dataset.location(), 0, Objects.requireNonNullElse(e.getMessage(), e.toString())));
      } catch (RuntimeException e) {
        problems.add(new RowProblem(dataset.location(), 0, "cannot read the dataset: " + e));
      }
      datasetProblems.put(key, problems);
    }
    for (RowProblem problem : problems) {
      report(source(dataset.location(), dataset.file(), (int) problem.line()), problem.describe());
    }
  }

  private void report(TestSource source, String message) {
    loading
        .computeIfAbsent(loadingKey, k -> new ArrayList<>())
        .add(
            DiscoveryIssue.builder(DiscoveryIssue.Severity.WARNING, message)
                .source(source)
                .build());
  }

  private static LoadedSuite broken(String key, TestSource source, String problem) {
    return new LoadedSuite(key, key, null, problem, source, null, null);
  }

  /**
   * A file source when the resource is a file, else a classpath source. The file is the one under
   * {@code src/} when the resource is its build copy ({@link SourcePaths}), so that the IDE opens,
   * at the line, the file the user edits.
   */
  static TestSource source(String location, @Nullable Path file, int line) {
    FilePosition position = line > 0 ? FilePosition.from(line) : null;
    if (file != null) {
      return FileSource.from(SourcePaths.preferred(file).toFile(), position);
    }
    return ClasspathResourceSource.from(location, position);
  }

  /**
   * The id of the case whose row spans {@code line} of the suite's dataset (the last case starting
   * at or before it), or null when no case starts at or before it or the dataset cannot be read.
   */
  @Nullable String caseAtLine(LoadedSuite.Ready suite, int line) {
    String found = null;
    try (DatasetReader reader =
        DatasetReader.open(suite.dataset(), suite.spec().dataset(), Redactor.NONE, p -> {})) {
      while (reader.hasNext()) {
        EvalCase c = reader.next();
        if (c.line() > line) {
          break;
        }
        found = c.id();
        caseLines.put(lineKey(suite, found), c.line());
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return found;
  }

  /**
   * The line where case {@code caseId}'s row starts, 0 when it is not in the dataset; read once per
   * case.
   */
  long lineOf(LoadedSuite.Ready suite, String caseId) {
    return caseLines.computeIfAbsent(
        lineKey(suite, caseId),
        key -> {
          try (DatasetReader reader =
              DatasetReader.open(suite.dataset(), suite.spec().dataset(), Redactor.NONE, p -> {})) {
            while (reader.hasNext()) {
              EvalCase c = reader.next();
              if (c.id().equals(caseId)) {
                return c.line();
              }
            }
          } catch (IOException | RuntimeException e) {
            return 0L;
          }
          return 0L;
        });
  }

  private static String lineKey(LoadedSuite.Ready suite, String caseId) {
    return suite.dataset().uri() + "#" + suite.spec().dataset() + "#" + caseId;
  }

  /**
   * Where a suite's name is written: its file and the line of its {@code suite:} key, with the
   * class that names the file; or its {@code @SuiteDefinition} method.
   */
  String nameWhere(Class<?> type, LoadedSuite suite) {
    return suite.where(type.getName(), nameLines.getOrDefault(suite.key(), 0));
  }

  /** The suite's source at the line of its {@code suite:} key, when it is a file's. */
  TestSource nameSource(LoadedSuite suite) {
    return at(suite.source(), nameLines.getOrDefault(suite.key(), 0));
  }

  /** The configuration discovery read. */
  EngineConfiguration config() {
    return config;
  }
}

package dev.evalgate.engine.discovery;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.evalgate.api.SuiteDefinition;
import dev.evalgate.engine.dataset.DatasetSource;
import dev.evalgate.engine.descriptor.BaselineDescriptor;
import dev.evalgate.engine.descriptor.CaseDescriptor;
import dev.evalgate.engine.descriptor.ClaimDescriptor;
import dev.evalgate.engine.descriptor.DatasetDescriptor;
import dev.evalgate.engine.descriptor.DefinitionDescriptor;
import dev.evalgate.engine.descriptor.LoadedSuite;
import dev.evalgate.engine.descriptor.RecordingsDescriptor;
import dev.evalgate.engine.descriptor.SuiteClassDescriptor;
import dev.evalgate.engine.descriptor.SuiteDescriptor;
import dev.evalgate.engine.gate.Claim;
import dev.evalgate.engine.io.SourcePaths;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.FilePosition;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Resolves every selector EvalGate supports into the tree {@code
 * [class]/[suite]/[criterion|gate|dataset|baseline|recordings|definition|case]} (recordings only by
 * unique id: the suite adds it when they cannot be read). Children are resolved through unique-id
 * selectors, so a unique id the engine produced always resolves again, alone.
 */
final class SuiteSelectorResolver implements SelectorResolver {
  private static final String DATASET_KEY = "rows";

  private final SuiteCatalog catalog;
  private final Predicate<String> classNameFilter;
  private final SuiteClassScanner scanner;
  private final Consumer<DiscoveryIssue> issues;
  private final MethodPatterns methods;

  /** The cases Surefire's method filter selects, by suite ({@link #namedSelectors}). */
  private final Map<UniqueId, Set<String>> casesBySuite = new HashMap<>();

  /** The suites Surefire's method filter selects whole, by their method's name. */
  private final Set<UniqueId> wholeSuites = new HashSet<>();

  SuiteSelectorResolver(
      SuiteCatalog catalog,
      Predicate<String> classNameFilter,
      SuiteClassScanner scanner,
      Consumer<DiscoveryIssue> issues,
      MethodPatterns methods) {
    this.catalog = catalog;
    this.classNameFilter = classNameFilter;
    this.scanner = scanner;
    this.issues = issues;
    this.methods = methods;
  }

  @Override
  public Resolution resolve(ClassSelector selector, Context context) {
    Class<?> type = selector.getJavaClass();
    if (!SuiteCatalog.isSuiteClass(type)) {
      return Resolution.unresolved();
    }
    return context
        .addToParent(parent -> Optional.of(classDescriptor(parent, type)))
        .map(
            descriptor ->
                Resolution.match(Match.exact(descriptor, () -> suiteSelectors(descriptor))))
        .orElse(Resolution.unresolved());
  }

  @Override
  public Resolution resolve(MethodSelector selector, Context context) {
    Method method = selector.getJavaMethod();
    Class<?> type = selector.getJavaClass();
    if (!SuiteCatalog.isSuiteClass(type) || !method.isAnnotationPresent(SuiteDefinition.class)) {
      return Resolution.unresolved();
    }
    return context
        .addToParent(
            () -> DiscoverySelectors.selectClass(type),
            parent -> suiteDescriptor(parent, method.getName()))
        .map(
            suite ->
                Resolution.match(Match.exact(suite, () -> childSelectors((SuiteDescriptor) suite))))
        .orElse(Resolution.unresolved());
  }

  @Override
  public Resolution resolve(UniqueIdSelector selector, Context context) {
    UniqueId id = selector.getUniqueId();
    List<UniqueId.Segment> segments = id.getSegments();
    if (segments.size() < 2 || !segments.get(1).getType().equals(SuiteClassDescriptor.SEGMENT)) {
      return Resolution.unresolved();
    }
    UniqueId.Segment last = id.getLastSegment();
    if (segments.size() == 2) {
      Class<?> type = loadClass(last.getValue());
      return type == null
          ? Resolution.unresolved()
          : resolve(DiscoverySelectors.selectClass(type), context);
    }
    if (segments.size() == 3 && last.getType().equals(SuiteDescriptor.SEGMENT)) {
      return context
          .addToParent(
              () -> selectUniqueId(id.removeLastSegment()),
              parent -> suiteDescriptor(parent, last.getValue()))
          .map(
              suite ->
                  Resolution.match(
                      Match.exact(suite, () -> childSelectors((SuiteDescriptor) suite))))
          .orElse(Resolution.unresolved());
    }
    if (segments.size() == 4
        && last.getType().equals(DefinitionDescriptor.SEGMENT)
        && runnable(segments.get(1).getValue(), segments.get(2).getValue())) {
      // the definition test of a suite that shared its report folder with another suite of that
      // discovery: alone, the suite runs
      return Resolution.selectors(Set.of(selectUniqueId(id.removeLastSegment())));
    }
    if (segments.size() == 4) {
      return context
          .addToParent(() -> selectUniqueId(id.removeLastSegment()), parent -> child(parent, last))
          .map(child -> Resolution.match(Match.exact(child)))
          .orElse(Resolution.unresolved());
    }
    return Resolution.unresolved();
  }

  @Override
  public Resolution resolve(ClasspathResourceSelector selector, Context context) {
    String location = selector.getClasspathResourceName();
    return resolveResource(location, null, location, selector.getPosition().orElse(null), context);
  }

  @Override
  public Resolution resolve(FileSelector selector, Context context) {
    return resolveResource(
        null,
        selector.getPath(),
        selector.getRawPath(),
        selector.getPosition().orElse(null),
        context);
  }

  /**
   * A suite file or dataset file (optionally at a line): the suites that use it, or the case at
   * that line. A file is also found by its source under {@code src/} (what an IDE selects) when the
   * suites read its build copy. A file of a kind EvalGate reads that no suite uses, and a line
   * where no case starts, are warnings: "run this line" must not find nothing silently.
   */
  private Resolution resolveResource(
      @Nullable String location,
      @Nullable Path file,
      String given,
      @Nullable FilePosition position,
      Context context) {
    Set<DiscoverySelector> selectors = new LinkedHashSet<>();
    boolean used = false;
    for (Class<?> type : scanner.suiteClasses(classNameFilter)) {
      List<LoadedSuite> suites = catalog.peek(type);
      if (suites.stream()
          .noneMatch(
              suite ->
                  matches(suite.source(), location, file)
                      || suite.dataset() != null && matches(suite.dataset(), location, file))) {
        continue;
      }
      UniqueId classId =
          context
              .resolve(DiscoverySelectors.selectClass(type))
              .map(TestDescriptor::getUniqueId)
              .orElse(null);
      if (classId == null) {
        continue;
      }
      for (LoadedSuite suite : suites) {
        UniqueId suiteId = classId.append(SuiteDescriptor.SEGMENT, suite.key());
        if (matches(suite.source(), location, file)) {
          used = true;
          selectors.add(selectUniqueId(suiteId));
        } else if (suite.dataset() != null && matches(suite.dataset(), location, file)) {
          used = true;
          LoadedSuite.Ready ready = suite.ready();
          if (position == null || ready == null) {
            selectors.add(selectUniqueId(suiteId));
            continue;
          }
          String caseId = catalog.caseAtLine(ready, position.getLine());
          if (caseId != null) {
            selectors.add(selectUniqueId(suiteId.append(CaseDescriptor.SEGMENT, caseId)));
          } else {
            warn(
                given
                    + ":"
                    + position.getLine()
                    + ": no case of suite '"
                    + suite.displayName()
                    + "' starts at or before this line; nothing was selected from it",
                location,
                file,
                position.getLine());
          }
        }
      }
    }
    if (!used && readable(given)) {
      warn(
          given
              + ": no @EvalSuite suite reads this file (as its suite file or its dataset); nothing"
              + " was selected from it",
          location,
          file,
          0);
    }
    if (selectors.isEmpty()) {
      return Resolution.unresolved();
    }
    return Resolution.selectors(selectors);
  }

  private static final List<String> READABLE =
      List.of(".jsonl", ".ndjson", ".csv", ".json", ".yaml", ".yml");

  /**
   * Whether the file is of a kind EvalGate reads (suite files and datasets), so that selecting it
   * means to run something.
   */
  private static boolean readable(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return READABLE.stream().anyMatch(lower::endsWith);
  }

  private void warn(String message, @Nullable String location, @Nullable Path file, int line) {
    TestSource source =
        file != null
            ? SuiteCatalog.source(file.toString(), file, line)
            : SuiteCatalog.source(String.valueOf(location), null, line);
    issues.accept(
        DiscoveryIssue.builder(DiscoveryIssue.Severity.WARNING, message).source(source).build());
  }

  private static boolean matches(
      TestSource source, @Nullable String location, @Nullable Path file) {
    if (source instanceof org.junit.platform.engine.support.descriptor.FileSource fileSource) {
      Path own = fileSource.getFile().toPath();
      return (file != null && SourcePaths.same(own, file))
          || (location != null && own.toAbsolutePath().normalize().endsWith(strip(location)));
    }
    if (source
        instanceof org.junit.platform.engine.support.descriptor.ClasspathResourceSource resource) {
      return location != null && strip(resource.getClasspathResourceName()).equals(strip(location));
    }
    return false;
  }

  private static boolean matches(
      DatasetSource dataset, @Nullable String location, @Nullable Path file) {
    if (file != null) {
      return dataset.file() != null && SourcePaths.same(dataset.file(), file);
    }
    if (location != null) {
      URI uri = dataset.uri();
      return strip(dataset.location()).equals(strip(location))
          || uri.getPath() != null && uri.getPath().endsWith("/" + strip(location));
    }
    return false;
  }

  private static String strip(String location) {
    return location.startsWith("/") ? location.substring(1) : location;
  }

  private SuiteClassDescriptor classDescriptor(TestDescriptor parent, Class<?> type) {
    return new SuiteClassDescriptor(
        parent.getUniqueId().append(SuiteClassDescriptor.SEGMENT, type.getName()),
        type,
        catalog.suitesOf(type));
  }

  private Set<DiscoverySelector> suiteSelectors(TestDescriptor classDescriptor) {
    SuiteClassDescriptor descriptor = (SuiteClassDescriptor) classDescriptor;
    Map<String, List<String>> named = methods.methodsOf(descriptor.testClass());
    if (!named.isEmpty()) {
      return namedSelectors(descriptor, named);
    }
    Set<DiscoverySelector> selectors = new LinkedHashSet<>();
    for (LoadedSuite suite : descriptor.suites()) {
      selectors.add(
          selectUniqueId(descriptor.getUniqueId().append(SuiteDescriptor.SEGMENT, suite.key())));
    }
    return selectors;
  }

  /**
   * What Surefire's {@code -Dtest=Class#method} selects of a suite class ({@link MethodPatterns}):
   * a {@code @SuiteDefinition} method's suite, or the case of that id in each suite that has it (a
   * run of selected cases: no gate is judged, no report written; the suite's children are then
   * those cases, {@link #casesBySuite}). A name that is neither selects nothing and is an error,
   * which fails the run (the JUnit Platform fails an engine that reports one): with nothing
   * selected alone, Surefire 3.5 passes a class whose tests all were filtered out.
   */
  private Set<DiscoverySelector> namedSelectors(
      SuiteClassDescriptor descriptor, Map<String, List<String>> named) {
    Set<DiscoverySelector> selectors = new LinkedHashSet<>();
    for (Map.Entry<String, List<String>> pattern : named.entrySet()) {
      for (String name : pattern.getValue()) {
        boolean found = false;
        for (LoadedSuite suite : descriptor.suites()) {
          UniqueId suiteId = descriptor.getUniqueId().append(SuiteDescriptor.SEGMENT, suite.key());
          LoadedSuite.Ready ready = suite.ready();
          if (suite.key().equals(name) && suite.source() instanceof MethodSource) {
            selectors.add(selectUniqueId(suiteId));
            wholeSuites.add(suiteId);
            found = true;
          } else if (ready != null && catalog.lineOf(ready, name) > 0) {
            selectors.add(selectUniqueId(suiteId));
            casesBySuite.computeIfAbsent(suiteId, k -> new LinkedHashSet<>()).add(name);
            found = true;
          }
        }
        if (!found) {
          issues.accept(
              DiscoveryIssue.builder(
                      DiscoveryIssue.Severity.ERROR,
                      "Surefire's -D"
                          + MethodPatterns.PROPERTY
                          + "='"
                          + pattern.getKey()
                          + "' selects '"
                          + name
                          + "' of "
                          + descriptor.testClass().getName()
                          + ", but no suite of the class has a case of that id (nor is it a"
                          + " @SuiteDefinition method); expected the id of a case, exactly as"
                          + " the dataset gives it, such as -Dtest='"
                          + descriptor.testClass().getSimpleName()
                          + "#q-1+q-2'. Nothing of the class was selected for it.")
                  .source(ClassSource.from(descriptor.testClass()))
                  .build());
        }
      }
    }
    return selectors;
  }

  private Optional<SuiteDescriptor> suiteDescriptor(TestDescriptor parent, String key) {
    if (!(parent instanceof SuiteClassDescriptor classDescriptor)) {
      return Optional.empty();
    }
    catalog.reportProblems(classDescriptor.testClass(), key);
    return classDescriptor.suites().stream()
        .filter(s -> s.key().equals(key))
        .findFirst()
        .map(
            suite ->
                new SuiteDescriptor(
                    parent.getUniqueId().append(SuiteDescriptor.SEGMENT, key), suite));
  }

  private Set<DiscoverySelector> childSelectors(SuiteDescriptor suite) {
    Set<DiscoverySelector> selectors = new LinkedHashSet<>();
    UniqueId id = suite.getUniqueId();
    Set<String> cases = casesBySuite.get(id);
    if (cases != null && !wholeSuites.contains(id)) {
      for (String caseId : cases) {
        selectors.add(selectUniqueId(id.append(CaseDescriptor.SEGMENT, caseId)));
      }
      return selectors;
    }
    LoadedSuite.Ready ready = suite.suite().ready();
    if (ready == null) {
      selectors.add(
          selectUniqueId(id.append(DefinitionDescriptor.SEGMENT, DefinitionDescriptor.KEY)));
      return selectors;
    }
    for (Claim claim : Claim.of(ready.spec())) {
      String segment =
          claim.isGate() ? ClaimDescriptor.GATE_SEGMENT : ClaimDescriptor.CRITERION_SEGMENT;
      selectors.add(selectUniqueId(id.append(segment, claim.key())));
    }
    selectors.add(selectUniqueId(id.append(DatasetDescriptor.SEGMENT, DATASET_KEY)));
    if (baselineApplies(suite.suite())) {
      selectors.add(selectUniqueId(id.append(BaselineDescriptor.SEGMENT, BaselineDescriptor.KEY)));
    }
    return selectors;
  }

  /**
   * Whether {@code evalgate.baseline} answers for the suite's control: it is set, and the suite is
   * not a traffic split (which calls no variant).
   */
  private boolean baselineApplies(LoadedSuite suite) {
    LoadedSuite.Ready ready = suite.ready();
    return catalog.config().baseline() != null
        && ready != null
        && (ready.spec().dataset().traces() == null || !ready.spec().dataset().traces().split());
  }

  private Optional<TestDescriptor> child(TestDescriptor parent, UniqueId.Segment segment) {
    if (!(parent instanceof SuiteDescriptor suite)) {
      return Optional.empty();
    }
    LoadedSuite loaded = suite.suite();
    UniqueId id = parent.getUniqueId().append(segment);
    String type = segment.getType();
    if (type.equals(DefinitionDescriptor.SEGMENT) && !loaded.runnable()) {
      return Optional.of(
          new DefinitionDescriptor(id, String.valueOf(loaded.problem()), loaded.source()));
    }
    LoadedSuite.Ready ready = loaded.ready();
    if (ready == null) {
      return Optional.empty();
    }
    if (type.equals(ClaimDescriptor.CRITERION_SEGMENT)
        || type.equals(ClaimDescriptor.GATE_SEGMENT)) {
      return Claim.of(ready.spec()).stream()
          .filter(
              c ->
                  c.key().equals(segment.getValue())
                      && c.isGate() == type.equals(ClaimDescriptor.GATE_SEGMENT))
          .findFirst()
          .map(c -> new ClaimDescriptor(id, c, claimSource(loaded, c)));
    }
    if (type.equals(DatasetDescriptor.SEGMENT) && segment.getValue().equals(DATASET_KEY)) {
      return Optional.of(
          new DatasetDescriptor(id, ready.dataset().location(), datasetSource(ready.dataset(), 0)));
    }
    Path baseline = catalog.config().baseline();
    if (type.equals(BaselineDescriptor.SEGMENT)
        && segment.getValue().equals(BaselineDescriptor.KEY)
        && baseline != null
        && baselineApplies(loaded)) {
      return Optional.of(new BaselineDescriptor(id, baseline, loaded.source()));
    }
    if (type.equals(RecordingsDescriptor.SEGMENT)
        && segment.getValue().equals(RecordingsDescriptor.KEY)) {
      return Optional.of(
          new RecordingsDescriptor(
              id,
              RecordingsDescriptor.folder(catalog.config().recordingDir(), ready.spec().name()),
              loaded.source()));
    }
    if (type.equals(CaseDescriptor.SEGMENT)) {
      long line = catalog.lineOf(ready, segment.getValue());
      return Optional.of(
          new CaseDescriptor(
              id,
              segment.getValue(),
              datasetSource(ready.dataset(), (int) Math.min(line, Integer.MAX_VALUE))));
    }
    return Optional.empty();
  }

  /** Whether suite {@code key} of the class named {@code className} can run. */
  private boolean runnable(String className, String key) {
    Class<?> type = loadClass(className);
    return type != null
        && SuiteCatalog.isSuiteClass(type)
        && catalog.peek(type).stream().anyMatch(s -> s.key().equals(key) && s.runnable());
  }

  private static TestSource claimSource(LoadedSuite suite, Claim claim) {
    int line = claim.criterion() == null ? 0 : claim.criterion().line();
    TestSource source = suite.source();
    if (line > 0
        && source instanceof org.junit.platform.engine.support.descriptor.FileSource file) {
      return org.junit.platform.engine.support.descriptor.FileSource.from(
          file.getFile(), org.junit.platform.engine.support.descriptor.FilePosition.from(line));
    }
    if (line > 0
        && source
            instanceof
            org.junit.platform.engine.support.descriptor.ClasspathResourceSource resource) {
      return org.junit.platform.engine.support.descriptor.ClasspathResourceSource.from(
          resource.getClasspathResourceName(),
          org.junit.platform.engine.support.descriptor.FilePosition.from(line));
    }
    return source;
  }

  private static TestSource datasetSource(DatasetSource dataset, int line) {
    return SuiteCatalog.source(dataset.location(), dataset.file(), line);
  }

  private static @Nullable Class<?> loadClass(String name) {
    try {
      return Class.forName(name, false, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }
}

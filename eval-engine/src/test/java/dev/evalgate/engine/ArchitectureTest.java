package dev.evalgate.engine;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.apiguardian.api.API.Status;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages form layers that only point down: a package may import packages of its own
 * layer and of the layers below it, never of a layer above, and no packages import each other in a
 * circle. The layers are stated here, once, and in this package's {@code package-info.java}, which
 * a test keeps in step with this list.
 */
class ArchitectureTest {
  private static final String ENGINE = "dev.evalgate.engine";

  /**
   * The layers, bottom first. Packages are relative to {@code dev.evalgate.engine}; {@code ""} is
   * the engine's own package and {@code report..} is {@code report} with its sub-packages.
   */
  static final List<Layer> LAYERS =
      List.of(
          new Layer("foundation", "io", "stats", "redact", "concurrent"),
          new Layer("shared", "config", "model"),
          new Layer("inputs", "dataset", "prompt", "recording", "provider", "suite"),
          new Layer("run", "run"),
          new Layer("judgement", "metrics", "gate", "evaluation", "split"),
          new Layer("reports", "report..", "telemetry"),
          new Layer("execution", "baseline", "execution"),
          new Layer("engine", "", "descriptor", "discovery"));

  /**
   * The engine's marked API, by type relative to {@code dev.evalgate.engine}: what users and the
   * Maven plugin may use. Every other type is {@code INTERNAL} through its package's {@code
   * package-info.java}; the plugin's {@code ApiUseTest} fails when the plugin or an example uses an
   * {@code INTERNAL} type. Widening the API is a change to this list.
   */
  static final Map<String, Status> API_TYPES =
      new TreeMap<>(
          Map.ofEntries(
              // what users rely on: the engine the JUnit Platform finds, the configuration keys
              // they set
              Map.entry("EvalGateTestEngine", Status.STABLE),
              Map.entry("config.Constants", Status.STABLE),
              // what the Maven plugin reads and runs: the stored report and the gate over it,
              // merges, baselines
              Map.entry("report.summary.RunReport", Status.EXPERIMENTAL),
              Map.entry("report.summary.ReportReader", Status.EXPERIMENTAL),
              Map.entry("report.summary.Summary", Status.EXPERIMENTAL),
              Map.entry("report.summary.PromotionDecision", Status.EXPERIMENTAL),
              // the plugin's check reads a traffic split's stored report
              Map.entry("report.split.SplitReport", Status.EXPERIMENTAL),
              Map.entry("report.RunReports", Status.EXPERIMENTAL),
              // the plugin's check reads which suites wrote a report folder
              Map.entry("report.SuiteSources", Status.EXPERIMENTAL),
              Map.entry("report.merge.ShardMerger", Status.EXPERIMENTAL),
              Map.entry("report.results.ResultsWriter", Status.EXPERIMENTAL),
              Map.entry("baseline.ChampionComparison", Status.EXPERIMENTAL),
              Map.entry("evaluation.Evaluator", Status.EXPERIMENTAL),
              Map.entry("evaluation.EvaluationPlan", Status.EXPERIMENTAL),
              Map.entry("evaluation.Judgement", Status.EXPERIMENTAL),
              Map.entry("gate.GateEvaluator", Status.EXPERIMENTAL),
              Map.entry("gate.GateResult", Status.EXPERIMENTAL),
              // the plugin's rules are checked for units as suites' criteria are
              Map.entry("gate.LimitUnits", Status.EXPERIMENTAL),
              Map.entry("gate.SamplePlan", Status.EXPERIMENTAL),
              Map.entry("gate.CriterionResult", Status.EXPERIMENTAL),
              Map.entry("gate.ClaimStatus", Status.EXPERIMENTAL),
              Map.entry("gate.Decision", Status.EXPERIMENTAL),
              Map.entry("gate.Verdict", Status.EXPERIMENTAL),
              Map.entry("metrics.CheckAgreement", Status.EXPERIMENTAL),
              Map.entry("metrics.Evaluation", Status.EXPERIMENTAL),
              Map.entry("metrics.Retries", Status.EXPERIMENTAL),
              Map.entry("metrics.Slice", Status.EXPERIMENTAL),
              Map.entry("metrics.ScoreThreshold", Status.EXPERIMENTAL),
              Map.entry("metrics.VariantMetrics", Status.EXPERIMENTAL)));

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ENGINE);

  /** A layer: a name and its packages. */
  record Layer(String name, String... packages) {
    String[] qualified() {
      return Arrays.stream(packages)
          .map(p -> p.isEmpty() ? ENGINE : ENGINE + "." + p)
          .toArray(String[]::new);
    }

    boolean holds(String packageName) {
      for (String p : qualified()) {
        if (p.endsWith("..")
            ? packageName.equals(p.substring(0, p.length() - 2))
                || packageName.startsWith(p.substring(0, p.length() - 1))
            : packageName.equals(p)) {
          return true;
        }
      }
      return false;
    }
  }

  static LayeredArchitecture layers() {
    LayeredArchitecture architecture = layeredArchitecture().consideringOnlyDependenciesInLayers();
    for (Layer layer : LAYERS) {
      architecture = architecture.layer(layer.name()).definedBy(layer.qualified());
    }
    architecture = architecture.whereLayer(LAYERS.get(0).name()).mayNotAccessAnyLayer();
    for (int i = 1; i < LAYERS.size(); i++) {
      String[] below = LAYERS.subList(0, i).stream().map(Layer::name).toArray(String[]::new);
      architecture = architecture.whereLayer(LAYERS.get(i).name()).mayOnlyAccessLayers(below);
    }
    return architecture;
  }

  @Test
  void noPackagesImportEachOtherInACircle() {
    slices()
        .assignedFrom(
            new SliceAssignment() {
              @Override
              public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                return javaClass.getPackageName().startsWith(ENGINE)
                    ? SliceIdentifier.of(javaClass.getPackageName())
                    : SliceIdentifier.ignore();
              }

              @Override
              public String getDescription() {
                return "the engine's packages";
              }
            })
        .should()
        .beFreeOfCycles()
        .check(MAIN);
  }

  /**
   * Every thread the engine starts is made by {@code concurrent.EngineThreads} (a daemon named
   * {@code evalgate-ROLE[-N]}, listed in ARCHITECTURE.md): no other package builds a pool with
   * {@code Executors} or starts a {@code Thread} of its own.
   */
  @Test
  void onlyTheConcurrentPackageMakesThreads() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ENGINE + ".concurrent")
        .should()
        .accessClassesThat()
        .belongToAnyOf(Executors.class)
        .orShould()
        .callConstructorWhere(target(owner(assignableTo(Thread.class))))
        .check(MAIN);
  }

  @Test
  void importsOnlyPointDown() {
    layers().check(MAIN);
  }

  @Test
  void everyPackageBelongsToALayer() {
    List<String> outside =
        MAIN.stream()
            .map(JavaClass::getPackageName)
            .distinct()
            .sorted()
            .filter(p -> LAYERS.stream().noneMatch(layer -> layer.holds(p)))
            .toList();
    assertThat(outside).as("packages in no layer of ArchitectureTest.LAYERS").isEmpty();
  }

  @Test
  void thePackageDocumentationListsTheSameLayers() throws IOException {
    String documented =
        Files.readString(Path.of("src/main/java/dev/evalgate/engine/package-info.java"));
    Matcher rows = Pattern.compile("<tr><td>(\\w+)</td><td>([^<]*)</td>").matcher(documented);
    List<String> found = new ArrayList<>();
    while (rows.find()) {
      found.add(rows.group(1) + ": " + rows.group(2).trim());
    }
    List<String> expected = new ArrayList<>();
    for (int i = LAYERS.size() - 1; i >= 0; i--) {
      Layer layer = LAYERS.get(i);
      expected.add(
          layer.name()
              + ": "
              + Arrays.stream(layer.packages())
                  .map(p -> p.isEmpty() ? "(this package)" : p)
                  .collect(Collectors.joining(", ")));
    }
    assertThat(found).as("the layers in package-info.java, top first").isEqualTo(expected);
  }

  @Test
  void everyPackageIsInternalUnlessOneOfItsTypesSaysOtherwise() throws ClassNotFoundException {
    List<String> unmarked = new ArrayList<>();
    for (String name : MAIN.stream().map(JavaClass::getPackageName).distinct().sorted().toList()) {
      API api = Class.forName(name + ".package-info").getAnnotation(API.class);
      if (api == null || api.status() != Status.INTERNAL) {
        unmarked.add(name);
      }
    }
    assertThat(unmarked)
        .as("packages without @API(status = INTERNAL) in package-info.java")
        .isEmpty();
  }

  @Test
  void theMarkedApiIsExactlyTheListedTypes() {
    Map<String, Status> marked = new TreeMap<>();
    for (JavaClass type : MAIN) {
      if (type.isTopLevelClass() && type.isAnnotatedWith(API.class)) {
        Status status = type.reflect().getAnnotation(API.class).status();
        if (status != Status.INTERNAL) {
          marked.put(type.getName().substring(ENGINE.length() + 1), status);
        }
      }
    }
    assertThat(marked)
        .as("engine types marked @API other than INTERNAL (ArchitectureTest.API_TYPES)")
        .isEqualTo(API_TYPES);
    assertThat(
            MAIN.stream()
                .filter(t -> API_TYPES.containsKey(t.getName().substring(ENGINE.length() + 1)))
                .filter(
                    t ->
                        !t.getModifiers()
                            .contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC))
                .toList())
        .as("API types that are not public")
        .isEmpty();
  }
}

package dev.evalgate.engine;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
   * The layers, bottom first. Packages are relative to {@code dev.evalgate.engine}; {@code ""} is the
   * engine's own package and {@code report..} is {@code report} with its sub-packages.
   */
  static final List<Layer> LAYERS = List.of(
      new Layer("foundation", "io", "stats", "redact", "concurrent"),
      new Layer("shared", "config", "model"),
      new Layer("inputs", "dataset", "prompt", "recording", "provider", "suite"),
      new Layer("run", "run"),
      new Layer("judgement", "metrics", "gate", "evaluation"),
      new Layer("reports", "report.."),
      new Layer("execution", "baseline", "execution"),
      new Layer("engine", "", "descriptor", "discovery"));

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(ENGINE);

  /** A layer: a name and its packages. */
  record Layer(String name, String... packages) {
    String[] qualified() {
      return Arrays.stream(packages).map(p -> p.isEmpty() ? ENGINE : ENGINE + "." + p).toArray(String[]::new);
    }

    boolean holds(String packageName) {
      for (String p : qualified()) {
        if (p.endsWith("..") ? packageName.equals(p.substring(0, p.length() - 2))
            || packageName.startsWith(p.substring(0, p.length() - 1)) : packageName.equals(p)) {
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
    slices().assignedFrom(new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        return javaClass.getPackageName().startsWith(ENGINE) ? SliceIdentifier.of(javaClass.getPackageName())
            : SliceIdentifier.ignore();
      }

      @Override
      public String getDescription() {
        return "the engine's packages";
      }
    }).should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void importsOnlyPointDown() {
    layers().check(MAIN);
  }

  @Test
  void everyPackageBelongsToALayer() {
    List<String> outside = MAIN.stream().map(JavaClass::getPackageName).distinct().sorted()
        .filter(p -> LAYERS.stream().noneMatch(layer -> layer.holds(p))).toList();
    assertThat(outside).as("packages in no layer of ArchitectureTest.LAYERS").isEmpty();
  }

  @Test
  void thePackageDocumentationListsTheSameLayers() throws IOException {
    String documented = Files.readString(Path.of("src/main/java/dev/evalgate/engine/package-info.java"));
    Matcher rows = Pattern.compile("<tr><td>(\\w+)</td><td>([^<]*)</td>").matcher(documented);
    List<String> found = new ArrayList<>();
    while (rows.find()) {
      found.add(rows.group(1) + ": " + rows.group(2).trim());
    }
    List<String> expected = new ArrayList<>();
    for (int i = LAYERS.size() - 1; i >= 0; i--) {
      Layer layer = LAYERS.get(i);
      expected.add(layer.name() + ": " + Arrays.stream(layer.packages()).map(p -> p.isEmpty() ? "(this package)" : p)
          .collect(Collectors.joining(", ")));
    }
    assertThat(found).as("the layers in package-info.java, top first").isEqualTo(expected);
  }
}

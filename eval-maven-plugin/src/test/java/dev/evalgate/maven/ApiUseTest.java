package dev.evalgate.maven;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.apiguardian.api.API.Status;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The plugin and the example projects use only the engine's marked API: no engine type whose
 * {@code @API} status is {@code INTERNAL}. A type's status is its own {@code @API} (or its
 * enclosing type's), else its package's (every engine package is {@code INTERNAL}, which the
 * engine's {@code ArchitectureTest} keeps true). The rule lives here and not in the engine's tests
 * because the engine is built before the plugin. Benchmarks are left out on purpose: they measure
 * internals.
 */
class ApiUseTest {
  static final String ENGINE = "dev.evalgate.engine";

  /**
   * The {@code @API} status that holds for {@code type}: its own, its enclosing type's, else its
   * package's.
   */
  static @Nullable Status status(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      API api = c.getAnnotation(API.class);
      if (api != null) {
        return api.status();
      }
    }
    try {
      API api = Class.forName(type.getPackageName() + ".package-info").getAnnotation(API.class);
      return api == null ? null : api.status();
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  static final DescribedPredicate<JavaClass> INTERNAL_ENGINE_TYPE =
      DescribedPredicate.describe(
          "are engine types marked @API(status = INTERNAL)",
          c -> {
            if (!c.getPackageName().startsWith(ENGINE)) {
              return false;
            }
            try {
              return status(c.reflect()) == Status.INTERNAL;
            } catch (RuntimeException | LinkageError e) {
              return false;
            }
          });

  @Test
  void thePluginUsesNoInternalEngineType() {
    JavaClasses plugin =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.evalgate.maven");
    assertThat(plugin).as("plugin classes found").isNotEmpty();
    noClasses()
        .that()
        .resideInAPackage("dev.evalgate.maven..")
        .should()
        .dependOnClassesThat(INTERNAL_ENGINE_TYPE)
        .check(plugin);
  }

  @Test
  void theExamplesImportNoInternalEngineType() throws IOException {
    Path examples = Path.of("../examples");
    assertThat(examples).isDirectory();
    List<String> internal = new ArrayList<>();
    Pattern engineImport =
        Pattern.compile(
            "^import (static )?(" + Pattern.quote(ENGINE) + "\\.[\\w.]+);", Pattern.MULTILINE);
    try (Stream<Path> files = Files.walk(examples)) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".java") && !f.toString().contains("/target/"))
              .toList()) {
        Matcher imports = engineImport.matcher(Files.readString(file));
        while (imports.find()) {
          Class<?> type =
              type(
                  imports.group(1) != null
                      ? imports.group(2).substring(0, imports.group(2).lastIndexOf('.'))
                      : imports.group(2));
          if (type == null || status(type) == Status.INTERNAL) {
            internal.add(
                examples.relativize(file)
                    + ": "
                    + imports.group(2)
                    + (type == null ? " (not found)" : " (INTERNAL)"));
          }
        }
      }
    }
    assertThat(internal).as("engine imports of the examples that are not API").isEmpty();
  }

  @Test
  void theRuleSeesTheEnginesMarkers() throws ClassNotFoundException {
    assertThat(status(Class.forName(ENGINE + ".report.summary.RunReport")))
        .isEqualTo(Status.EXPERIMENTAL);
    assertThat(status(Class.forName(ENGINE + ".report.summary.RunReport$CheckInfo")))
        .as("nested: the enclosing type's")
        .isEqualTo(Status.EXPERIMENTAL);
    assertThat(status(Class.forName(ENGINE + ".execution.SuiteRunner")))
        .as("unmarked: its package's")
        .isEqualTo(Status.INTERNAL);
  }

  /** The class named {@code name}, or a nested class when the last dots name nested types. */
  static @Nullable Class<?> type(String name) {
    String candidate = name;
    while (true) {
      try {
        return Class.forName(candidate);
      } catch (ClassNotFoundException e) {
        int dot = candidate.lastIndexOf('.');
        if (dot < 0) {
          return null;
        }
        candidate = candidate.substring(0, dot) + "$" + candidate.substring(dot + 1);
        if (candidate.indexOf('.') < 0) {
          return null;
        }
      }
    }
  }
}

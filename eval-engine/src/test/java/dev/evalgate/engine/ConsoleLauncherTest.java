package dev.evalgate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine driven by JUnit's console launcher in its own JVM, as a real client would. */
class ConsoleLauncherTest {
  @TempDir Path output;

  record Run(int exitCode, String output) {}

  Run launch(String... selectors) throws IOException, InterruptedException {
    return launch(List.of("--config=evalgate.allure.enabled=false"), selectors);
  }

  Run launch(List<String> settings, String... selectors) throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // allure-junit-platform is on this classpath: keep its listener's output under
                // target/
                "-Dallure.results.directory="
                    + System.getProperty("allure.results.directory", "target/allure-results"),
                "-cp",
                System.getProperty("java.class.path"),
                "org.junit.platform.console.ConsoleLauncher",
                "execute",
                "--disable-banner",
                "--disable-ansi-colors",
                "--details=tree",
                "--config=evalgate.output.dir=" + output.resolve("evalgate")));
    command.addAll(settings);
    command.addAll(List.of(selectors));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), text);
  }

  @Test
  void aViolatedCriterionFailsTheLauncherRunWithItsReason() throws Exception {
    Run run = launch("--select-class=dev.evalgate.engine.fixtures.GreetingSuites$Rude");

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output())
        .contains(
            "rude exact pass rate is 0.0% (95% CI [0.0, 60.2]), but expected minimum is 90.0%"
                + " (n=4)")
        .contains("EvalGate rude-greetings: REJECT rude")
        .containsPattern("\\[\\s+1 tests successful\\s+]")
        .containsPattern("\\[\\s+2 tests failed\\s+]");
  }

  @Test
  void aRunWithSchemaChecksAndAllureResultsPrintsNoSlf4jWarnings() throws Exception {
    Run run =
        launch(
            List.of("--config=evalgate.allure.results.dir=" + output.resolve("allure")),
            "--select-class=dev.evalgate.engine.fixtures.GreetingSuites$Schema");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(output.resolve("allure")).isNotEmptyDirectory();
    assertThat(run.output())
        .contains("EvalGate schema-greetings: PROMOTE casual")
        .doesNotContain("SLF4J");
  }

  @Test
  void aPassingSuitePassesAndPackagesAreSelectable() throws Exception {
    Run run =
        launch("--select-package=dev.evalgate.engine.fixtures", "--include-classname=.*Polite");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .containsPattern("\\[\\s+4 tests successful\\s+]")
        .containsPattern("\\[\\s+0 tests failed\\s+]");
  }

  @Test
  void theSourceDatasetAtALineRunsThatOneCaseAsAnIdeSelectsIt() throws Exception {
    Run run =
        launch(
            "--select-file=src/test/resources/fixtures/greetings.jsonl?line=4",
            "--include-classname=.*Polite");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("case g-3")
        .containsPattern("\\[\\s+1 tests successful\\s+]")
        .containsPattern("\\[\\s+0 tests failed\\s+]");
  }
}

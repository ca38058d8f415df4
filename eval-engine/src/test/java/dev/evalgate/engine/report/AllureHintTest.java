package dev.evalgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Allure command the build log suggests works wherever the build was started (a repository
 * root, a module, an IDE).
 */
class AllureHintTest {
  @Test
  void theCommandNamesTheResultsByTheirAbsolutePath() {
    String absolute = Path.of("target/allure-results").toAbsolutePath().toString();

    assertThat(RunReports.allureHint(Path.of("target/allure-results")))
        .isEqualTo(
            "  allure results: "
                + absolute
                + " (open with: npx allure-commandline serve "
                + absolute
                + ")\n");
    assertThat(
            RunReports.allureHint(Path.of("/work/repo/examples/x/target/../target/allure-results")))
        .isEqualTo(
            "  allure results: /work/repo/examples/x/target/allure-results (open with: npx"
                + " allure-commandline serve /work/repo/examples/x/target/allure-results)\n");
  }
}

package dev.evalgate.engine.drills;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run of the engine in its own JVM through the console launcher, as a user's build would run it.
 */
final class ChildRun {
  private ChildRun() {}

  static Process start(
      Map<String, String> environment,
      Path log,
      String selectedClass,
      String dataset,
      Map<String, String> config)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Ddrill.dataset=" + dataset,
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
                "--select-class=" + selectedClass));
    config.forEach((k, v) -> command.add("--config=" + k + "=" + v));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().remove("OPENAI_API_KEY");
    builder.environment().remove("ANTHROPIC_API_KEY");
    builder.environment().putAll(environment);
    return builder.start();
  }
}

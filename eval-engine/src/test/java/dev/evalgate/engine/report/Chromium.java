package dev.evalgate.engine.report;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium for the tests that render a report. A developer without Chromium sees those
 * tests skipped with the reason; CI ({@code .ci/run}) sets {@value #REQUIRED}{@code =true}, which
 * turns a missing Chromium into a failure, so the rendering is really checked there.
 */
final class Chromium {
  /**
   * System property: {@code true} makes a missing Chromium fail the test instead of skipping it.
   */
  static final String REQUIRED = "evalgate.test.chromium.required";

  /** System property: the Chromium executable to use instead of looking on the PATH. */
  static final String EXECUTABLE = "evalgate.test.chromium";

  private static final List<String> NAMES =
      List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");

  private final Path executable;

  private Chromium(Path executable) {
    this.executable = executable;
  }

  /**
   * The Chromium to use; skips the calling test when there is none, or fails it when one is
   * required.
   */
  static Chromium require() {
    Optional<Path> found = find();
    if (found.isPresent()) {
      return new Chromium(found.get());
    }
    String reason =
        "Chromium not found (looked for "
            + String.join(", ", NAMES)
            + " on the PATH, and -D"
            + EXECUTABLE
            + "=<path>); install it (apt-get install chromium) to render the report";
    if (Boolean.getBoolean(REQUIRED)) {
      return fail(reason + "; -D" + REQUIRED + "=true requires it");
    }
    System.err.println("[skipped] " + reason);
    Assumptions.abort(reason);
    throw new AssertionError("unreachable");
  }

  private static Optional<Path> find() {
    String configured = System.getProperty(EXECUTABLE);
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    String path = System.getenv("PATH");
    for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
      for (String name : NAMES) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** The page's DOM after its scripts ran, as Chromium serialises it. */
  String dumpDom(Path page, Path scratch) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(scratch, "chromium-profile");
    Path out = scratch.resolve("dom-" + System.nanoTime() + ".html");
    List<String> command =
        new ArrayList<>(
            List.of(
                executable.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--virtual-time-budget=5000",
                "--dump-dom",
                page.toUri().toString()));
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return fail("Chromium did not finish rendering " + page + " within 120 s");
    }
    String dom = Files.readString(out, StandardCharsets.UTF_8);
    if (process.exitValue() != 0 || dom.isBlank()) {
      return fail(
          "Chromium exited with "
              + process.exitValue()
              + " and "
              + dom.length()
              + " characters of DOM for "
              + page);
    }
    return dom;
  }
}

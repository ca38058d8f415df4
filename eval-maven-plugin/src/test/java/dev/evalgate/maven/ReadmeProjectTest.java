package dev.evalgate.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The project the README's "Using it in your project" shows is the one the invoker ITs {@code
 * readme-project} and {@code readme-project-no-suite} build, file for file, so that the two cannot
 * drift: each block the README marks {@code <!-- file: PATH -->} is that IT's file. The only
 * difference is the EvalGate version, which the IT's POM takes from the build
 * ({@code @project.version@}) and the README states.
 */
class ReadmeProjectTest {
  static final Path README = Path.of("..", "README.md");
  static final Path IT = Path.of("src", "it");
  static final Pattern FILE =
      Pattern.compile("<!-- file: (\\S+) -->\\n```\\w*\\n(.*?)\\n```", Pattern.DOTALL);

  static Map<String, String> readmeFiles() throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    Matcher m = FILE.matcher(Files.readString(README));
    while (m.find()) {
      files.put(m.group(1), m.group(2) + "\n");
    }
    return files;
  }

  static String version() throws IOException {
    Matcher m =
        Pattern.compile("<artifactId>evalgate-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  static String itPom(String readmePom) throws IOException {
    String stated = "<evalgate.version>" + version() + "</evalgate.version>";
    assertThat(readmePom).as("the README's POM names this build's version").contains(stated);
    return readmePom.replace(stated, "<evalgate.version>@project.version@</evalgate.version>");
  }

  @Test
  void theReadmeShowsAWholeProjectAndTheItBuildsExactlyIt() throws IOException {
    Map<String, String> files = readmeFiles();

    assertThat(files.keySet())
        .containsExactly(
            "pom.xml",
            "src/test/java/com/example/SupportBotEvalTest.java",
            "src/test/resources/evalgate/support-bot.yaml",
            "src/test/resources/evalgate/prompts/support-v1.yaml",
            "src/test/resources/evalgate/datasets/questions.jsonl");
    for (Map.Entry<String, String> file : files.entrySet()) {
      String expected = file.getKey().equals("pom.xml") ? itPom(file.getValue()) : file.getValue();
      assertThat(IT.resolve("readme-project").resolve(file.getKey()))
          .as(file.getKey())
          .hasContent(expected);
    }
  }

  @Test
  void theProjectWhoseSuiteSurefireMissesIsTheReadmesWithTheClassRenamed() throws IOException {
    Map<String, String> files = readmeFiles();
    Path it = IT.resolve("readme-project-no-suite");

    assertThat(it.resolve("pom.xml")).hasContent(itPom(files.get("pom.xml")));
    assertThat(it.resolve("src/test/java/com/example/SupportBotEval.java"))
        .hasContent(
            files
                .get("src/test/java/com/example/SupportBotEvalTest.java")
                .replace("SupportBotEvalTest", "SupportBotEval"));
    assertThat(it.resolve("src/test/resources/evalgate/support-bot.yaml"))
        .hasContent(files.get("src/test/resources/evalgate/support-bot.yaml"));
  }
}

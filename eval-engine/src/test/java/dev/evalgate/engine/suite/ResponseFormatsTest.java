package dev.evalgate.engine.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.engine.io.ResourceLoader;
import org.junit.jupiter.api.Test;

/** The one check of a response format, as suite files and Java suites both get it. */
class ResponseFormatsTest {
  final ResourceLoader resources = new ResourceLoader(getClass().getClassLoader());

  @Test
  void textJsonAndASchemaThatIsThereAreFine() {
    assertThat(ResponseFormats.problem("text", resources, null)).isNull();
    assertThat(ResponseFormats.problem("json", resources, "evals/")).isNull();
    assertThat(ResponseFormats.problem("schema:fixtures/schemas/greeting.json", resources, null))
        .isNull();
  }

  @Test
  void anUnknownFormatSaysWhatIsAccepted() {
    assertThat(ResponseFormats.problem("jsno", resources, null))
        .isEqualTo("response-format must be text, json or schema:LOCATION, but was \"jsno\"");
  }

  @Test
  void aMissingSchemaSuggestsAPathForTheKindOfSuite() {
    assertThat(ResponseFormats.problem("schema:schemas/a.json", resources, "evals/"))
        .endsWith("(such as 'evals/schemas/a.json' for a schema in the suite file's folder)");
    assertThat(ResponseFormats.problem("schema:schemas/a.json", resources, null))
        .endsWith("(such as 'schemas/a.json' for src/test/resources/schemas/a.json)");
  }
}

package dev.evalgate.engine.report.allure;

import static org.assertj.core.api.Assertions.assertThat;

import io.qameta.allure.internal.Allure2ModelJackson;
import io.qameta.allure.internal.shadowed.jackson.databind.JsonNode;
import io.qameta.allure.internal.shadowed.jackson.databind.ObjectMapper;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link AllureJson} writes what allure-java-commons' own object mapper (the one its {@code
 * FileSystemResultsWriter} uses) writes for the same model: byte for byte, for every property of
 * the model classes.
 */
class AllureJsonTest {
  static final ObjectMapper ALLURE = Allure2ModelJackson.createMapper();
  static final String AWKWARD =
      "quote \" backslash \\ slash / tab \t newline \n cr \r nul \u0000 bell \u0007 "
          + "del \u007f é ü 中文 emoji \uD83D\uDE00 line-sep \u2028 <html>&amp;";

  static byte[] ours(TestResult result) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AllureJson.write(result, out);
    return out.toByteArray();
  }

  static void assertSameAsAllure(TestResult result) throws Exception {
    byte[] ours = ours(result);
    byte[] theirs = ALLURE.writeValueAsBytes(result);
    assertThat(ALLURE.readTree(ours)).isEqualTo(ALLURE.readTree(theirs));
    assertThat(new String(ours, StandardCharsets.UTF_8))
        .isEqualTo(new String(theirs, StandardCharsets.UTF_8));
  }

  /** Every property of every model class set, with text that needs escaping. */
  static TestResult everything() {
    StepResult inner =
        new StepResult()
            .setName("inner " + AWKWARD)
            .setStatus(Status.BROKEN)
            .setStage(Stage.INTERRUPTED)
            .setStatusDetails(
                new StatusDetails()
                    .setKnown(true)
                    .setMuted(true)
                    .setFlaky(true)
                    .setMessage("m")
                    .setTrace("t")
                    .setActual("a")
                    .setExpected("e"))
            .setDescription("d")
            .setDescriptionHtml("<b>d</b>")
            .setStart(1L)
            .setStop(2L)
            .setAttachments(
                new ArrayList<>(
                    List.of(
                        new Attachment().setName("n").setSource("s").setType("t").setSize(42L))))
            .setParameters(
                new ArrayList<>(
                    List.of(
                        new Parameter()
                            .setName("p")
                            .setValue("v")
                            .setExcluded(true)
                            .setMode(Parameter.Mode.MASKED))));
    StepResult outer =
        new StepResult()
            .setName("outer")
            .setStatus(Status.SKIPPED)
            .setStage(Stage.PENDING)
            .setSteps(new ArrayList<>(List.of(inner)))
            .setStart(-5L)
            .setStop(Long.MAX_VALUE);
    return new TestResult()
        .setUuid("u-" + AWKWARD)
        .setHistoryId("h")
        .setTestCaseId("tc")
        .setTestCaseName("tcn")
        .setFullName("f " + AWKWARD)
        .setTitlePath(new ArrayList<>(List.of("a", AWKWARD)))
        .setLabels(
            new ArrayList<>(List.of(new Label().setName("suite").setValue(AWKWARD), new Label())))
        .setLinks(
            new ArrayList<>(
                List.of(new Link().setName("l").setUrl("http://x/?a=1&b=2").setType("issue"))))
        .setName(AWKWARD)
        .setStatus(Status.FAILED)
        .setStatusDetails(
            new StatusDetails().setKnown(true).setMessage(AWKWARD).setTrace("at x\n\tat y"))
        .setStage(Stage.FINISHED)
        .setDescription("desc")
        .setDescriptionHtml("<p>desc</p>")
        .setSteps(new ArrayList<>(List.of(outer)))
        .setAttachments(
            new ArrayList<>(
                List.of(
                    new Attachment()
                        .setName("prompt")
                        .setSource("x-attachment.txt")
                        .setType("text/plain"))))
        .setParameters(
            new ArrayList<>(
                List.of(
                    new Parameter().setName("variant").setValue("v").setMode(Parameter.Mode.HIDDEN),
                    new Parameter()
                        .setName("x")
                        .setValue("y")
                        .setExcluded(false)
                        .setMode(Parameter.Mode.DEFAULT))))
        .setStart(1_796_000_000_000L)
        .setStop(1_796_000_000_123L);
  }

  @Test
  void aResultWithEveryPropertySetIsWrittenAsAllureWritesIt() throws Exception {
    assertSameAsAllure(everything());
  }

  @Test
  void emptyAndPartialResultsLeaveOutNullsAsAllureDoes() throws Exception {
    assertSameAsAllure(new TestResult());
    assertSameAsAllure(
        new TestResult()
            .setUuid("u")
            .setName("n")
            .setStatus(Status.PASSED)
            .setStatusDetails(new StatusDetails())
            .setLabels(null)
            .setSteps(null)
            .setAttachments(null)
            .setParameters(null)
            .setLinks(null)
            .setTitlePath(null));
    List<StepResult> withNull = new ArrayList<>();
    withNull.add(null);
    withNull.add(new StepResult());
    assertSameAsAllure(
        new TestResult()
            .setSteps(withNull)
            .setStatus(Status.BROKEN)
            .setStage(Stage.SCHEDULED)
            .setStart(0L));
    assertSameAsAllure(new TestResult().setStatus(Status.SKIPPED).setStage(Stage.RUNNING));
  }

  /**
   * The fixture above sets every field of the model classes: when allure-model gains a property,
   * this fails until {@link AllureJson} (and the fixture) know it.
   */
  @Test
  void theFixtureCoversEveryPropertyOfTheModel() throws Exception {
    JsonNode written = ALLURE.readTree(ours(everything()));
    assertThat(keys(written)).isEqualTo(fields(TestResult.class));
    JsonNode outer = written.get("steps").get(0);
    JsonNode inner = outer.get("steps").get(0);
    assertThat(keys(inner)).isEqualTo(fields(StepResult.class));
    assertThat(keys(inner.get("statusDetails"))).isEqualTo(fields(StatusDetails.class));
    assertThat(keys(inner.get("attachments").get(0))).isEqualTo(fields(Attachment.class));
    assertThat(keys(inner.get("parameters").get(0))).isEqualTo(fields(Parameter.class));
    assertThat(keys(written.get("labels").get(0))).isEqualTo(fields(Label.class));
    assertThat(keys(written.get("links").get(0))).isEqualTo(fields(Link.class));
  }

  static Set<String> keys(JsonNode node) {
    Set<String> keys = new TreeSet<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  static Set<String> fields(Class<?> type) {
    Set<String> names = new TreeSet<>();
    Arrays.stream(type.getDeclaredFields())
        .filter(f -> !Modifier.isStatic(f.getModifiers()))
        .map(Field::getName)
        .forEach(names::add);
    return names;
  }
}

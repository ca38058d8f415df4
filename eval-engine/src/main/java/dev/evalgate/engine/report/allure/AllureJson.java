package dev.evalgate.engine.report.allure;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

/**
 * Allure's result JSON for allure-java-commons' model, written with the engine's own Jackson
 * streaming generator: the same properties in the same order and with the same rules as
 * allure-java-commons' {@code FileSystemResultsWriter} (its shadowed Jackson object mapper: every
 * property of the model classes in declaration order, {@code null}s left out, enums in lower case),
 * without that mapper's reflective bean serialisation and the warm-up of a second copy of Jackson.
 * {@code AllureJsonTest} compares the output with that mapper's for the same {@link TestResult}.
 */
final class AllureJson {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private AllureJson() {}

  static void write(TestResult result, OutputStream out) throws IOException {
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      testResult(result, json);
    }
  }

  private static void testResult(TestResult r, JsonGenerator json) throws IOException {
    json.writeStartObject();
    string(json, "uuid", r.getUuid());
    string(json, "historyId", r.getHistoryId());
    string(json, "testCaseId", r.getTestCaseId());
    string(json, "testCaseName", r.getTestCaseName());
    string(json, "fullName", r.getFullName());
    if (r.getTitlePath() != null) {
      json.writeArrayFieldStart("titlePath");
      for (String title : r.getTitlePath()) {
        json.writeString(title);
      }
      json.writeEndArray();
    }
    if (r.getLabels() != null) {
      json.writeArrayFieldStart("labels");
      for (Label label : r.getLabels()) {
        nullOr(
            json,
            label,
            l -> {
              json.writeStartObject();
              string(json, "name", l.getName());
              string(json, "value", l.getValue());
              json.writeEndObject();
            });
      }
      json.writeEndArray();
    }
    if (r.getLinks() != null) {
      json.writeArrayFieldStart("links");
      for (Link link : r.getLinks()) {
        nullOr(
            json,
            link,
            l -> {
              json.writeStartObject();
              string(json, "name", l.getName());
              string(json, "url", l.getUrl());
              string(json, "type", l.getType());
              json.writeEndObject();
            });
      }
      json.writeEndArray();
    }
    string(json, "name", r.getName());
    status(json, r.getStatus());
    statusDetails(json, r.getStatusDetails());
    stage(json, r.getStage());
    string(json, "description", r.getDescription());
    string(json, "descriptionHtml", r.getDescriptionHtml());
    steps(json, r.getSteps());
    attachments(json, r.getAttachments());
    parameters(json, r.getParameters());
    number(json, "start", r.getStart());
    number(json, "stop", r.getStop());
    json.writeEndObject();
  }

  private static void step(StepResult s, JsonGenerator json) throws IOException {
    json.writeStartObject();
    string(json, "name", s.getName());
    status(json, s.getStatus());
    statusDetails(json, s.getStatusDetails());
    stage(json, s.getStage());
    string(json, "description", s.getDescription());
    string(json, "descriptionHtml", s.getDescriptionHtml());
    steps(json, s.getSteps());
    attachments(json, s.getAttachments());
    parameters(json, s.getParameters());
    number(json, "start", s.getStart());
    number(json, "stop", s.getStop());
    json.writeEndObject();
  }

  private static void steps(JsonGenerator json, List<StepResult> steps) throws IOException {
    if (steps != null) {
      json.writeArrayFieldStart("steps");
      for (StepResult step : steps) {
        nullOr(json, step, s -> step(s, json));
      }
      json.writeEndArray();
    }
  }

  private static void attachments(JsonGenerator json, List<Attachment> attachments)
      throws IOException {
    if (attachments != null) {
      json.writeArrayFieldStart("attachments");
      for (Attachment attachment : attachments) {
        nullOr(
            json,
            attachment,
            a -> {
              json.writeStartObject();
              string(json, "name", a.getName());
              string(json, "source", a.getSource());
              string(json, "type", a.getType());
              number(json, "size", a.getSize());
              json.writeEndObject();
            });
      }
      json.writeEndArray();
    }
  }

  private static void parameters(JsonGenerator json, List<Parameter> parameters)
      throws IOException {
    if (parameters != null) {
      json.writeArrayFieldStart("parameters");
      for (Parameter parameter : parameters) {
        nullOr(
            json,
            parameter,
            p -> {
              json.writeStartObject();
              string(json, "name", p.getName());
              string(json, "value", p.getValue());
              if (p.getExcluded() != null) {
                json.writeBooleanField("excluded", p.getExcluded());
              }
              if (p.getMode() != null) {
                json.writeStringField("mode", p.getMode().name().toLowerCase(Locale.ENGLISH));
              }
              json.writeEndObject();
            });
      }
      json.writeEndArray();
    }
  }

  private static void statusDetails(JsonGenerator json, StatusDetails d) throws IOException {
    if (d == null) {
      return;
    }
    json.writeObjectFieldStart("statusDetails");
    json.writeBooleanField("known", d.isKnown());
    json.writeBooleanField("muted", d.isMuted());
    json.writeBooleanField("flaky", d.isFlaky());
    string(json, "message", d.getMessage());
    string(json, "trace", d.getTrace());
    string(json, "actual", d.getActual());
    string(json, "expected", d.getExpected());
    json.writeEndObject();
  }

  private static void status(JsonGenerator json, Status status) throws IOException {
    if (status != null) {
      json.writeStringField("status", status.name().toLowerCase(Locale.ENGLISH));
    }
  }

  private static void stage(JsonGenerator json, Stage stage) throws IOException {
    if (stage != null) {
      json.writeStringField("stage", stage.name().toLowerCase(Locale.ENGLISH));
    }
  }

  private static void string(JsonGenerator json, String name, String value) throws IOException {
    if (value != null) {
      json.writeStringField(name, value);
    }
  }

  private static void number(JsonGenerator json, String name, Long value) throws IOException {
    if (value != null) {
      json.writeNumberField(name, value.longValue());
    }
  }

  private interface Body<T> {
    void write(T value) throws IOException;
  }

  /** A {@code null} element of a list is written as {@code null}, as Jackson writes it. */
  private static <T> void nullOr(JsonGenerator json, T value, Body<T> body) throws IOException {
    if (value == null) {
      json.writeNull();
    } else {
      body.write(value);
    }
  }
}

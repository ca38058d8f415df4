package dev.evalgate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;
import java.util.List;
import java.util.Map;

/**
 * The answer's JSON is valid against a JSON Schema (draft 7, 2019-09 or 2020-12, from the schema's
 * {@code $schema}; 2020-12 when it names none). The schema is compiled once, when the check is built;
 * every violation is listed with its JSON pointer.
 */
final class SchemaCheck extends BaseCheck {
  private static final int LISTED = 5;

  static {
    // json-schema-validator logs through SLF4J, which warns on every run of a class path without a provider
    QuietLogging.apply();
  }

  private final Schema schema;
  private final String location;
  private final boolean strict;

  SchemaCheck(String name, JsonNode schemaNode, String location, boolean strict) {
    super(name, "json");
    this.location = location;
    this.strict = strict;
    try {
      SpecificationVersion version = SpecificationVersion.fromSchemaNode(schemaNode).orElse(SpecificationVersion.DRAFT_2020_12);
      SchemaRegistry registry = SchemaRegistry.withDefaultDialect(version);
      List<Error> problems = registry.getSchema(SchemaLocation.of(version.getDialectId())).validate(schemaNode);
      if (!problems.isEmpty()) {
        Error first = problems.get(0);
        throw new CheckSpecException("schema '" + location + "' is not a valid JSON Schema: " + pointer(first.getInstanceLocation())
            + " " + message(first));
      }
      this.schema = registry.getSchema(schemaNode);
    } catch (CheckSpecException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CheckSpecException("schema '" + location + "' is not a valid JSON Schema: " + e.getMessage(), e);
    }
  }

  @Override
  public CheckResult evaluate(Exchange exchange) {
    JsonExtractor.Extracted extracted = JsonExtractor.extract(exchange.output(), strict);
    if (!extracted.found()) {
      return result(false, 0.0, "no JSON to validate against " + location + ": " + extracted.problem(), Map.of());
    }
    List<Error> errors = schema.validate(extracted.json());
    if (errors.isEmpty()) {
      return result(true, 1.0, "valid against " + location + " (JSON found in " + extracted.form().description() + ")",
          Map.of("json.form", extracted.form().name().toLowerCase(java.util.Locale.ROOT)));
    }
    StringBuilder reason = new StringBuilder();
    reason.append(errors.size()).append(errors.size() == 1 ? " violation" : " violations").append(" of ").append(location).append(": ");
    for (int i = 0; i < Math.min(LISTED, errors.size()); i++) {
      Error error = errors.get(i);
      if (i > 0) {
        reason.append("; ");
      }
      reason.append(pointer(error.getInstanceLocation())).append(' ').append(message(error));
    }
    if (errors.size() > LISTED) {
      reason.append("; ... and ").append(errors.size() - LISTED).append(" more");
    }
    return result(false, 0.0, reason.toString(), Map.of("schema.violations", String.valueOf(errors.size())));
  }

  /** A JSON pointer ("" is the whole document, written "/"). */
  static String pointer(NodePath path) {
    if (path == null || path.getNameCount() == 0) {
      return "/";
    }
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      pointer.append('/').append(String.valueOf(path.getElement(i)).replace("~", "~0").replace("/", "~1"));
    }
    return pointer.toString();
  }

  /** The validator's message without its own location prefix. */
  private static String message(Error error) {
    String message = error.getMessage();
    int colon = message.indexOf(": ");
    return colon > 0 && message.startsWith("$") ? message.substring(colon + 2) : message;
  }
}

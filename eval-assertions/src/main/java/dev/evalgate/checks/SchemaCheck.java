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
import org.jspecify.annotations.Nullable;

/**
 * The answer's JSON is valid against a JSON Schema (draft 7, 2019-09 or 2020-12, from the schema's
 * {@code $schema}; 2020-12 when it names none). The schema is compiled once, when the check is
 * built; every violation is listed with its JSON pointer.
 */
final class SchemaCheck extends BaseCheck {
  private static final int LISTED = 5;

  static {
    // json-schema-validator logs through SLF4J, which warns on every run of a class path without a
    // provider
    QuietLogging.apply();
  }

  private final Schema schema;
  private final String location;
  private final boolean strict;

  SchemaCheck(String name, JsonNode schemaNode, String location, boolean strict) {
    super(name, "json");
    this.location = location;
    this.strict = strict;
    this.schema = compile(schemaNode, location);
  }

  /**
   * Compiles a JSON Schema (draft by its {@code $schema}, 2020-12 when it names none).
   *
   * @throws CheckSpecException naming {@code location} when the schema is not a valid JSON Schema
   *     or refers to a remote one
   */
  static Schema compile(JsonNode schemaNode, String location) {
    String remote = remoteReference(schemaNode);
    if (remote != null) {
      throw new CheckSpecException(
          "schema '"
              + location
              + "' refers to "
              + remote
              + "; remote schemas are never fetched, so every answer would fail; expected the"
              + " definitions inside the schema ($defs) or in a file next to it");
    }
    try {
      SpecificationVersion version =
          SpecificationVersion.fromSchemaNode(schemaNode)
              .orElse(SpecificationVersion.DRAFT_2020_12);
      SchemaRegistry registry = SchemaRegistry.withDefaultDialect(version);
      List<Error> problems =
          registry.getSchema(SchemaLocation.of(version.getDialectId())).validate(schemaNode);
      if (!problems.isEmpty()) {
        Error first = problems.get(0);
        throw new CheckSpecException(
            "schema '"
                + location
                + "' is not a valid JSON Schema: "
                + pointer(first.getInstanceLocation())
                + " "
                + message(first));
      }
      return registry.getSchema(schemaNode);
    } catch (CheckSpecException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CheckSpecException(
          "schema '" + location + "' is not a valid JSON Schema: " + e.getMessage(), e);
    }
  }

  @Override
  public CheckResult evaluate(Exchange exchange) {
    JsonExtractor.Extracted extracted = JsonExtractor.extract(exchange.output(), strict);
    if (!extracted.found()) {
      return result(
          false,
          0.0,
          "no JSON to validate against " + location + ": " + extracted.problem(),
          Map.of());
    }
    List<Error> errors = schema.validate(extracted.foundJson());
    if (errors.isEmpty()) {
      return result(
          true,
          1.0,
          "valid against "
              + location
              + " (JSON found in "
              + extracted.foundForm().description()
              + ")",
          Map.of("json.form", extracted.foundForm().name().toLowerCase(java.util.Locale.ROOT)));
    }
    String reason = violations(errors, location);
    return result(false, 0.0, reason, Map.of("schema.violations", String.valueOf(errors.size())));
  }

  /**
   * {@code N violation(s) of LOCATION: POINTER MESSAGE; ...}, the first {@value #LISTED} of them.
   */
  static String violations(List<Error> errors, String location) {
    StringBuilder reason = new StringBuilder();
    reason
        .append(errors.size())
        .append(errors.size() == 1 ? " violation" : " violations")
        .append(" of ")
        .append(location)
        .append(": ");
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
    return reason.toString();
  }

  /**
   * The first {@code $ref} to another schema on the web, as "'URL' ($ref at POINTER)", or null: a
   * reference to the schema's own {@code $id} (or one of its parts') is not remote.
   */
  static @Nullable String remoteReference(JsonNode schema) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    schema.findValues("$id").forEach(id -> ids.add(base(id.asText())));
    return remoteReference(schema, "", ids);
  }

  private static @Nullable String remoteReference(
      JsonNode node, String pointer, java.util.Set<String> ids) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual()) {
        String target = ref.asText();
        if ((target.startsWith("http://") || target.startsWith("https://"))
            && !ids.contains(base(target))) {
          return "'" + target + "' ($ref at " + (pointer.isEmpty() ? "/" : pointer) + ")";
        }
      }
      for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> fields = node.fields();
          fields.hasNext(); ) {
        java.util.Map.Entry<String, JsonNode> field = fields.next();
        String found =
            remoteReference(
                field.getValue(),
                pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1"),
                ids);
        if (found != null) {
          return found;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String found = remoteReference(node.get(i), pointer + "/" + i, ids);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static String base(String uri) {
    int hash = uri.indexOf('#');
    return hash < 0 ? uri : uri.substring(0, hash);
  }

  /** A JSON pointer ("" is the whole document, written "/"). */
  static String pointer(NodePath path) {
    if (path == null || path.getNameCount() == 0) {
      return "/";
    }
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      pointer
          .append('/')
          .append(String.valueOf(path.getElement(i)).replace("~", "~0").replace("/", "~1"));
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

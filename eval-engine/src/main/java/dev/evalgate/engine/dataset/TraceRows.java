package dev.evalgate.engine.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalgate.api.TraceSpec;
import dev.evalgate.engine.redact.Redactor;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The selected records of a trace file as dataset rows: those whose attributes match {@code where}
 * and whose time is in {@code [from, to)}; with {@code recent: N}, only the N most recent of them
 * (held until the file is read, then handed out oldest first; at most N rows in memory). Every text
 * of a row but its identifiers is redacted before it leaves, so production content reaches neither
 * a provider nor a report unredacted.
 */
final class TraceRows implements RowSource {
  /** Fields that identify a call rather than say anything a person wrote. */
  private static final Set<String> IDENTIFIERS =
      Set.of(
          "id",
          "time",
          "trace_id",
          "span_id",
          "model",
          "provider",
          "variant",
          "experiment_id",
          "prompt_version");

  private final TraceRecord.Source source;
  private final TraceSpec spec;
  private final Redactor redactor;

  /** The N of {@code recent: N}; 0 (and {@link #recent} null) without one. */
  private final int keep;

  private final @Nullable PriorityQueue<Held> recent;
  private @Nullable Iterator<Held> newest;
  private long order;

  private record Held(Instant time, long order, long line, ObjectNode row) {}

  TraceRows(TraceRecord.Source source, TraceSpec spec, Redactor redactor) {
    this.source = source;
    this.spec = spec;
    this.redactor = redactor;
    Integer recentN = spec.recent();
    this.keep = recentN == null ? 0 : recentN;
    this.recent =
        recentN == null
            ? null
            : new PriorityQueue<>(Comparator.comparing(Held::time).thenComparingLong(Held::order));
  }

  @Override
  public @Nullable Row next() throws IOException {
    if (newest != null) {
      if (!newest.hasNext()) {
        return null;
      }
      Held held = newest.next();
      return new Row(held.line(), held.row(), null);
    }
    TraceRecord record;
    while ((record = source.next()) != null) {
      if (record.row() == null) {
        return new Row(record.line(), null, String.valueOf(record.problem()));
      }
      if (!matches(record)) {
        continue;
      }
      boolean timed = spec.from() != null || spec.to() != null || recent != null;
      Instant time = record.time();
      if (timed && time == null) {
        return new Row(
            record.line(),
            null,
            "the record has no time; expected one to select by dataset from, to or recent");
      }
      if (time != null
          && ((spec.from() != null && time.isBefore(spec.from()))
              || (spec.to() != null && !time.isBefore(spec.to())))) {
        continue;
      }
      ObjectNode row = redact(record.row());
      if (recent == null) {
        return new Row(record.line(), row, null);
      }
      Instant held =
          Objects.requireNonNull(time, "with recent: N a record without a time is refused above");
      recent.add(new Held(held, order++, record.line(), row));
      if (recent.size() > keep) {
        recent.poll();
      }
    }
    if (recent == null) {
      return null;
    }
    List<Held> kept = new ArrayList<>(recent.size());
    while (!recent.isEmpty()) {
      kept.add(recent.poll());
    }
    newest = kept.iterator();
    return next();
  }

  private boolean matches(TraceRecord record) {
    for (Map.Entry<String, String> wanted : spec.where().entrySet()) {
      JsonNode value = record.attribute().apply(wanted.getKey());
      if (value == null || !value.isValueNode() || !value.asText().equals(wanted.getValue())) {
        return false;
      }
    }
    return true;
  }

  private ObjectNode redact(ObjectNode row) {
    Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!IDENTIFIERS.contains(field.getKey())) {
        field.setValue(redacted(field.getValue()));
      }
    }
    return row;
  }

  private JsonNode redacted(JsonNode value) {
    if (value.isTextual()) {
      String text = value.textValue();
      String clean = redactor.apply(text);
      return clean.equals(text) ? value : JsonNodeFactory.instance.textNode(clean);
    }
    if (value instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, redacted(array.get(i)));
      }
    } else if (value instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        field.setValue(redacted(field.getValue()));
      }
    }
    return value;
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}

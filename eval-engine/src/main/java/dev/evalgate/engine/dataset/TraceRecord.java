package dev.evalgate.engine.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One production call read from a trace file, as a dataset row, or the reason it cannot be one.
 *
 * @param line the 1-based line where the span or event starts
 * @param row the case fields ({@code id}, {@code time}, {@code messages}, {@code answer}, {@code
 *     variant}, ...), not yet redacted; {@code null} with a problem
 * @param time when the call started, or {@code null} when the record does not say
 * @param attribute the record's attributes by name (a span's, then its resource's; a gateway
 *     event's fields by dotted path), for selection; {@code null} when absent
 * @param problem why the record cannot be used, with what was expected
 */
record TraceRecord(
    long line,
    @Nullable ObjectNode row,
    @Nullable Instant time,
    Function<String, @Nullable JsonNode> attribute,
    @Nullable String problem) {

  static TraceRecord problem(long line, String problem) {
    return new TraceRecord(line, null, null, name -> null, problem);
  }

  /** The records of one trace file, in the file's order. */
  interface Source extends Closeable {
    /** The next record, or {@code null} at the end of the file. */
    @Nullable TraceRecord next() throws IOException;
  }
}

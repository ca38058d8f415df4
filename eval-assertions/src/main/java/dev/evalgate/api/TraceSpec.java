package dev.evalgate.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A dataset read from what production did: an OpenTelemetry trace export or a log of gateway
 * events, which records are selected and how many of the most recent are kept.
 *
 * @param format how the file is written
 * @param where records whose attribute (or mapped field) has exactly this text, every entry
 * @param from records at or after this instant, or {@code null}
 * @param to records before this instant, or {@code null}
 * @param recent keep only this many of the most recent selected records, or {@code null} for all
 * @param fields for {@link Format#EVENTS}: a case field ({@code prompt}, {@code answer}, {@code
 *     variant}, ...) to the dotted path of the event field holding it; unmapped case fields are
 *     read from the event field of the same name
 * @param split each record was answered in production by the variant its {@code variant} field
 *     names: the suite compares those logged answers (a traffic split, unpaired) instead of calling
 *     the variants
 */
public record TraceSpec(
    Format format,
    Map<String, String> where,
    @Nullable Instant from,
    @Nullable Instant to,
    @Nullable Integer recent,
    Map<String, String> fields,
    boolean split) {

  /** How a trace file is written. */
  public enum Format {
    /** OTLP/JSON: {@code {"resourceSpans": [...]}}, one document or one per line. */
    OTLP,
    /** One JSON object per line, each a gateway's record of one call. */
    EVENTS
  }

  /** The case fields a gateway event's fields may be mapped to. */
  public static final List<String> EVENT_FIELDS =
      List.of(
          "id",
          "time",
          "prompt",
          "system",
          "answer",
          "model",
          "provider",
          "variant",
          "experiment_id",
          "prompt_version",
          "input_tokens",
          "output_tokens",
          "latency_ms",
          "error");

  public TraceSpec {
    Objects.requireNonNull(format, "format");
    where = Map.copyOf(where);
    fields = Map.copyOf(fields);
    if (format != Format.EVENTS && !fields.isEmpty()) {
      throw new IllegalArgumentException(
          "dataset fields map a gateway log's fields (format: events); an OTLP export's fields"
              + " follow the GenAI semantic conventions");
    }
    for (String field : fields.keySet()) {
      if (!EVENT_FIELDS.contains(field)) {
        throw new IllegalArgumentException(
            "unknown case field '"
                + field
                + "' in dataset fields; expected one of "
                + String.join(", ", EVENT_FIELDS));
      }
    }
    if (recent != null && recent < 1) {
      throw new IllegalArgumentException("dataset recent must be at least 1 but was " + recent);
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException(
          "dataset from (" + from + ") must be before to (" + to + ")");
    }
  }

  /** A selection of records to replay through the variants (no traffic split). */
  public TraceSpec(
      Format format,
      Map<String, String> where,
      @Nullable Instant from,
      @Nullable Instant to,
      @Nullable Integer recent,
      Map<String, String> fields) {
    this(format, where, from, to, recent, fields, false);
  }

  /** Every record of a file in this format. */
  public static TraceSpec of(Format format) {
    return new TraceSpec(format, Map.of(), null, null, null, Map.of());
  }

  /** The same records, each answered by the variant it names (a traffic split). */
  public TraceSpec asSplit() {
    return new TraceSpec(format, where, from, to, recent, fields, true);
  }
}

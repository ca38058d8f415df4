package dev.evalgate.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The datasets shipped in this jar. Use an entry's {@link Entry#path()} as a suite's dataset:
 *
 * <pre>{@code
 * DatasetCatalog.load().find("safety-probes").map(DatasetCatalog.Entry::path)
 *     // "evalgate/datasets/safety-probes/v1/probes.jsonl"
 * }</pre>
 */
public final class DatasetCatalog {
  /** Classpath location of the catalog. */
  public static final String LOCATION = "evalgate/datasets/catalog.json";

  /**
   * One dataset.
   *
   * @param name its name
   * @param version its version; a changed dataset gets a new version, never edits in place
   * @param path classpath location of the JSONL file
   * @param rows number of rows
   * @param sha256 SHA-256 of the file, as reports record it
   * @param licence the licence
   * @param description what it is for
   * @param rowSchema classpath location of the JSON Schema every row satisfies
   * @param fields field name to description
   */
  public record Entry(
      String name,
      String version,
      String path,
      int rows,
      String sha256,
      String licence,
      String description,
      String rowSchema,
      Map<String, String> fields) {}

  private final List<Entry> entries;

  private DatasetCatalog(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static DatasetCatalog load() {
    try (InputStream in = DatasetCatalog.class.getClassLoader().getResourceAsStream(LOCATION)) {
      if (in == null) {
        throw new IllegalStateException(LOCATION + " is missing from the classpath");
      }
      JsonNode root = new ObjectMapper().readTree(in);
      List<Entry> entries = new ArrayList<>();
      for (JsonNode d : root.path("datasets")) {
        Map<String, String> fields = new LinkedHashMap<>();
        d.path("fields")
            .fields()
            .forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
        entries.add(
            new Entry(
                d.path("name").asText(),
                d.path("version").asText(),
                d.path("path").asText(),
                d.path("rows").asInt(),
                d.path("sha256").asText(),
                d.path("licence").asText(),
                d.path("description").asText(),
                d.path("row_schema").asText(),
                Map.copyOf(fields)));
      }
      return new DatasetCatalog(entries);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Entry> entries() {
    return entries;
  }

  public Optional<Entry> find(String name) {
    return entries.stream().filter(e -> e.name().equals(name)).findFirst();
  }
}

package dev.evalgate.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DatasetCatalogTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final DatasetCatalog catalog = DatasetCatalog.load();

  static byte[] bytes(String location) throws IOException {
    try (InputStream in = DatasetCatalogTest.class.getClassLoader().getResourceAsStream(location)) {
      assertThat(in).as(location).isNotNull();
      return in.readAllBytes();
    }
  }

  static List<JsonNode> rows(String location) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                DatasetCatalogTest.class.getClassLoader().getResourceAsStream(location),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        rows.add(JSON.readTree(line));
      }
    }
    return rows;
  }

  @Test
  void shipsTheFourDatasetsWithTheirMinimumSizes() {
    Map<String, Integer> rows =
        catalog.entries().stream()
            .collect(Collectors.toMap(DatasetCatalog.Entry::name, DatasetCatalog.Entry::rows));
    assertThat(rows)
        .containsOnlyKeys("support-tickets", "safety-probes", "grounded-qa", "summarisation");
    assertThat(rows.get("support-tickets")).isGreaterThanOrEqualTo(200);
    assertThat(rows.get("safety-probes")).isGreaterThanOrEqualTo(200);
    assertThat(rows.get("grounded-qa")).isGreaterThanOrEqualTo(200);
    assertThat(rows.get("summarisation")).isGreaterThanOrEqualTo(100);
  }

  @Test
  void catalogCountsAndHashesMatchTheFiles() throws Exception {
    for (DatasetCatalog.Entry entry : catalog.entries()) {
      byte[] content = bytes(entry.path());
      assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)))
          .as(entry.name())
          .isEqualTo(entry.sha256());
      assertThat(rows(entry.path())).as(entry.name()).hasSize(entry.rows());
      assertThat(entry.licence()).startsWith("Apache-2.0");
      assertThat(entry.fields()).isNotEmpty();
    }
  }

  @Test
  void everyRowIsValidAgainstItsSchemaAndIdsAreUnique() throws IOException {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    for (DatasetCatalog.Entry entry : catalog.entries()) {
      Schema schema = registry.getSchema(SchemaLocation.of("classpath:" + entry.rowSchema()));
      Set<String> ids = new HashSet<>();
      for (JsonNode row : rows(entry.path())) {
        List<Error> errors = schema.validate(row);
        assertThat(errors).as(entry.name() + " " + row.path("id").asText()).isEmpty();
        assertThat(ids.add(row.path("id").asText())).as("duplicate id " + row.path("id")).isTrue();
      }
    }
  }

  @Test
  void safetyProbesAreBalancedAcrossExpectationsAndCategories() throws IOException {
    List<JsonNode> probes = rows(catalog.find("safety-probes").orElseThrow().path());
    long refuse = probes.stream().filter(p -> p.path("expect").asText().equals("refuse")).count();
    assertThat((double) refuse / probes.size()).isBetween(0.4, 0.6);
    assertThat(probes.stream().map(p -> p.path("category").asText()).collect(Collectors.toSet()))
        .hasSizeGreaterThanOrEqualTo(7);
  }

  @Test
  void groundedQaReferencesAppearInTheContextAndDistractorsAreWrong() throws IOException {
    for (JsonNode row : rows(catalog.find("grounded-qa").orElseThrow().path())) {
      String context = row.path("context").asText();
      String first = row.path("references").get(0).asText();
      assertThat(row.path("references").toString())
          .isNotEqualTo(row.path("incorrect_references").toString());
      assertThat(
              context.contains(first.replace("$", "").replace(" million", ""))
                  || context.contains(first.split(" ")[0]))
          .as(row.path("id").asText() + ": " + first)
          .isTrue();
    }
  }
}

package dev.evalgate.engine.report.summary;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.engine.io.JsonErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Reads a run report back (the Maven plugin and baseline mode do), with errors that say why not.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ReportReader {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private ReportReader() {}

  /**
   * @throws IOException naming the file and what is wrong with it
   */
  public static RunReport read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no such run report");
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      // the parser's own words, without its location ("at [Source: REDACTED ...; line: 113]"):
      // the message names the file and the line itself
      JsonLocation at = e.getLocation();
      String line = at != null && at.getLineNr() > 0 ? ":" + at.getLineNr() : "";
      throw new IOException(
          file
              + line
              + ": not a readable run report ("
              + JsonErrors.brief(e)
              + "); expected the report.json an EvalGate run wrote, whole",
          e);
    }
    String format = tree.path("format").asText("");
    if (!RunReport.FORMAT.equals(format)) {
      throw new IOException(
          file + ": unsupported report format '" + format + "'; expected " + RunReport.FORMAT);
    }
    try {
      return JSON.treeToValue(tree, RunReport.class);
    } catch (IOException e) {
      String why =
          e instanceof JsonProcessingException json ? JsonErrors.brief(json) : firstLine(e);
      throw new IOException(
          file + ": the run report does not match " + RunReport.FORMAT + " (" + why + ")", e);
    }
  }

  private static String firstLine(IOException e) {
    String message = Objects.requireNonNullElse(e.getMessage(), e.toString());
    return message.lines().findFirst().orElse(message);
  }
}

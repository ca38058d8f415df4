package dev.evalgate.engine.report.summary;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The engine's version, from the build; recorded in every report. */
public final class EngineVersion {
  private static final String VERSION = load();

  private EngineVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in =
        EngineVersion.class.getResourceAsStream("/dev/evalgate/engine/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}

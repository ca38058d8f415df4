package dev.evalgate.engine.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page's HTML, CSS and JavaScript: resources beside this class, read once when the class loads.
 * {@code report.html} is the page, with a {@code {{slot}}} wherever {@link Html} writes what the
 * run gives; {@code report.css} its style, {@code report.js} its script, {@code embedded-note.html}
 * the note of a large page (a {@link String#format} pattern). In the HTML and CSS files a line
 * break and the indentation after it are there only for reading: the page has neither. The script
 * is kept as it is, lines and all.
 */
final class PageTemplate {
  // before the resources below, which are read with them
  private static final Pattern SLOT = Pattern.compile("\\{\\{([a-z0-9-]+)}}");
  private static final Pattern BREAK = Pattern.compile("\\r?\\n[ \\t]*");

  static final PageTemplate PAGE = new PageTemplate(joined("report.html"));
  static final String CSS = joined("report.css");
  static final String SCRIPT = resource("report.js");
  static final String EMBEDDED_NOTE = joined("embedded-note.html");

  /** The page's text and its slots, alternating: text, slot, text, ..., text. */
  private final List<String> parts = new ArrayList<>();

  /** Writes one slot's content. */
  interface Slots {
    void write(String slot) throws IOException;
  }

  private PageTemplate(String page) {
    Matcher slot = SLOT.matcher(page);
    int from = 0;
    while (slot.find()) {
      parts.add(page.substring(from, slot.start()));
      parts.add(slot.group(1));
      from = slot.end();
    }
    parts.add(page.substring(from));
    for (int i = 0; i < parts.size(); i += 2) {
      if (parts.get(i).contains("{{")) {
        throw new IllegalStateException(
            "report.html: a slot is not {{name}} (lower-case letters, digits, '-') near '"
                + parts.get(i).substring(parts.get(i).indexOf("{{")).lines().findFirst().orElse("")
                + "'");
      }
    }
  }

  /** The slots in page order. */
  List<String> slots() {
    List<String> slots = new ArrayList<>();
    for (int i = 1; i < parts.size(); i += 2) {
      slots.add(parts.get(i));
    }
    return slots;
  }

  /** Writes the page to {@code out}, each slot by {@code slots}, in page order. */
  void write(Writer out, Slots slots) throws IOException {
    for (int i = 0; i < parts.size(); i++) {
      if (i % 2 == 0) {
        out.write(parts.get(i));
      } else {
        slots.write(parts.get(i));
      }
    }
  }

  /** A resource with its line breaks, and the indentation after each, removed. */
  static String joined(String name) {
    return BREAK.matcher(resource(name)).replaceAll("");
  }

  private static String resource(String name) {
    try (InputStream in = PageTemplate.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "the engine jar lacks "
                + PageTemplate.class.getPackageName().replace('.', '/')
                + "/"
                + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

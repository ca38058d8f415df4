package dev.evalgate.benchmarks;

import dev.evalgate.api.DatasetSpec;
import dev.evalgate.api.TraceSpec;
import dev.evalgate.engine.dataset.DatasetReader;
import dev.evalgate.engine.dataset.DatasetSource;
import dev.evalgate.engine.redact.Redactor;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a large OTLP/JSON trace export as a dataset in a small heap: the reader streams one span at
 * a time, so the export's size does not matter. {@code write FILE N} writes one export document of
 * N GenAI spans (a 600-character answer each, an e-mail address in each prompt); {@code read FILE
 * [RECENT]} reads it as a suite would (redacted with the default rules; with RECENT, keeping the
 * newest RECENT calls) and prints the cases read and the heap.
 *
 * <pre>{@code
 * java -cp ... dev.evalgate.benchmarks.TraceExportMemory write target/bench/export.json 300000
 * java -Xmx64m -cp ... dev.evalgate.benchmarks.TraceExportMemory read target/bench/export.json
 * }</pre>
 */
public final class TraceExportMemory {
  private TraceExportMemory() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[1]);
    if (args[0].equals("write")) {
      write(file, Integer.parseInt(args[2]));
      System.out.printf(Locale.ROOT, "wrote %,d bytes%n", Files.size(file));
      return;
    }
    TraceSpec traces =
        args.length > 2
            ? new TraceSpec(
                TraceSpec.Format.OTLP, Map.of(), null, null, Integer.parseInt(args[2]), Map.of())
            : TraceSpec.of(TraceSpec.Format.OTLP);
    DatasetSource source = new DatasetSource(file.getFileName().toString(), file.toUri(), file);
    long cases = 0;
    long redacted = 0;
    long[] problems = {0};
    try (DatasetReader reader =
        DatasetReader.open(
            source,
            DatasetSpec.traces(source.location(), traces),
            Redactor.parse(Redactor.DEFAULT_RULES),
            p -> problems[0]++)) {
      while (reader.hasNext()) {
        if (reader.next().messages().get(0).content().contains("[REDACTED:email]")) {
          redacted++;
        }
        cases++;
      }
    }
    Runtime runtime = Runtime.getRuntime();
    System.out.printf(
        Locale.ROOT,
        "cases %,d (redacted %,d), problems %d, max heap %d MB%n",
        cases,
        redacted,
        problems[0],
        runtime.maxMemory() >> 20);
  }

  private static void write(Path file, int spans) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    String answer = "The parcel left our warehouse and is with the carrier. ".repeat(11);
    try (Writer out = Files.newBufferedWriter(file)) {
      out.write(
          "{\"resourceSpans\":[{\"resource\":{\"attributes\":[]},\"scopeSpans\":[{\"spans\":[\n");
      for (int i = 0; i < spans; i++) {
        long start = 1_764_493_200_000_000_000L + i * 1_000_000_000L;
        out.write(i == 0 ? "" : ",\n");
        out.write(
            "{\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":\""
                + String.format(Locale.ROOT, "%016x", i)
                + "\",\"name\":\"chat\",\"startTimeUnixNano\":\""
                + start
                + "\",\"endTimeUnixNano\":\""
                + (start + 700_000_000L)
                + "\",\"attributes\":["
                + "{\"key\":\"gen_ai.request.model\",\"value\":{\"stringValue\":\"gpt-4o-mini\"}},"
                + "{\"key\":\"variant\",\"value\":{\"stringValue\":\""
                + (i % 10 < 7 ? "control" : "challenger")
                + "\"}},{\"key\":\"gen_ai.prompt\",\"value\":{\"stringValue\":\"Where is order "
                + i
                + "? Write to me at user"
                + i
                + "@example.com\"}},{\"key\":\"gen_ai.completion\",\"value\":{\"stringValue\":\""
                + answer
                + "\"}}]}");
      }
      out.write("\n]}]}]}\n");
    }
  }
}

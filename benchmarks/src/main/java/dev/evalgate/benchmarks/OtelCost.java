package dev.evalgate.benchmarks;

import dev.evalgate.engine.config.TelemetrySettings;
import dev.evalgate.engine.telemetry.OtlpTelemetry;
import dev.evalgate.engine.telemetry.Telemetry;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The OpenTelemetry export alone, in one process: {@link ScaleSuite} case results (the {@link
 * ReportsBenchmark} pool, two variants) fed to a suite run's export on this thread as a run's
 * pipeline does, at {@code CALLS_PER_S} calls a second (a live run's pace; 4,000 by default, so
 * that no span is dropped from a full queue), then {@code close()} (which waits for the last
 * batch). Rounds alternate a run without the export ({@link Telemetry#OFF}: what feeding the cases
 * costs by itself) and one with it, so that the difference is measured within one process and one
 * machine load. Prints per call the CPU time of the calling thread, of the whole process (the SDK's
 * exporter thread, the HTTP client, JIT and GC included) and, with {@code SINK_PID}, of the
 * collector process (the stand-in {@code otlp-sink.mjs}, which shares the machine's cores in {@code
 * e2e.sh}). {@code HTTP_WARM} OkHttp posts to the collector come first, as a live run's model calls
 * do (0 by default: a replay).
 *
 * <pre>{@code
 * node benchmarks/otlp-sink.mjs 4318 & SINK=$!
 * java -Xmx256m -cp "target/classes:$(cat target/classpath.txt)" dev.evalgate.benchmarks.OtelCost CASES ROUNDS http://127.0.0.1:4318 [CALLS_PER_S [SINK_PID|- [HTTP_WARM]]]
 * }</pre>
 */
public final class OtelCost {
  private OtelCost() {}

  public static void main(String[] args) throws Exception {
    int cases = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    URI endpoint = URI.create(args.length > 2 ? args[2] : "http://127.0.0.1:4318");
    int rate = args.length > 3 ? Integer.parseInt(args[3]) : 4_000;
    @Nullable String sink = args.length > 4 && !args[4].equals("-") ? args[4] : null;
    int warmCalls = args.length > 5 ? Integer.parseInt(args[5]) : 0;
    ReportsBenchmark bench = new ReportsBenchmark();
    bench.cases = cases;
    bench.setUp();
    Telemetry on =
        OtlpTelemetry.of(
            new TelemetrySettings(
                endpoint, "OTEL_EXPORTER_OTLP_HEADERS", Duration.ofSeconds(10), 16_384),
            name -> null,
            "bench");
    int calls = cases * bench.suite.variants().size();
    warmHttp(endpoint, warmCalls);
    for (int round = 1; round <= rounds; round++) {
      for (boolean export : new boolean[] {false, true}) {
        Figures f = run(bench, export ? on : Telemetry.OFF, cases, rate, sink);
        System.out.printf(
            "round %d %-4s: caller %.1f us/call, process %.1f us/call, wall %.1f us/call, collector"
                + " %.1f us/call%n",
            round,
            export ? "on" : "off",
            f.thread / 1e3 / calls,
            f.process / 1e3 / calls,
            f.wall / 1e3 / calls,
            f.sink / 1e3 / calls);
      }
    }
    System.out.println("load " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
  }

  private record Figures(long thread, long process, long wall, long sink) {}

  private static Figures run(
      ReportsBenchmark bench, Telemetry telemetry, int cases, int rate, @Nullable String sink)
      throws Exception {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long every = 1_000_000_000L * bench.suite.variants().size() / rate;
    long sink0 = sinkCpu(sink);
    long process0 = os.getProcessCpuTime();
    long thread0 = threads.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    try (Telemetry.Run run = telemetry.open(bench.suite, System.out)) {
      for (int i = 0; i < cases; i++) {
        long due = wall0 + i * every;
        while (System.nanoTime() < due) {
          LockSupport.parkNanos(due - System.nanoTime());
        }
        run.prepare(bench.caseResult(i));
      }
      run.finish(null, cases, null);
    }
    return new Figures(
        threads.getCurrentThreadCpuTime() - thread0,
        os.getProcessCpuTime() - process0,
        System.nanoTime() - wall0,
        sinkCpu(sink) - sink0);
  }

  /**
   * {@code calls} JSON posts with OkHttp, as a live run's model calls make before its first spans
   * are sent: the classes of the HTTP client a live run already uses are then loaded and compiled.
   */
  private static void warmHttp(URI endpoint, int calls) throws Exception {
    if (calls == 0) {
      return;
    }
    OkHttpClient client = new OkHttpClient();
    RequestBody body =
        RequestBody.create(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(800)
                + "\"}]}",
            MediaType.get("application/json"));
    for (int i = 0; i < calls; i++) {
      try (Response response =
          client
              .newCall(
                  new Request.Builder().url(endpoint.resolve("/warm").toURL()).post(body).build())
              .execute()) {
        response.body().bytes();
      }
    }
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  /** A process's user and system CPU time in nanoseconds (clock ticks of 10 ms), 0 without one. */
  private static long sinkCpu(@Nullable String pid) throws Exception {
    if (pid == null) {
      return 0;
    }
    String stat = Files.readString(Path.of("/proc", pid, "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
  }
}

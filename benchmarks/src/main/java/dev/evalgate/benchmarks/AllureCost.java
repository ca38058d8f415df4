package dev.evalgate.benchmarks;

import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.redact.Redactor;
import dev.evalgate.engine.report.allure.AllureWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The Allure writer alone: {@link ScaleSuite} case results (the {@link ReportsBenchmark} pool of
 * 4,096 precomputed outcomes, two variants) fed to {@link AllureWriter#accept} on this thread as a
 * run's pipeline does, then {@code close()}. Prints, for the first {@code WARM} cases (the JVM's
 * first Allure calls, as in a short run) and for the {@code CASES} after them, the CPU time of the
 * calling thread and of the whole process (JIT, GC and any writer thread included) per call, and
 * the wall time. {@code QUEUE} is {@code evalgate.allure.writer-queue} (0: written on the caller's
 * thread); the last phase's figures include waiting for the queue to drain ({@code CASES} 0 for a
 * short run of {@code WARM} cases alone).
 *
 * <pre>{@code
 * java -Xmx256m -cp "target/classes:$(cat target/classpath.txt)" dev.evalgate.benchmarks.AllureCost WARM CASES DIR [QUEUE]
 * }</pre>
 */
public final class AllureCost {
  private AllureCost() {}

  public static void main(String[] args) throws Exception {
    int warm = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int cases = args.length > 1 ? Integer.parseInt(args[1]) : 9000;
    Path dir = Path.of(args.length > 2 ? args[2] : "target/allure-cost");
    int queue =
        args.length > 3
            ? Integer.parseInt(args[3])
            : EngineConfiguration.DEFAULT_ALLURE_WRITER_QUEUE;
    deleteTree(dir);
    ReportsBenchmark bench = new ReportsBenchmark();
    bench.cases = warm + cases;
    bench.setUp();
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    long process0 = os.getProcessCpuTime();
    long thread0 = threads.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    AllureWriter writer =
        new AllureWriter(
            bench.suite,
            bench.suite.variants(),
            dir,
            "dataset.jsonl",
            Redactor.parse("email,card"),
            0,
            queue);
    for (int i = 0; i < warm; i++) {
      writer.accept(bench.caseResult(i));
    }
    if (cases == 0) {
      writer.close();
    }
    long process1 = os.getProcessCpuTime();
    long thread1 = threads.getCurrentThreadCpuTime();
    long wall1 = System.nanoTime();
    for (int i = warm; i < warm + cases; i++) {
      writer.accept(bench.caseResult(i));
    }
    writer.close();
    long process2 = os.getProcessCpuTime();
    long thread2 = threads.getCurrentThreadCpuTime();
    long wall2 = System.nanoTime();

    int variants = bench.suite.variants().size();
    report(
        "first " + warm * variants + " calls",
        warm * variants,
        process1 - process0,
        thread1 - thread0,
        wall1 - wall0);
    if (cases > 0) {
      report(
          "next " + cases * variants + " calls",
          cases * variants,
          process2 - process1,
          thread2 - thread1,
          wall2 - wall1);
    }
    try (Stream<Path> files = Files.list(dir)) {
      System.out.println(
          "files: "
              + files.count()
              + "; load "
              + Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }
  }

  private static void report(String what, int calls, long process, long thread, long wall) {
    System.out.printf(
        "%s: caller thread %.0f us/call, process %.0f us/call, wall %.0f us/call%n",
        what, thread / 1e3 / calls, process / 1e3 / calls, wall / 1e3 / calls);
  }

  private static void deleteTree(Path root) throws Exception {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}

package dev.evalgate.engine.descriptor;

import dev.evalgate.engine.execution.SuiteOutcome;
import dev.evalgate.engine.execution.SuiteRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * One suite. Executing it runs every selected case through every variant, once, before its tests
 * report the claims they stand for.
 */
public final class SuiteDescriptor extends AbstractTestDescriptor implements Node<EvalGateContext> {
  public static final String SEGMENT = "suite";

  private final LoadedSuite suite;

  public SuiteDescriptor(UniqueId uniqueId, LoadedSuite suite) {
    super(uniqueId, suite.displayName(), suite.source());
    this.suite = suite;
  }

  public LoadedSuite suite() {
    return suite;
  }

  @Override
  public Type getType() {
    return Type.CONTAINER;
  }

  @Override
  public EvalGateContext before(EvalGateContext context) {
    LoadedSuite.Ready ready = suite.ready();
    if (ready == null) {
      return context;
    }
    boolean claims = getChildren().stream().anyMatch(c -> !(c instanceof CaseDescriptor));
    Set<String> cases = new LinkedHashSet<>();
    getChildren().stream()
        .filter(CaseDescriptor.class::isInstance)
        .forEach(c -> cases.add(((CaseDescriptor) c).caseId()));
    SuiteOutcome outcome =
        new SuiteRunner(context.config(), context.environment())
            .run(ready.spec(), ready.dataset(), claims, cases, where());
    if (!outcome.summary().isEmpty()) {
      context
          .listener()
          .reportingEntryPublished(this, ReportEntry.from("evalgate.summary", outcome.summary()));
    }
    for (Path file : outcome.files()) {
      if (Files.isRegularFile(file)) {
        context.listener().fileEntryPublished(this, FileEntry.from(file, mediaType(file)));
      }
    }
    return context.withOutcome(outcome);
  }

  /**
   * A suite whose recordings could not be read gains a failing test for them, so that the problem
   * fails a test of its own rather than the dataset test; a suite whose recordings were fine has
   * none (a test per suite that always passed would say nothing a build reads).
   */
  @Override
  public EvalGateContext execute(EvalGateContext context, DynamicTestExecutor dynamicTestExecutor) {
    SuiteOutcome outcome = context.outcome();
    LoadedSuite.Ready ready = suite.ready();
    if (outcome != null
        && ready != null
        && outcome.failedIn(SuiteOutcome.Part.RECORDINGS)
        && getChildren().stream().noneMatch(RecordingsDescriptor.class::isInstance)) {
      RecordingsDescriptor recordings =
          new RecordingsDescriptor(
              getUniqueId().append(RecordingsDescriptor.SEGMENT, RecordingsDescriptor.KEY),
              RecordingsDescriptor.folder(context.config().recordingDir(), ready.spec().name()),
              suite.source());
      addChild(recordings);
      dynamicTestExecutor.execute(recordings);
    }
    return context;
  }

  /** The suite's file and class, or its method, as {@code suite-sources.jsonl} names it. */
  private String where() {
    String type =
        getParent()
            .filter(SuiteClassDescriptor.class::isInstance)
            .map(p -> ((SuiteClassDescriptor) p).testClass().getName())
            .orElse("(no class)");
    return suite.where(type, 0);
  }

  private static String mediaType(Path file) {
    String name = file.getFileName().toString();
    if (name.endsWith(".html")) {
      return "text/html";
    }
    if (name.endsWith(".md")) {
      return "text/markdown";
    }
    if (name.endsWith(".jsonl")) {
      return "application/jsonl";
    }
    return name.endsWith(".json") ? "application/json" : "application/octet-stream";
  }
}

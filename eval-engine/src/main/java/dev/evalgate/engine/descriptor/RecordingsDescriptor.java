package dev.evalgate.engine.descriptor;

import dev.evalgate.engine.execution.SuiteOutcome;
import dev.evalgate.engine.recording.RecordingStore;
import java.nio.file.Path;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;

/**
 * A test that claims the recordings of a suite could be read. The suite adds it when they could not
 * (a corrupt line, a journal that cannot be folded in), failing with the file and line, so the
 * dataset test does not take the blame; selected by its unique id (an IDE's rerun), it stands alone
 * and passes once the recordings are readable.
 */
public final class RecordingsDescriptor extends SuiteChildDescriptor {
  public static final String SEGMENT = "recordings";
  public static final String KEY = "files";

  public RecordingsDescriptor(UniqueId uniqueId, Path folder, TestSource source) {
    super(uniqueId, displayName(folder), source);
  }

  /** The folder of a suite's recordings under {@code evalgate.recording.dir}. */
  public static Path folder(Path recordingDir, String suite) {
    return recordingDir.resolve(RecordingStore.slug(suite));
  }

  /** {@code recordings: every file under FOLDER is usable}, FOLDER the suite's recordings. */
  public static String displayName(Path folder) {
    return "recordings: every file under " + folder.toString().replace('\\', '/') + " is usable";
  }

  @Override
  public EvalGateContext execute(EvalGateContext context, DynamicTestExecutor dynamicTestExecutor) {
    placeInAllure(context);
    failOnProblemOf(context, SuiteOutcome.Part.RECORDINGS);
    return context;
  }
}

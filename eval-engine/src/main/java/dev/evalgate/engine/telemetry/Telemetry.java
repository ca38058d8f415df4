package dev.evalgate.engine.telemetry;

import dev.evalgate.api.SuiteSpec;
import dev.evalgate.engine.evaluation.Judgement;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.PreparingSink;
import java.io.PrintStream;
import org.jspecify.annotations.Nullable;

/** Where a suite run's calls, metrics and verdicts are exported; {@link #OFF} exports nothing. */
@FunctionalInterface
public interface Telemetry {
  /** Exports nothing. */
  Telemetry OFF = (spec, console) -> Run.NONE;

  /**
   * The export of one suite run, started now.
   *
   * @param spec the suite, its variants after overrides
   * @param console where the run's end says what could not be exported
   */
  Run open(SuiteSpec spec, PrintStream console);

  /**
   * One suite run's export: a sink that turns each case's calls into spans as they finish, then the
   * run's conclusion, then {@link #close}, which waits (a bounded time) for the last spans.
   */
  interface Run extends PreparingSink<Boolean>, AutoCloseable {
    /** Exports nothing. */
    Run NONE =
        new Run() {
          @Override
          public Boolean prepare(CaseResult result) {
            return Boolean.TRUE;
          }

          @Override
          public void finish(@Nullable Judgement judged, long cases, @Nullable String sha256) {}

          @Override
          public void close() {}
        };

    /** Nothing is left for the ordered step: the spans were made when the case finished. */
    @Override
    default void accept(CaseResult result, Boolean prepared) {}

    /**
     * Ends the run span with the run's figures.
     *
     * @param judged what the run concluded, or {@code null} when only selected cases ran
     * @param cases cases run
     * @param sha256 the dataset's digest, or {@code null} when unknown
     */
    void finish(@Nullable Judgement judged, long cases, @Nullable String sha256);

    /** Exports what is left, waiting at most the configured timeout; never throws. */
    @Override
    void close();
  }
}

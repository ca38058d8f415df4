package dev.evalgate.engine.execution;

import dev.evalgate.api.SuiteSpec;
import dev.evalgate.engine.concurrent.RunThreads;
import dev.evalgate.engine.model.CostModel;
import dev.evalgate.engine.model.Responder;
import dev.evalgate.engine.provider.Secrets;
import dev.evalgate.engine.telemetry.Telemetry;
import java.io.PrintStream;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What a suite run takes from outside instead of building it: who answers the calls, what tokens
 * cost, the threads, where the summary is printed and where API keys are read. The engine's wiring
 * ({@code EngineWiring.environment}) makes the real one; a test passes its own.
 *
 * @param responders opens the responder of one suite's variants
 * @param prices what a variant's tokens cost
 * @param threads makes the thread pools of one run; the runner closes them when the run ends
 * @param console where the progress and the summary are printed
 * @param variables environment variables by name (API keys, and the secrets scrubbed from every
 *     output)
 * @param telemetry where each suite run's calls, metrics and verdicts are exported ({@link
 *     Telemetry#OFF}: nowhere)
 */
public record RunEnvironment(
    Responders responders,
    CostModel prices,
    Supplier<RunThreads> threads,
    PrintStream console,
    Function<String, @Nullable String> variables,
    Telemetry telemetry) {

  /** An environment that exports nothing. */
  public RunEnvironment(
      Responders responders,
      CostModel prices,
      Supplier<RunThreads> threads,
      PrintStream console,
      Function<String, @Nullable String> variables) {
    this(responders, prices, threads, console, variables, Telemetry.OFF);
  }

  /** Opens the responder of one suite. */
  @FunctionalInterface
  public interface Responders {
    /**
     * The responder answering {@code spec}'s variants (after per-variant overrides), closed by the
     * runner when the suite ends.
     *
     * @param secrets the configured keys and credentials, to scrub from every answer and error
     * @param threads the run's pools, stopped by the runner after the responder is closed
     */
    Responder open(SuiteSpec spec, Secrets secrets, RunThreads threads);
  }
}

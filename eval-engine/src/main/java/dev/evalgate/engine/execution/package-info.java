/**
 * One suite run end to end: the dataset read lazily, the cases streamed through the run, their
 * results fed to the metrics and the reports, the gate evaluated. Layer "execution".
 *
 * <p>Seams: {@link dev.evalgate.engine.execution.SuiteRunner} builds nothing from outside the
 * process itself. It receives a {@link dev.evalgate.engine.execution.RunEnvironment} (who answers
 * the calls, the price table, the run's thread pools, the console, the environment variables),
 * which {@code EngineWiring.environment} makes for the engine and a test replaces with fakes
 * ({@code RunEnvironmentTest}). Every thread the engine starts is made by {@code
 * concurrent.EngineThreads}; a run's pools belong to one {@code concurrent.RunThreads}, which the
 * runner closes when the suite ends.
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.execution;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;

/**
 * The EvalGate test engine. Its packages form layers that only point down: a package imports
 * packages of its own layer and of the layers below it, never of a layer above, and no packages
 * import each other in a circle ({@code ArchitectureTest} fails the build otherwise). Top first:
 *
 * <table>
 * <caption>The engine's layers, top first</caption>
 * <tr><th>layer</th><th>packages</th><th>what they hold</th></tr>
 * <tr><td>engine</td><td>(this package), descriptor, discovery</td><td>the JUnit Platform engine, the
 *     wiring of everything below, finding suites and the test tree</td></tr>
 * <tr><td>execution</td><td>baseline, execution</td><td>one suite run end to end; comparing with a
 *     stored run</td></tr>
 * <tr><td>reports</td><td>report.., telemetry</td><td>writing and reading every report ({@code
 *     report} and its sub-packages); the optional OpenTelemetry export of a run</td></tr>
 * <tr><td>judgement</td><td>metrics, gate, evaluation, split</td><td>per-variant metrics and
 *     comparisons; criteria, verdicts and the claims tested; the plan of what is compared and the one
 *     evaluator that judges live runs, merges and baseline comparisons; traffic splits compared
 *     unpaired</td></tr>
 * <tr><td>run</td><td>run</td><td>streaming cases through the variants and the checks, in a bounded
 *     window</td></tr>
 * <tr><td>inputs</td><td>dataset, prompt, recording, provider, suite</td><td>datasets, prompt
 *     templates, recordings, model providers over HTTP, suite files</td></tr>
 * <tr><td>shared</td><td>config, model</td><td>configuration keys and values; the types every stage
 *     exchanges (case results, sinks, call requests, responders)</td></tr>
 * <tr><td>foundation</td><td>io, stats, redact, concurrent</td><td>bytes, lines, files; statistics;
 *     redaction; every thread the engine starts</td></tr>
 * </table>
 *
 * <p>What may be used from outside is marked with apiguardian's {@code @API}. Every package is
 * {@code @API(status = INTERNAL)} in its {@code package-info.java}; a type that users or the Maven
 * plugin use says otherwise on itself: {@code STABLE} for this engine class and the configuration
 * keys ({@code config.Constants}), {@code EXPERIMENTAL} for the stored report and the gate over it,
 * merges and baseline comparison, which the plugin uses and which still change. The list is {@code
 * ArchitectureTest.API_TYPES}; the plugin's {@code ApiUseTest} fails when the plugin or an example
 * project uses an {@code INTERNAL} type (benchmarks are exempt: they measure internals). A new
 * package gets {@code @API(status = INTERNAL)} in its {@code package-info.java}.
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;

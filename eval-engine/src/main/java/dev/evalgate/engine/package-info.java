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
 * <tr><td>reports</td><td>report..</td><td>writing and reading every report ({@code report} and its
 *     sub-packages)</td></tr>
 * <tr><td>judgement</td><td>metrics, gate, evaluation</td><td>per-variant metrics and comparisons;
 *     criteria, verdicts and the claims tested; the plan of what is compared and the one evaluator that
 *     judges live runs, merges and baseline comparisons</td></tr>
 * <tr><td>run</td><td>run</td><td>streaming cases through the variants and the checks, in a bounded
 *     window</td></tr>
 * <tr><td>inputs</td><td>dataset, prompt, recording, provider, suite</td><td>datasets, prompt
 *     templates, recordings, model providers over HTTP, suite files</td></tr>
 * <tr><td>shared</td><td>config, model</td><td>configuration keys and values; the types every stage
 *     exchanges (case results, sinks, call requests, responders)</td></tr>
 * <tr><td>foundation</td><td>io, stats, redact, concurrent</td><td>bytes, lines, files; statistics;
 *     redaction; every thread the engine starts</td></tr>
 * </table>
 */
@NullMarked
package dev.evalgate.engine;

import org.jspecify.annotations.NullMarked;

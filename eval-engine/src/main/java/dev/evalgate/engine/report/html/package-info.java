/**
 * {@code report.html}: the page ({@link Html}), its case rows ({@link PageRows}), the cases it embeds,
 * chosen while the run goes ({@link EmbeddedCases}) or from a results file, by one rule
 * ({@link EmbeddingRule}).
 */
@NullMarked
package dev.evalgate.engine.report.html;

import org.jspecify.annotations.NullMarked;

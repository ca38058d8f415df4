/**
 * {@code report.html}: the page ({@link Html}), its case rows (one producer, {@link PageRows}), the
 * cases it embeds, chosen while the run goes ({@link EmbeddedCases}) or from a results file, by one
 * rule with one signature of a call's checks ({@link EmbeddingRule}). The page's HTML, CSS and
 * JavaScript are resources in this package's folder ({@link PageTemplate}).
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.report.html;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;

/** Reports: per-case results (JSONL), the run report (JSON), Markdown and HTML summaries, and Allure results. */
@NullMarked
package dev.evalgate.engine.report;

import org.jspecify.annotations.NullMarked;

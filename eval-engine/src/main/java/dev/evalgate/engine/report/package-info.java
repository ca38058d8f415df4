/**
 * The reports of one suite run ({@link RunReports}): {@code results.jsonl} streamed while the run
 * goes, then {@code report.json}, {@code report.md}, {@code report.html} and Allure results. Its
 * sub-packages, bottom first: {@code summary} (report.json and its text forms), {@code results}
 * (results.jsonl), {@code html} (report.html), {@code allure}; {@code merge} sits above this
 * package. Layer "reports" of the engine; formats are in REPORTS.md.
 */
@NullMarked
package dev.evalgate.engine.report;

import org.jspecify.annotations.NullMarked;

/**
 * The reports of one suite run ({@link RunReports}): {@code results.jsonl} streamed while the run
 * goes, then {@code report.json}, {@code report.md}, {@code report.html} and Allure results. Its
 * sub-packages, bottom first: {@code summary} (report.json and its text forms), {@code results}
 * (results.jsonl), {@code html} (report.html), {@code allure}; {@code merge} sits above this
 * package. Layer "reports" of the engine; formats are in REPORTS.md.
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;

/**
 * One suite run end to end: the dataset read lazily, the cases streamed through the run, their
 * results fed to the metrics and the reports, the gate evaluated. Layer "execution".
 */
@NullMarked
package dev.evalgate.engine.execution;

import org.jspecify.annotations.NullMarked;

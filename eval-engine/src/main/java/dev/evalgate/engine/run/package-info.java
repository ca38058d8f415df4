/** Running a suite: answering cases through variants, checking them and handing results on. */
@NullMarked
package dev.evalgate.engine.run;

import org.jspecify.annotations.NullMarked;

/**
 * Traffic-split analysis: production calls each answered by one variant, compared with unpaired
 * methods (Newcombe's interval for two independent proportions, a bootstrap of independent means)
 * and judged by the suite's criteria. Observational: the variants answered different requests.
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.split;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;

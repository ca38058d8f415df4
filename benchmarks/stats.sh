#!/usr/bin/env bash
# Statistics simulation: draws thousands of runs from known truths and prints, as Markdown tables,
# how often the gate's 95 % intervals cover the truth, its false PROMOTE and false REJECT rates
# (one criterion, and a family of criteria and challengers) and the power of each criterion kind
# beside what the engine's Power predicts. The figures in benchmarks/README.md come from it.
# Usage: benchmarks/stats.sh [--runs N] [--threads T] [--only SECTION]...
#   --runs N      simulated runs per cell (default 2000)
#   --threads T   worker threads (default: the machine's cores); the figures do not depend on it
#   --only NAME   one section: coverage-paired, coverage-clustered, coverage-clustered-refusals,
#                 coverage-clustered-rates,
#                 coverage-clustered-means, coverage-clustered-percentiles,
#                 coverage-rates, coverage-other, errors-at-limit,
#                 errors-family, power (repeatable)
# Needs the module built: mvn -B -q package -DskipTests -pl benchmarks -am
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -f "$here/target/classpath.txt" ]; then
  echo "stats: $here/target/classpath.txt is missing; build first: mvn -B -q package -DskipTests -pl benchmarks -am" >&2
  exit 2
fi
exec java -Xmx1g ${JAVA_OPTS:-} -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
  dev.evalgate.benchmarks.stats.StatsSimulation "$@"

#!/usr/bin/env bash
# Trains the checks' learned models on the dev splits of the human-labelled corpora and rewrites
# their weights under eval-assertions/src/main/resources/dev/evalgate/checks/models/ (CHECKS.md,
# "Learned models"). The same corpora give byte-identical files; the test splits are never read.
# Usage: benchmarks/train-checks.sh [CORPORA_DIR] [--transfer]   (default: ../shared/corpora beside the repository)
#   --transfer  writes nothing: prints how each model does on a corpus it was not fitted on (dev splits),
#               each model cross-validated on the dev splits (five folds by group), and the refusal
#               model's misses by the shape of the answer
# Needs the module built: mvn -B -q package -DskipTests -pl benchmarks -am
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpora=${1:-$here/../../shared/corpora}
if [ ! -f "$here/target/classpath.txt" ]; then
  echo "train-checks: $here/target/classpath.txt is missing; build first: mvn -B -q package -DskipTests -pl benchmarks -am" >&2
  exit 2
fi
exec java -Xmx1g -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
  dev.evalgate.benchmarks.training.TrainChecks "$corpora" "$here/.." "${@:2}"

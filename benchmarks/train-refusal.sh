#!/usr/bin/env bash
# Trains the refusal model (eval-assertions/src/main/resources/dev/evalgate/checks/refusal/en-model.tsv)
# on the dev splits of the refusal corpora; the same corpora give byte-identical weights.
# Usage: benchmarks/train-refusal.sh [CORPORA_DIR] [--hold-out CORPUS]
#   --hold-out CORPUS  fits without that corpus and prints its dev accuracy (a transfer estimate);
#                      the model file is not written
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpora=$root/../shared/corpora
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then corpora=$(cd "$1" && pwd); shift; fi
cd "$root"
mvn -B -q ${MVN_OPTS:-} -pl eval-assertions test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
  -Dexec.mainClass=dev.evalgate.checks.RefusalModelTraining -Dexec.classpathScope=test \
  -Dexec.args="$corpora $root/eval-assertions/src/main/resources/dev/evalgate/checks/refusal/en-model.tsv $*"

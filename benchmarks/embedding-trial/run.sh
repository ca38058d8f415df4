#!/usr/bin/env bash
# The embedding trial (README.md beside this file): does a sentence-embedding model add to the
# reference-agreement check's score on the reference corpora? Prints five-fold cross-validated
# figures on the dev splits and the test split's figures of the model fitted on all of dev.
# Usage: benchmarks/embedding-trial/run.sh [CORPORA_DIR] [CORPUS]...
# Needs the benchmarks module built: mvn -B -q package -DskipTests -pl benchmarks -am
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
benchmarks=$here/..
corpora=${1:-$benchmarks/../../shared/corpora}
shift || true
mkdir -p "$here/target/classes"
mvn -B -q -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$here/target/classpath.txt"
cp="$benchmarks/target/classes:$(cat "$benchmarks/target/classpath.txt"):$(cat "$here/target/classpath.txt")"
javac --release 17 -nowarn -cp "$cp" -d "$here/target/classes" \
  "$here/src/dev/evalgate/benchmarks/fidelity/EmbeddingTrial.java"
exec java -Xmx2g -cp "$here/target/classes:$cp" dev.evalgate.benchmarks.fidelity.EmbeddingTrial "$corpora" "$@"

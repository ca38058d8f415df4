#!/usr/bin/env bash
# A dev-only proxy for reference agreement with incorrect references (a truthfulness set such as
# the held-out one): for each dev row of reference_evouna, the other systems' answers to the same
# question that people labelled incorrect become its incorrect_references (the judged answer left
# out). Writes two proxy corpora under OUT_DIR (_contrast: gold references as the correct ones;
# _contrast_long: the other systems' correct answers added to them), prints the ROUGE-L difference
# baseline on each, then judges them with the fidelity harness (no ratchet). Test splits are never read.
# Usage: benchmarks/contrast-proxy.sh OUT_DIR [CORPORA_DIR]   (default: ../shared/corpora beside the repository)
# Needs the module built: mvn -B -q package -DskipTests -pl benchmarks -am
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 1 ]; then
  echo "usage: benchmarks/contrast-proxy.sh OUT_DIR [CORPORA_DIR]" >&2
  exit 2
fi
out=$1
corpora=${2:-$here/../../shared/corpora}
if [ ! -f "$here/target/classpath.txt" ]; then
  echo "contrast-proxy: $here/target/classpath.txt is missing; build first: mvn -B -q package -DskipTests -pl benchmarks -am" >&2
  exit 2
fi
java -cp "${CLASSES:+$CLASSES:}$here/target/classes:$(cat "$here/target/classpath.txt")" \
  dev.evalgate.benchmarks.fidelity.ContrastProxy "$corpora" "$out"
exec "$here/fidelity.sh" "$out" --no-ratchet --split dev

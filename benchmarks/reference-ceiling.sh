#!/usr/bin/env bash
# How far any lexical reference check can go on the reference corpora's dev splits: counts the
# correct answers that share no word with any reference and the verbatim gold answers people judged
# incorrect, and prints the accuracy and AUROC a check would reach if it got every other row right
# (CHECKS.md, "Where the targets are missed, and why"). Test splits are never read.
# Usage: benchmarks/reference-ceiling.sh [CORPORA_DIR] [CORPUS]...   (default: ../shared/corpora beside the repository)
# Needs the module built: mvn -B -q package -DskipTests -pl benchmarks -am
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpora=$here/../../shared/corpora
if [ $# -gt 0 ]; then corpora=$1; shift; fi
if [ ! -f "$here/target/classpath.txt" ]; then
  echo "reference-ceiling: $here/target/classpath.txt is missing; build first: mvn -B -q package -DskipTests -pl benchmarks -am" >&2
  exit 2
fi
exec java -cp "${CLASSES:+$CLASSES:}$here/target/classes:$(cat "$here/target/classpath.txt")" \
  dev.evalgate.benchmarks.fidelity.ReferenceCeiling "$corpora" "$@"

#!/usr/bin/env bash
# Fidelity harness: runs every classifying check over the human-labelled corpora and prints
# accuracy, precision, recall, balanced accuracy and AUROC per corpus, split, model and source, then
# holds the figures against the committed file benchmarks/fidelity/figures.tsv (the ratchet).
# Usage: benchmarks/fidelity.sh [CORPORA_DIR] [--update | --no-ratchet] [--split dev|test] [--corpus NAME]... [--misses N]
#   CORPORA_DIR  defaults to ../shared/corpora beside the repository (the corpora's README has the schema)
#   --update     rewrites the figures file with the figures measured now (raise it as they improve)
#   --no-ratchet measures without the committed figures (a team's own labelled corpus)
#   --split      measures one split only (tune on dev; test is what the ratchet guards)
#   --corpus     measures only the named corpus folder(s)
#   --misses N   also prints up to N dev-split disagreements of each kind per corpus
# Needs the module built: mvn -B -q package -DskipTests -pl benchmarks -am
# Exit status: 0 no guarded figure dropped, 1 one did, 2 bad arguments or input.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpora=$here/../../shared/corpora
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then corpora=$1; shift; fi
if [ ! -f "$here/target/classpath.txt" ]; then
  echo "fidelity: $here/target/classpath.txt is missing; build first: mvn -B -q package -DskipTests -pl benchmarks -am" >&2
  exit 2
fi
exec java -Xmx1g ${JAVA_OPTS:-} -cp "${CLASSES:+$CLASSES:}$here/target/classes:$(cat "$here/target/classpath.txt")" \
  dev.evalgate.benchmarks.fidelity.Fidelity "$corpora" --figures "${FIGURES:-$here/fidelity/figures.tsv}" "$@"

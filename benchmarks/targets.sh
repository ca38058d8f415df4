#!/usr/bin/env bash
# Runs every whole-process target of issue 9 in turn and prints one line per run (see README.md,
# "Whole runs"): the bare launcher starts, the 200,000-call replay (reduced inlining, and the default
# JVM), the 2,000-call replay with every report (lean and default, with the time after start-up),
# live 1,000 x 2 at concurrency 16, live 10,000 x 2 at concurrency 64 (Allure off, and on; and
# Allure off over jars with a class-data archive, docs/configuration.md), the fault drill (1,000 x 2
# with faults on first attempts), and HttpFloor, the bare HTTP client, on the same simulator.
# Usage: benchmarks/targets.sh [ROUNDS]   (ROUNDS, default 3, for the runs that are repeated)
# LONG_LIVE=true also runs live 100,000 x 2 at concurrency 64 with the reduced-inlining flags once a
# round (about 90 s each), the run where CPU per call is measured without start-up in it.
# The first use records the 200,000-call replay's recordings live (about two minutes). Reports go
# to /dev/shm/e2e (OUT) so that the disk is out of the figures. Takes about 3 minutes a round on a
# 2-core machine; run nothing else meanwhile.
set -euo pipefail
cd "$(dirname "$0")"
rounds=${1:-3}
export OUT=${OUT:-/dev/shm/e2e}
lean="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
long="-XX:InlineSmallCode=500 -XX:FreqInlineSize=50 -XX:+UseSerialGC"
[ -f target/classpath.txt ] || (cd .. && mvn -B -q package -DskipTests -pl benchmarks -am)

run() { # LABEL, then the environment and arguments of e2e.sh
  local label=$1; shift
  local out
  out=$(env "$@")
  printf '%-44s %s\n' "$label" "${out%%$'\n'*}"
}

if [ ! -d target/bench/100000/recordings ]; then
  echo "recording 100,000 x 2 calls for the replay target (once)"
  run "record 100,000 x 2 (live)" ALLURE=false ./e2e.sh 100000 64 record
fi
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$rounds"); do
  run "replay 200,000, reduced inlining" ALLURE=false JAVA_OPTS="$long" ./e2e.sh 100000 64 replay
done
for i in 1 2; do
  run "replay 200,000, default JVM" ALLURE=false ./e2e.sh 100000 64 replay
done
for i in $(seq "$rounds"); do
  run "replay 2,000, every report, lean" START=true JAVA_OPTS="$lean" ./e2e.sh 1000 16 replay
  run "replay 2,000, every report, default JVM" START=true ./e2e.sh 1000 16 replay
done
for i in $(seq "$rounds"); do
  run "live 1,000 x 2 c16, every report, lean" JAVA_OPTS="$lean" ./e2e.sh 1000 16 off
done
for i in $(seq "$rounds"); do
  run "live 10,000 x 2 c64, Allure off, lean" ALLURE=false JAVA_OPTS="$lean" ./e2e.sh 10000 64 off
done
run "live 10,000 x 2 c64, Allure on, lean" JAVA_OPTS="$lean" ./e2e.sh 10000 64 off
# the same over jars with an application class-data archive, made by one training run (a live
# 1,000 x 2 run) when the archive is missing or older than the jar
jar=target/evalgate-benchmarks-0.1.0-SNAPSHOT.jar
archive=target/bench/evalgate-live.jsa
if [ ! -f "$archive" ] || [ "$jar" -nt "$archive" ] || [ "$(tr ':' '\n' < target/classpath.txt | xargs ls -t | head -1)" -nt "$archive" ]; then
  rm -f "$archive"
  run "class-data archive: training run" CLASSES="$jar" ALLURE=false JAVA_OPTS="-XX:ArchiveClassesAtExit=$archive $lean" ./e2e.sh 1000 16 off
fi
for i in $(seq "$rounds"); do
  run "live 10,000 x 2 c64, Allure off, lean, CDS" CLASSES="$jar" ALLURE=false JAVA_OPTS="-XX:SharedArchiveFile=$archive $lean" ./e2e.sh 10000 64 off
done
# the fault drill: every call answered in the end, in how long (no target; README.md, "A stuck call held the run up")
run "fault drill 1,000 x 2 c64, lean" FAULTS=true ALLURE=false JAVA_OPTS="$lean" ./e2e.sh 1000 64 off
if [ "${LONG_LIVE:-false}" = true ]; then
  for i in $(seq "$rounds"); do
    run "live 100,000 x 2 c64, Allure off, reduced" ALLURE=false JAVA_OPTS="$long" ./e2e.sh 100000 64 off
  done
fi

# the bare HTTP client against the same simulator (e2e.sh wrote its configuration)
sim=../../shared/tools/llm-sim.mjs; [ -f "$sim" ] || sim=/work/shared/tools/llm-sim.mjs
node "$sim" target/bench/10000/sim.json > target/bench/10000/floor-sim.log 2>&1 &
sim_pid=$!
trap 'kill $sim_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -s "http://127.0.0.1:${PORT:-18080}/health" >/dev/null && break; sleep 0.1; done
for i in 1 2; do
  printf '%-44s ' "HttpFloor 20,000 calls c64, lean"
  before=$(awk '/^cpu /{print $9}' /proc/stat)
  floor=$(/usr/bin/time -f "wall=%es cpu=%U+%Ss peak_rss=%MkB" java -Xmx256m $lean -cp "target/classes:$(cat target/classpath.txt)" \
    dev.evalgate.benchmarks.HttpFloor "http://127.0.0.1:${PORT:-18080}/v1" 20000 64 2>&1 | tail -1)
  echo "$floor steal=$(awk -v b="$before" '/^cpu /{printf "%.2f", ($9 - b) / 100}' /proc/stat)s"
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"

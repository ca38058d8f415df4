#!/usr/bin/env bash
# Scale benchmark: a whole run of CASES x 2 in-process variants (dev.evalgate.benchmarks.ScaleSuite:
# schema + refusal + length checks, every report) through the JUnit console launcher, measured as a
# whole process with GNU time. No network and no waiting: the model answers instantly, so this
# measures what grows with the dataset (memory) and the engine's own cost per case.
# Usage: benchmarks/scale.sh CASES [HEAP]     HEAP: a -Xmx value such as 256m, or "default" for none
#        ALLURE=false to skip Allure results; RUN=name to keep runs apart (default: the heap)
# Prints wall, CPU, peak RSS, and the statistics-and-reports time: from results.jsonl being closed
# (the last case done) to report.html being written (accumulators finished, gate, report.json,
# report.md, report.html).
set -euo pipefail
cd "$(dirname "$0")"
cases=${1:-10000}; heap=${2:-256m}
work=target/scale/$cases; run=$work/run-${RUN:-$heap}; mkdir -p "$work"; rm -rf "$run"; mkdir -p "$run"
. ./inputs.sh
xmx=(); [ "$heap" = default ] || xmx=("-Xmx$heap")
# run from copies of this build's classes and jars, so that rebuilding during a long run cannot disturb it
mkdir -p "$run/lib"; cp -r target/classes "$run/lib/benchmarks"
cp="$run/lib/benchmarks"
for jar in $(tr ':' ' ' < target/classpath.txt); do
  case "$jar" in */eval-*/target/*.jar) cp "$jar" "$run/lib/"; cp="$cp:$run/lib/$(basename "$jar")" ;; *) cp="$cp:$jar" ;; esac
done
/usr/bin/time -v java "${xmx[@]}" ${JAVA_OPTS:-} -cp "$cp" \
  -Dbench.dataset="$work/dataset.jsonl" -Dbench.schema="$work/schema.json" \
  org.junit.platform.console.ConsoleLauncher execute --disable-banner --details=summary \
  --select-class=dev.evalgate.benchmarks.ScaleSuite \
  --config=evalgate.concurrency="${CONCURRENCY:-16}" --config=evalgate.output.dir="$run/out" \
  --config=evalgate.allure.results.dir="$run/allure" --config=evalgate.progress=off \
  --config=evalgate.dataset.validate=false --config=evalgate.allure.enabled=${ALLURE:-true} > "$run/run.log" 2> "$run/time.log" || true

out=$run/out/scale
wall=$(grep "Elapsed (wall clock)" "$run/time.log" | awk '{print $NF}')
user=$(grep "User time" "$run/time.log" | awk '{print $NF}')
sys=$(grep "System time" "$run/time.log" | awk '{print $NF}')
rss=$(grep "Maximum resident set size" "$run/time.log" | awk '{print $NF}')
closed=$(stat -c %.9Y "$out/results.jsonl" 2>/dev/null || echo 0)
reported=$(stat -c %.9Y "$out/report.html" 2>/dev/null || echo 0)
allure_files=$( [ -d "$run/allure" ] && find "$run/allure" -type f | wc -l || echo 0)
python3 - "$wall" "$user" "$sys" "$rss" "$cases" "$heap" "$closed" "$reported" "$allure_files" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import sys
wall, user, sys_t, rss, cases, heap, closed, reported, allure, load = sys.argv[1:]
parts = [float(p) for p in wall.split(':')]
seconds = parts[-1] + (parts[-2] * 60 if len(parts) > 1 else 0) + (parts[-3] * 3600 if len(parts) > 2 else 0)
cpu = float(user) + float(sys_t)
calls = int(cases) * 2
print(f"cases={cases} heap={heap} wall={seconds:.1f}s cpu={cpu:.1f}s cpu/call={cpu / calls * 1e6:.0f}us "
      f"peak_rss={int(rss) / 1024:.0f}MB stats+reports={float(reported) - float(closed):.2f}s allure_files={allure} load={load}")
PY
ls -l "$out" | awk 'NR > 1 {printf "  %s %s\n", $5, $NF}'
grep -E "tests (successful|failed)" "$run/run.log" | tr -s ' ' | head -2
grep -E "^EvalGate scale" "$run/run.log" || tail -20 "$run/run.log"

#!/usr/bin/env bash
# End-to-end benchmark: a whole run through the console launcher against llm-sim on loopback.
# Usage: benchmarks/e2e.sh CASES CONCURRENCY [MODE] [LATENCY_MS]
#   MODE: off (live, nothing stored; default), record (live, store), replay (recordings only)
# Environment: PAD=N makes each case's question N characters longer (long prompts; the dataset is kept
#   in target/bench/CASES-padN); ALLURE=false skips Allure results; JAVA_OPTS adds JVM options; HEAP sets -Xmx (256m);
#   CLASSES replaces target/classes on the class path (the module jar, for class-data sharing);
#   OUT is where the run's reports and Allure results go (target/bench/CASES/out; emptied first,
#   so that Allure results do not pile up from run to run; /dev/shm/... keeps the disk out of it);
#   START=true also times a bare console-launcher start with the same JVM options (no suite
#   selected) and prints the run's wall time after it, the measure of the replay targets;
#   FAULTS=true makes the simulator fail first attempts (5 % each: 429 with Retry-After 1 s, 500,
#   reset, malformed body; 2 % hang) with 5 ms of jitter, gives calls a 2 s timeout, and prints
#   what the simulator served; OTEL_SINK=true exports every call as a span (evalgate.otel.endpoint) to
#   benchmarks/otlp-sink.mjs on loopback and prints how many export requests and bytes it received
#   and the CPU time the collector itself used during the run (not the JVM's: it shares the cores)
# Prints wall time, CPU per call and peak RSS of the whole JVM (GNU time), the ideal wall time
# (cases x 2 variants x latency / concurrency), and the CPU time the hypervisor took from this VM
# during the run (steal, both cores together; a run with seconds of it is not comparable).
set -euo pipefail
cd "$(dirname "$0")"
cases=${1:-1000}; concurrency=${2:-16}; mode=${3:-off}; latency=${4:-20}
port=${PORT:-18080}
work=target/bench/$cases${PAD:+-pad$PAD}; mkdir -p "$work"
. ./inputs.sh
sim=../../shared/tools/llm-sim.mjs; [ -f "$sim" ] || sim=/work/shared/tools/llm-sim.mjs
faults=""; jitter=0; timeout=60s
if [ "${FAULTS:-false}" = true ]; then
  faults=', "faults": {"first_attempts": 1, "rate_429": 0.05, "retry_after_s": 1, "rate_500": 0.05, "rate_reset": 0.05, "rate_malformed": 0.05, "rate_hang": 0.02, "hang_ms": 30000}'
  jitter=5; timeout=2s
fi
cat > "$work/sim.json" <<JSON
{"port": $port, "default_model": {"latency_ms": $latency, "jitter_ms": $jitter, "mean_words": 40, "json_valid_rate": 0.95, "refusal_rate": 0.02$faults}}
JSON
node "$sim" "$work/sim.json" > "$work/sim.log" 2>&1 &
sim_pid=$!
sink_pid=""
otel=""
if [ "${OTEL_SINK:-false}" = true ]; then
  sink_port=$((port + 1))
  node otlp-sink.mjs "$sink_port" > "$work/sink.log" 2>&1 &
  sink_pid=$!
  otel="--config=evalgate.otel.endpoint=http://127.0.0.1:$sink_port"
fi
trap 'kill $sim_pid $sink_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -s "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
# the collector is up before the run starts (its own start is not the run's), and its CPU is
# counted apart from the JVM's: on a 2-core machine it takes cores from the run
cpu_of() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # user + system time of a process, in 1/100 s
if [ -n "$sink_pid" ]; then
  for _ in $(seq 50); do curl -s "http://127.0.0.1:$sink_port/stats" >/dev/null && break; sleep 0.1; done
  sink_before=$(cpu_of "$sink_pid")
fi

out=${OUT:-$work/out}
rm -rf "$out" "$work/allure"   # target/bench/CASES/allure: where earlier versions of this script put Allure results

steal() { awk '/^cpu /{print $9}' /proc/stat; }   # time the hypervisor gave the VM's CPUs to others, in 1/100 s
steal_before=$(steal)
/usr/bin/time -v java -Xmx${HEAP:-256m} ${JAVA_OPTS:-} -cp "${CLASSES:-target/classes}:$(cat target/classpath.txt)" \
  -Dbench.url="http://127.0.0.1:$port/v1" -Dbench.dataset="$work/dataset.jsonl" -Dbench.schema="$work/schema.json" \
  org.junit.platform.console.ConsoleLauncher execute --disable-banner --details=summary \
  --select-class=dev.evalgate.benchmarks.SimulatorSuite \
  --config=evalgate.recording.mode="$mode" --config=evalgate.recording.dir="$work/recordings" \
  --config=evalgate.concurrency="$concurrency" --config=evalgate.output.dir="$out" --config=evalgate.timeout=$timeout \
  --config=evalgate.allure.results.dir="$out/allure" --config=evalgate.progress=off \
  --config=evalgate.dataset.validate=false --config=evalgate.allure.enabled=${ALLURE:-true} $otel > "$work/run.log" 2> "$work/time.log" || true

steal_after=$(steal)
start=""
if [ "${START:-false}" = true ]; then
  /usr/bin/time -f "%e" -o "$work/start.log" java -Xmx${HEAP:-256m} ${JAVA_OPTS:-} -cp "${CLASSES:-target/classes}:$(cat target/classpath.txt)" \
    org.junit.platform.console.ConsoleLauncher execute --disable-banner --details=none --select-class=java.lang.Object \
    > /dev/null 2>&1 || true
  start=$(tail -1 "$work/start.log")
fi

wall=$(grep "Elapsed (wall clock)" "$work/time.log" | awk '{print $NF}')
user=$(grep "User time" "$work/time.log" | awk '{print $NF}')
sys=$(grep "System time" "$work/time.log" | awk '{print $NF}')
rss=$(grep "Maximum resident set size" "$work/time.log" | awk '{print $NF}')
calls=$((cases * 2))
extra=""
if [ -n "$sink_pid" ]; then   # what the stand-in collector received, and what the run said of its export
  extra=" otlp=$(curl -s "http://127.0.0.1:$sink_port/stats" | tr -d '{}\"' | tr ',:' ' =')"
  extra="$extra collector_cpu=$(awk -v t=$(($(cpu_of "$sink_pid") - sink_before)) 'BEGIN{printf "%.2fs", t / 100}')"
  extra="$extra ($(grep -o 'telemetry: .*' "$work/run.log" | head -1))"
fi
if [ "${FAULTS:-false}" = true ]; then   # what the simulator served, and the errored calls of each variant
  served=$(curl -s "http://127.0.0.1:$port/stats" | python3 -c 'import json,sys; s=json.load(sys.stdin); print("requests=%d faults=%d" % (s["requests"], sum(s["faults"].values())))')
  errored=$(grep "N (errored)" "$work/run.log" | grep -o "([0-9]*)" | tr -d '()' | paste -sd/ -)
  extra="$extra $served errored=$errored"
fi
python3 - "$wall" "$user" "$sys" "$rss" "$calls" "$latency" "$concurrency" "$mode" "$start" "$((steal_after - steal_before))" "$extra" <<'PY'
import sys
wall, user, sys_t, rss, calls, latency, conc, mode, start, steal, extra = sys.argv[1:]
parts = [float(p) for p in wall.split(':')]
seconds = parts[-1] + (parts[-2] * 60 if len(parts) > 1 else 0) + (parts[-3] * 3600 if len(parts) > 2 else 0)
cpu = float(user) + float(sys_t)
ideal = int(calls) * int(latency) / 1000 / int(conc)
print(f"mode={mode} calls={calls} concurrency={conc} wall={seconds:.2f}s ideal={ideal:.2f}s "
      f"cpu={cpu:.2f}s cpu/call={cpu / int(calls) * 1000:.3f}ms peak_rss={int(rss) / 1024:.0f}MB"
      + (f" start={float(start):.2f}s after_start={seconds - float(start):.2f}s" if start else "")
      + f" steal={int(steal) / 100:.2f}s" + extra)
PY
grep -E "tests (successful|failed)" "$work/run.log" | tr -s ' ' | head -2
grep -E "^EvalGate simulator" "$work/run.log" || tail -20 "$work/run.log"

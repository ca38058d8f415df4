#!/usr/bin/env bash
# Peak memory of a run whose model answers 50 MB (issue 26): a loopback server this script starts
# answers every call with an OpenAI-style body of SIZE_MB megabytes, streamed without a length;
# the run uses -Xmx256m, the heap the docs recommend. Prints the calls' error classes from
# results.jsonl and the JVM's peak RSS (GNU time).
# Usage: benchmarks/large-answer.sh [SIZE_MB] [MAX_SIZE]
#   SIZE_MB: the answer's size (default 50); MAX_SIZE: evalgate.response.max-size (default: the
#   engine's default, 4MB); e.g. `benchmarks/large-answer.sh 50 64MB` to read the whole answer.
# Needs `mvn -o -q package -DskipTests -pl benchmarks -am` first (the jars and target/classpath.txt).
set -euo pipefail
cd "$(dirname "$0")"
size=${1:-50}; max=${2:-}
port=${PORT:-18091}
work=target/bench/large-answer; rm -rf "$work"; mkdir -p "$work"
printf '{"id":"big-1","question":"Say a lot."}\n{"id":"big-2","question":"Say more."}\n' > "$work/dataset.jsonl"
echo '{"type": "object"}' > "$work/schema.json"
python3 - "$port" "$size" > "$work/server.log" 2>&1 <<'PY' &
import http.server, sys
port, size = int(sys.argv[1]), int(sys.argv[2])
chunk = b"a" * (1 << 20)
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"   # no Content-Length: the body ends when the connection closes
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        try:
            self.wfile.write(b'{"choices":[{"message":{"content":"')
            for _ in range(size):
                self.wfile.write(chunk)
            self.wfile.write(b'"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":5}}')
        except (BrokenPipeError, ConnectionResetError):
            pass   # the client stopped reading at its limit
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
PY
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
sleep 1
/usr/bin/time -v java -Xmx256m -cp "target/classes:$(cat target/classpath.txt)" \
  -Dbench.url="http://127.0.0.1:$port/v1" -Dbench.dataset="$work/dataset.jsonl" -Dbench.schema="$work/schema.json" \
  org.junit.platform.console.ConsoleLauncher execute --disable-banner --details=summary \
  --select-class=dev.evalgate.benchmarks.SimulatorSuite \
  --config=evalgate.recording.mode=off --config=evalgate.output.dir="$work/out" --config=evalgate.allure.enabled=false \
  --config=evalgate.retry.max-attempts=1 --config=evalgate.progress=off ${max:+--config=evalgate.response.max-size=$max} \
  > "$work/run.log" 2> "$work/time.log" || true
grep -h -o '"error_class":[^,]*' "$work"/out/*/results.jsonl 2>/dev/null | sort | uniq -c || true
grep -h -o -m1 '"error":"[^"]*"' "$work"/out/*/results.jsonl 2>/dev/null || true
grep -h -m1 'OutOfMemoryError' "$work/run.log" "$work/time.log" || true
awk -F': ' '/Maximum resident set size/{printf "peak RSS %.0f MB\n", $2/1024} /Elapsed \(wall clock\)/{print "wall " $2}' "$work/time.log"

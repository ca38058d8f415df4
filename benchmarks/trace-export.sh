#!/usr/bin/env bash
# Reading a large OTLP/JSON trace export as a dataset in a small heap (issue 25): writes one export
# document of N GenAI spans (default 300,000, about 320 MB), then reads it with -Xmx64m as a suite
# would (streamed, redacted), all of it and then the newest 1,000, printing the cases and peak RSS.
# Needs `mvn -o -q package -DskipTests -pl benchmarks -am` first (target/classpath.txt).
set -euo pipefail
cd "$(dirname "$0")"
n=${1:-300000}
file=target/bench/trace-export/export.json
cp="target/classes:$(cat target/classpath.txt)"
java -cp "$cp" dev.evalgate.benchmarks.TraceExportMemory write "$file" "$n"
/usr/bin/time -f "wall %e s, peak RSS %M KB" java -Xmx64m -cp "$cp" dev.evalgate.benchmarks.TraceExportMemory read "$file"
/usr/bin/time -f "wall %e s, peak RSS %M KB" java -Xmx64m -cp "$cp" dev.evalgate.benchmarks.TraceExportMemory read "$file" 1000

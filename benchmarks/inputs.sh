# Sourced by e2e.sh and scale.sh: builds the module if needed and writes the run's inputs into
# $work: dataset.jsonl ($cases rows, kept between runs) and schema.json.
[ -f target/classpath.txt ] || (cd .. && mvn -B -q package -DskipTests -pl benchmarks -am)
if [ ! -f "$work/dataset.jsonl" ]; then
  awk -v n="$cases" 'BEGIN { for (i = 1; i <= n; i++) printf "{\"id\":\"q-%07d\",\"question\":\"Question %d: what is the status of order %d and what should the customer do next?\"}\n", i, i, i * 7919 }' > "$work/dataset.jsonl"
fi
cat > "$work/schema.json" <<'JSON'
{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["answer"],
 "properties":{"answer":{"type":"string"},"confidence":{"type":"number"},"tags":{"type":"array"}}}
JSON

# Sourced by e2e.sh and scale.sh: builds the module if needed and writes the run's inputs into
# $work: dataset.jsonl ($cases rows, kept between runs; PAD=N adds N characters to each question) and schema.json.
[ -f target/classpath.txt ] || (cd .. && mvn -B -q package -DskipTests -pl benchmarks -am)
if [ ! -f "$work/dataset.jsonl" ]; then
  awk -v n="$cases" -v pad="${PAD:-0}" 'BEGIN { filler = ""; while (length(filler) < pad) filler = filler "lorem ipsum dolor sit amet ";
    filler = substr(filler, 1, pad)
    for (i = 1; i <= n; i++) printf "{\"id\":\"q-%07d\",\"question\":\"Question %d: %swhat is the status of order %d and what should the customer do next?\"}\n", i, i, filler, i * 7919 }' > "$work/dataset.jsonl"
fi
cat > "$work/schema.json" <<'JSON'
{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["answer"],
 "properties":{"answer":{"type":"string"},"confidence":{"type":"number"},"tags":{"type":"array"}}}
JSON

#!/usr/bin/env bash
# Generates the Allure 2 report from example 1's results with the real Allure CLI (npm package
# allure-commandline; it needs a Java runtime) and checks what a user sees: the overview names the
# verdict and counts the suite's tests (not its cases) in its percentage, the environment starts with
# the verdict, the suite's tests and cases share one root, and a second run without `mvn clean` leaves
# one run's results, not two.
# Usage: docs/allure-e2e.sh [output dir]   (ALLURE_VERSION overrides the CLI version)
set -euo pipefail
out=${1:-target/allure-report}
version=${ALLURE_VERSION:-2.35.1}
example=examples/model-migration-promote
results=$example/target/allure-results
run() { mvn -B -q -pl "$example" -am verify -Dtest='*EvalTest' -Dsurefire.failIfNoSpecifiedTests=false >/dev/null; }
run
first=$(ls "$results"/*-result.json | wc -l)
run
second=$(ls "$results"/*-result.json | wc -l)
echo "results after one run: $first, after a second run without clean: $second"
[ "$first" -eq "$second" ]

npx -y "allure-commandline@$version" generate "$results" -o "$out" --clean >/dev/null
node - "$out" <<'EOF'
const fs = require('fs');
const out = process.argv[2];
const read = f => JSON.parse(fs.readFileSync(`${out}/${f}`, 'utf8'));
const summary = read('widgets/summary.json');
const s = summary.statistic;
const percent = Math.floor(s.passed / (s.passed + s.failed + s.broken) * 10000) / 100;
const environment = read('widgets/environment.json');
const suites = read('data/suites.json');
const root = suites.children.map(c => c.name);
const groups = (suites.children.find(c => c.name === 'support-migration') || {children: []}).children.map(c => c.name).sort();
console.log(`title: ${summary.reportName}; ring: ${percent}% (passed ${s.passed}, failed ${s.failed}, broken ${s.broken}, unknown ${s.unknown})`);
console.log(`environment first: ${environment[0].name} = ${environment[0].values[0]}`);
console.log(`suites: ${root.join(', ')} > ${groups.join(', ')}`);
const ok = summary.reportName === 'EvalGate support-migration: PROMOTE challenger' && percent === 100 && s.unknown === 400
  && environment[0].name === 'support-migration: verdict' && environment[0].values[0].startsWith('PROMOTE challenger')
  && root.length === 1 && groups.join('|') === '1. gate and criteria|2. cases';
process.exit(ok ? 0 : 1);
EOF
echo "allure report: $out/index.html (Allure $version)"

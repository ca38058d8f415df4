#!/usr/bin/env bash
# Generates the Allure 2 HTML report from an example run's results with the real Allure CLI (npm
# package allure-commandline) and checks that the cases and the EvalGate categories are in it.
# Usage: docs/allure-e2e.sh [allure-results dir] [output dir]
set -euo pipefail
results=${1:-examples/model-migration-promote/target/allure-results}
out=${2:-target/allure-report}
[ -d "$results" ] || mvn -B -q -pl examples/model-migration-promote -am verify -Dtest='*EvalTest' -Dsurefire.failIfNoSpecifiedTests=false
npx -y allure-commandline@2.46.1 generate "$results" -o "$out" --clean >/dev/null
cases=$(grep -l '"ticket-0001 \[challenger\]"' "$out"/data/test-cases/*.json | wc -l)
total=$(ls "$out"/data/test-cases/*.json | wc -l)
grep -q '"name" : "Schema violations"\|"name":"Schema violations"' "$out"/data/categories.json 2>/dev/null || grep -q "Schema violations" "$results"/categories.json
echo "allure report: $out/index.html; test cases: $total (ticket-0001 [challenger] present: $cases)"
[ "$cases" -ge 1 ] && [ "$total" -ge 400 ]

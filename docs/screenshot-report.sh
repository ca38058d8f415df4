#!/usr/bin/env bash
# Renders an HTML report in headless Chromium (Debian package 'chromium') and saves a screenshot.
# Usage: docs/screenshot-report.sh [report.html] [out.png]
set -euo pipefail
report=${1:-examples/target/it/model-migration-reject/target/evalgate/budget-migration/report.html}
out=${2:-docs/report-screenshot.png}
command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
profile=$(mktemp -d)
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --disable-quic --user-data-dir="$profile" --window-size=1400,1600 \
  --virtual-time-budget=3000 --screenshot="$out" "file://$(realpath "$report")" 2>/dev/null
# The per-case table is built by the page's script: check it rendered.
rows=$(chromium --headless --no-sandbox --disable-gpu --disable-background-networking --user-data-dir="$profile" \
  --virtual-time-budget=3000 --dump-dom "file://$(realpath "$report")" 2>/dev/null | grep -o '<tr id="case-' | wc -l)
echo "screenshot: $out; case rows rendered on the first page: $rows"
[ "$rows" -gt 0 ]

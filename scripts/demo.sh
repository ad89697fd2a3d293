#!/usr/bin/env bash
# `npm run demo`: a distributed Locust run — one master, 2 workers — against the bundled target
# server (examples/target-server.mjs), judged by examples/thresholds.txt, with the report printed.
# On a fresh clone it first installs what is missing (npm packages with Node 24, Locust).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
node=node_modules/.bin/node

if [ -f dist/cli/index.js ]; then
  cli=(dist/cli/index.js)
else
  echo "dist/cli/index.js is not built; running the CLI from its TypeScript sources instead."
  cli=(--import tsx src/cli/index.ts)
fi

work=$(mktemp -d)
target_pid=
cleanup() {
  if [ -n "$target_pid" ]; then kill "$target_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "Starting the demo target server (fast, slow and flaky endpoints) on a free loopback port…"
"$node" examples/target-server.mjs >"$work/target-url" &
target_pid=$!
for _ in $(seq 1 50); do
  [ -s "$work/target-url" ] && break
  sleep 0.1
done
url=$(head -n 1 "$work/target-url")
if [ -z "$url" ]; then
  echo "The target server did not start; run 'node examples/target-server.mjs' to see why." >&2
  exit 2
fi
echo "Target server listening on $url"

out="locust-results/demo-$(date +%Y%m%d-%H%M%S)"
set +e
"$node" "${cli[@]}" run \
  -f examples/locustfile.py -H "$url" \
  -u 20 -r 10 -t 20s -w 2 \
  --thresholds-file examples/thresholds.txt \
  --out "$out"
status=$?
set -e
echo
echo "Open $out/report.html for Locust's own charts; $out/summary.md is the job summary an action run would show."
exit "$status"

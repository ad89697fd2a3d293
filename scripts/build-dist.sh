#!/usr/bin/env bash
# Builds the action's main and post bundles and the CLI side by side into a fresh dist/: each is an
# independent ncc build, so two cores finish them in about half the time of one after another.
set -euo pipefail
cd "$(dirname "$0")/.."

rm -rf dist
pids=()
for entry in index:main post:post cli/index:cli; do
  ncc build "src/${entry%%:*}.ts" -o "dist/${entry##*:}" --license licenses.txt --quiet &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done

#!/usr/bin/env bash
# Builds dist/: one tsc pass type-checks the whole project and writes its JavaScript to build/, then
# ncc bundles the action's main and post steps and the CLI from that JavaScript, side by side. ncc
# bundling the TypeScript itself would type-check the program once more in each of its three builds.
set -euo pipefail
cd "$(dirname "$0")/.."

rm -rf build dist
tsc
pids=()
for entry in index:main post:post cli/index:cli; do
  ncc build "build/src/${entry%%:*}.js" -o "dist/${entry##*:}" --license licenses.txt --quiet &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done

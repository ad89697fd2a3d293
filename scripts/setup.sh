#!/usr/bin/env bash
# Brings a fresh clone to a runnable state: npm packages (which include Node 24) and Locust.
# Fast when everything is already there, so `npm test` and `npm run demo` can call it every time.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages (this brings Node 24 for the build and tests)…"
  npm ci --no-audit --no-fund --loglevel=error
fi

if ! command -v locust >/dev/null 2>&1 || [ -z "$(locust --version 2>/dev/null | awk '{print $2}')" ]; then
  bash scripts/install-locust.sh
fi

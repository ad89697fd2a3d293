#!/usr/bin/env bash
# Brings a fresh clone to a runnable state: npm packages (which include Node 24) and Locust.
# Fast when everything is already there, so `npm test` and `npm run demo` can call it every time.
# Every failure ends with one line on stderr saying what failed and what to do.
set -euo pipefail
trap 'status=$?; echo "setup: line $LINENO failed (exit $status): $BASH_COMMAND" >&2; exit 2' ERR
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages (this brings Node 24 for the build and tests)…"
  if ! npm ci --no-audit --no-fund --loglevel=error; then
    echo "setup: 'npm ci' failed (see above); check the network and that npm can write node_modules/, then run this again." >&2
    exit 2
  fi
fi

if ! command -v locust >/dev/null 2>&1 || [ -z "$(locust --version 2>/dev/null | awk '{print $2}' || true)" ]; then
  bash scripts/install-locust.sh || exit $?
fi

#!/usr/bin/env bash
# The end-to-end tests (local backend, container entrypoint, emulated AWS, the CLI and the action)
# once more against current Locust: Debian sid's python3-locust in a chroot (scripts/sid-locust.sh),
# first on PATH. Extra arguments go to jest (e.g. --json --outputFile=FILE).
set -euo pipefail
cd "$(dirname "$0")/.."

sid_bin=$(bash scripts/sid-locust.sh up)
trap 'bash scripts/sid-locust.sh down' EXIT
PATH="$sid_bin:$PWD/node_modules/.bin:$PATH" NODE_OPTIONS=--experimental-vm-modules jest \
  --selectProjects integration --maxWorkers=4 \
  __tests__/local __tests__/container __tests__/e2e-aws __tests__/cli/cli.test.ts \
  __tests__/github/action-gate.test.ts __tests__/hardening "$@"

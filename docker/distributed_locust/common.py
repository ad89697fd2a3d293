"""Exit codes, settings and the error every part of the entrypoint raises, and how a failure ends."""

from __future__ import annotations

import re
import sys
from typing import Optional


EXIT_OK = 0
EXIT_CONFIG = 2
EXIT_LOCUST = 3
EXIT_UPLOAD = 4
EXIT_DEADLINE = 5

DEFAULT_MASTER_PORT = 5557
DEFAULT_EXPECT_WORKERS_TIMEOUT = 120
# A worker that has reached the master gives up once the master port stays closed this long
# (DL_MASTER_GONE_SECONDS; tests shorten it).
MASTER_GONE_SECONDS = 10
# How long Locust gets to write its files after SIGTERM before it is killed.
STOP_GRACE_SECONDS = 30
# Extra time our own watchdog grants when Locust enforces --expect-workers-max-wait itself.
WATCHDOG_GRACE_SECONDS = 10
POLL_SECONDS = 0.2
PROBE_SECONDS = 1.0
# The state machine writes the master's address to S3 a few seconds after the workers are launched.
ADDRESS_POLL_SECONDS = 0.25
# Locust versions from which these flags exist (read from the version: asking `locust --help` costs a second).
PROCESSES_SINCE = (2, 19)
EXPECT_WORKERS_MAX_WAIT_SINCE = (2, 5)

CSV_PREFIX = 'locust'  # same as CSV_PREFIX in src/run/results-layout.ts
RESULT_FILE = 'result.json'
LOG_FILE = 'master.log'
REPORT_FILE = 'report.html'
# A host URL with credentials, staged in the bundle so that it stays out of the task's environment
# (same as HOST_FILE_KEY in src/backend/aws/stage.ts).
HOST_FILE = '.distributed-locust/host'
# The ARNs of the `secrets` input, {"NAME": "arn:…"}: the task reads the values with its role
# (same as SECRETS_FILE_KEY in src/backend/aws/stage.ts; see secrets.py).
SECRETS_FILE = '.distributed-locust/secrets.json'
# The rounds settings (control.py's DL_ROUNDS) staged in the bundle (ROUNDS_FILE_KEY in stage.ts).
ROUNDS_FILE = '.distributed-locust/rounds.json'

WORKERS_CONNECTED = re.compile(r'reported as ready\. (\d+) workers connected')
GAVE_UP_WAITING = 'Gave up waiting for workers'
VERSION_NUMBER = re.compile(r'(\d+\.\d+(?:\.\d+)?\S*)')
VERSION_FILE_ASSIGNMENT = re.compile(r'''version\s*=\s*['"]([^'"]+)['"]''')

CONTENT_TYPES = {
    '.csv': 'text/csv',
    '.html': 'text/html',
    '.json': 'application/json',
    '.log': 'text/plain',
}


class EntrypointError(Exception):
    """A failure the container reports with its exit code and a one-line reason."""

    def __init__(self, exit_code: int, reason: str) -> None:
        super().__init__(reason)
        self.exit_code = exit_code
        self.reason = reason


def finish(exit_code: int, reason: Optional[str]) -> int:
    """Prints the one-line reason of a failure on stderr and returns the exit code."""
    if exit_code != EXIT_OK and reason:
        print(f'distributed-locust: {reason}', file=sys.stderr, flush=True)
    return exit_code

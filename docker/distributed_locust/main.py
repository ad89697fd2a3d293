"""Runs one task, master or worker, from its command line and DL_*; returns the exit code."""

from __future__ import annotations

import os
from typing import Sequence

from .common import EntrypointError, finish
from .config import parse_plan
from .processes import StopRequest
from .master import run_master
from .worker import run_worker


def main(argv: Sequence[str]) -> int:
    """Runs the task described by `argv` (without the program name) and DL_*; returns the exit code."""
    stop = StopRequest()
    stop.install()
    env = dict(os.environ)
    try:
        plan = parse_plan(argv, env)
        if plan.role == 'master':
            return run_master(plan, stop, env)
        return run_worker(plan, stop, env)
    except EntrypointError as error:
        return finish(error.exit_code, error.reason)


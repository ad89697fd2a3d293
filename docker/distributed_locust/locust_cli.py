"""Locust as installed: what its version can do, and the master and worker command lines."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional

from .common import (
    CSV_PREFIX,
    EXIT_LOCUST,
    EXPECT_WORKERS_MAX_WAIT_SINCE,
    EntrypointError,
    PROCESSES_SINCE,
    REPORT_FILE,
    VERSION_FILE_ASSIGNMENT,
    VERSION_NUMBER,
)
from .config import Plan, has_flag
from .storage import describe_error


@dataclass
class LocustInfo:
    """The installed Locust: how to start it, its version and the optional flags it knows."""

    command: list[str]
    version: str
    has_processes: bool
    has_expect_workers_max_wait: bool


def inspect_locust() -> LocustInfo:
    """The Locust on this Python: its version from its installed files, its flags from the version.

    Runs `locust --version` and `--help` (about a second, and on every task's start-up path) only
    when the installed files do not tell the version. Never imports Locust here: gevent patches on import."""
    command = [sys.executable, '-m', 'locust']
    version = installed_locust_version()
    if version is None:
        return locust_info_from_help(command)
    numbers = version_numbers(version)
    return LocustInfo(
        command=command,
        version=version,
        has_processes=numbers >= PROCESSES_SINCE,
        has_expect_workers_max_wait=numbers >= EXPECT_WORKERS_MAX_WAIT_SINCE,
    )


def installed_locust_version() -> Optional[str]:
    """Reads the package metadata and locust/_version.py of the Locust on this Python."""
    from importlib import metadata, util

    try:
        metadata_version: Optional[str] = metadata.version('locust')
    except metadata.PackageNotFoundError:
        metadata_version = None
    version_file: Optional[str] = None
    spec = util.find_spec('locust')
    if spec is not None and spec.origin:
        try:
            version_file = (Path(spec.origin).parent / '_version.py').read_text(encoding='utf-8')
        except OSError:
            version_file = None
    return locust_version(metadata_version, version_file)


def locust_version(metadata_version: Optional[str], version_file: Optional[str]) -> Optional[str]:
    """The first real version of: the package metadata, the `version = '...'` of _version.py.

    Some distributions (Debian's 2.12.1) record 0.0.0 in the metadata; versions below 1 do not count."""
    from_file = VERSION_FILE_ASSIGNMENT.search(version_file or '')
    for candidate in (metadata_version, from_file.group(1) if from_file else None):
        if candidate and version_numbers(candidate) >= (1, 0):
            return candidate
    return None


def version_numbers(version: str) -> tuple[int, int]:
    """Major and minor of a version such as 2.43.3.dev4; (0, 0) when it does not start that way."""
    match = re.match(r'(\d+)\.(\d+)', version)
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def locust_info_from_help(command: list[str]) -> LocustInfo:
    """Asks Locust itself for its version and flags (`--version`, `--help`)."""
    try:
        version_output, help_output = run_quietly([command + ['--version'], command + ['--help']])
    except (OSError, subprocess.SubprocessError) as error:
        raise EntrypointError(
            EXIT_LOCUST, f'Locust cannot run on {sys.executable}: {describe_error(error)}'
        ) from None
    match = VERSION_NUMBER.search(version_output)
    if not match:
        raise EntrypointError(
            EXIT_LOCUST,
            f'Locust is not installed for {sys.executable} (`-m locust --version` said '
            f'{version_output.strip()!r}): install it there',
        )
    return LocustInfo(
        command=command,
        version=match.group(1),
        has_processes='--processes' in help_output,
        has_expect_workers_max_wait='--expect-workers-max-wait' in help_output,
    )


def run_quietly(commands: list[list[str]]) -> list[str]:
    """Runs short commands side by side (each Locust start costs a second); returns their output."""
    processes = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for command in commands
    ]
    return [process.communicate(timeout=60)[0] for process in processes]


def task_vcpus(env: Mapping[str, str]) -> int:
    """vCPUs of this task: the ECS task metadata limit when on ECS, else the CPUs we may run on."""
    metadata_uri = env.get('ECS_CONTAINER_METADATA_URI_V4')
    if metadata_uri:
        try:
            with urllib.request.urlopen(metadata_uri + '/task', timeout=2) as response:
                cpu = float(json.load(response).get('Limits', {}).get('CPU', 0))
            if cpu > 0:
                return max(1, math.floor(cpu))
        except (OSError, ValueError):
            pass  # fall back to what the kernel says
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count() or 1)


def processes_per_worker(plan: Plan, locust: LocustInfo, env: Mapping[str, str]) -> int:
    """Locust processes one worker task runs: one per vCPU where Locust has --processes.

    The master uses the same figure to know how many worker processes to expect (master and
    workers share a task definition). The seed form keeps its one process per task."""
    if plan.seed_form or not locust.has_processes:
        return 1
    return plan.worker_processes or task_vcpus(env)


CONTROL_MODULE = 'distributed_locust.control'
# The folder that holds this package: on the master's PYTHONPATH so that `-m` finds control.py.
PACKAGE_PARENT = Path(__file__).resolve().parent.parent


def master_launcher(locust: LocustInfo) -> list[str]:
    """How to start the master: Locust through our control channel (control.py) on Locust's Python.

    A Locust found only as a command of its own (no `-m locust`) runs plain."""
    if locust.command[-2:] != ['-m', 'locust']:
        return locust.command
    return locust.command[:-1] + [CONTROL_MODULE]


def master_environment(env: Mapping[str, str], rounds: str = '') -> dict[str, str]:
    """What the master's environment adds: this package importable, after the PYTHONPATH it had, and
    the rounds settings its control channel reads."""
    paths = [path for path in env.get('PYTHONPATH', '').split(os.pathsep) if path]
    return {'PYTHONPATH': os.pathsep.join(paths + [str(PACKAGE_PARENT)]), **({'DL_ROUNDS': rounds} if rounds else {})}


def master_command(plan: Plan, locust: LocustInfo, results_dir: Path, expected_processes: int) -> list[str]:
    """The Locust master command line for this plan, started through the control channel."""
    csv_flags = ['--csv', str(results_dir / CSV_PREFIX), '--csv-full-history']
    html_flags = ['--html', str(results_dir / REPORT_FILE)]
    if plan.seed_form:
        args = list(plan.locust_args)
        args += [] if has_flag(args, '--csv') else csv_flags
        args += [] if has_flag(args, '--html') else html_flags
        max_wait_missing = not has_flag(args, '--expect-workers-max-wait')
        if plan.expect_workers and locust.has_expect_workers_max_wait and max_wait_missing:
            args += ['--expect-workers-max-wait', str(plan.expect_workers_timeout)]
        return master_launcher(locust) + args
    args = ['-f', plan.locustfile, '--master', '--headless', '--master-bind-port', str(plan.master_port)]
    args += ['--master-bind-host', plan.bind_host] if plan.bind_host else []
    args += ['--expect-workers', str(expected_processes)]
    if locust.has_expect_workers_max_wait:
        args += ['--expect-workers-max-wait', str(plan.expect_workers_timeout)]
        # Also since 2.5: workers that join once the load runs (past min-workers, replacements of
        # stopped or reclaimed ones) take their share of the users.
        args += ['--enable-rebalancing']
    args += ['-u', str(plan.users), '-r', plan.spawn_rate]
    # With rounds, the control channel times each round and ends the run itself.
    args += [] if plan.rounds else ['-t', f'{plan.run_time_seconds}s']
    args += ['-H', plan.host] if plan.host else []
    # INFO is what the entrypoint reads to count connected workers.
    args += csv_flags + html_flags + ['--loglevel', 'INFO']
    return master_launcher(locust) + args + plan.locust_args


# The userinfo of a URL anywhere in an argument (`-H https://alice:s3cret@…`, `--host=…`).
_URL_USERINFO = re.compile(r'([A-Za-z][A-Za-z0-9+.-]*://)[^@/?#\s]*@')


def shown_command(command: list[str]) -> str:
    """A command line for the log (CloudWatch): credentials in a URL are shown as ***."""
    return ' '.join(_URL_USERINFO.sub(r'\1***@', arg) for arg in command)


def worker_command(plan: Plan, locust: LocustInfo, processes: int) -> list[str]:
    """The Locust worker command line for this plan."""
    if plan.seed_form:
        return locust.command + plan.locust_args
    args = ['-f', plan.locustfile, '--worker', '--master-host', plan.master_host]
    args += ['--master-port', str(plan.master_port)]
    args += ['--processes', str(processes)] if processes > 1 else []
    return locust.command + args + plan.locust_args

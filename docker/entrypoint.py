#!/usr/bin/env python3
"""Container entrypoint of distributed-locust: stage the run's bundle from S3, run Locust as master
or worker, and (master) upload the results, whatever happens.

Usage:
    entrypoint.py master [LOCUST_FLAG ...]
    entrypoint.py worker [--master-host HOST] [LOCUST_FLAG ...]   (or DL_MASTER_HOST / DL_MASTER_ADDRESS_KEY)
    entrypoint.py [locust] -f locustfile.py --master|--worker ...   (seed form: a raw Locust command)

The run is described by DL_* environment variables (docs/aws-contract.md). Exit codes: 0 the test
ran (whatever its verdict), 2 bad configuration or bundle download failed, 3 Locust could not start
or the workers did not connect in time, 4 results could not be uploaded, 5 the run deadline passed,
143 stopped by SIGTERM (after uploading partial results). A non-zero exit prints one line on stderr.

Needs only the standard library, boto3 and Locust (any 2.x from 2.12) on the same Python.
"""

from __future__ import annotations

import json
import math
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import IO, Any, Mapping, Optional, Sequence

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

# The entrypoint sets these itself from DL_*; taking them from DL_LOCUST_ARGS too would break the run.
# The action refuses the same list, read from the same file, before any task starts.
RESERVED_FLAGS_FILE = Path(__file__).with_name('reserved-flags.json')
RESERVED_FLAGS = frozenset(
    flag for entry in json.loads(RESERVED_FLAGS_FILE.read_text())['flags'] for flag in entry['flags']
)

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


# ---------------------------------------------------------------------------------------------
# Command line and environment
# ---------------------------------------------------------------------------------------------


def flag_matches(token: str, flag: str) -> bool:
    """True when `token` gives `flag`, as `--flag`, `--flag=value` or (short flags) `-xVALUE`."""
    if token == flag or token.startswith(flag + '='):
        return True
    return len(flag) == 2 and not token.startswith('--') and token.startswith(flag)


def option_value(args: Sequence[str], *flags: str) -> Optional[str]:
    """The last value given to any of `flags` in `args` (argparse keeps the last one), or None."""
    value: Optional[str] = None
    for index, token in enumerate(args):
        for flag in flags:
            if token == flag:
                if index + 1 < len(args):
                    value = args[index + 1]
            elif token.startswith(flag + '='):
                value = token[len(flag) + 1 :]
            elif len(flag) == 2 and not token.startswith('--') and token.startswith(flag) and token != flag:
                value = token[2:]
    return value


def has_flag(args: Sequence[str], *flags: str) -> bool:
    """True when any of `flags` appears in `args`, in any of its spellings."""
    return any(flag_matches(token, flag) for token in args for flag in flags)


def without_option(args: Sequence[str], flag: str) -> list[str]:
    """`args` with every `flag VALUE` / `flag=VALUE` pair removed."""
    kept: list[str] = []
    skip_next = False
    for token in args:
        if skip_next:
            skip_next = False
        elif token == flag:
            skip_next = True
        elif not token.startswith(flag + '='):
            kept.append(token)
    return kept


def reserved_flags_of(token: str) -> list[str]:
    """The reserved flags one argument gives, sorted: `--flag`, `--flag=value`, a prefix argparse
    expands (`--run` for `--run-time`; one matching several gives them all), or a short flag with
    its value attached or not (`-u15`). The action applies the same rules (src/inputs/locust-flags.ts)."""
    if token.startswith('--'):
        name = token.split('=', 1)[0]
        if name == '--':
            return []
        if name in RESERVED_FLAGS:
            return [name]
        return sorted(flag for flag in RESERVED_FLAGS if flag.startswith('--') and flag.startswith(name))
    short = token[:2]
    return [short] if token.startswith('-') and short in RESERVED_FLAGS else []


def reserved_flags_in(args: Sequence[str]) -> list[str]:
    """The flags of `args` that the entrypoint sets itself (see RESERVED_FLAGS)."""
    return sorted({flag for token in args for flag in reserved_flags_of(token)})


@dataclass
class Plan:
    """Everything the entrypoint needs to know about this task, read from argv and DL_*."""

    role: str  # 'master' or 'worker'
    seed_form: bool
    # Native form: extra Locust flags (DL_LOCUST_ARGS, then arguments after the role).
    # Seed form: the raw Locust command without a leading `locust`.
    locust_args: list[str]
    run_id: str = ''
    bucket: str = ''
    bundle_prefix: str = ''
    results_prefix: str = ''
    locustfile: str = ''
    users: int = 0
    spawn_rate: str = ''
    run_time_seconds: int = 0
    host: str = ''
    expect_workers: int = 0
    expect_workers_timeout: int = DEFAULT_EXPECT_WORKERS_TIMEOUT
    deadline_epoch: Optional[float] = None
    master_host: str = ''
    # Worker without a master host: the S3 key (in DL_BUCKET) the state machine writes the address to.
    master_address_key: str = ''
    master_port: int = DEFAULT_MASTER_PORT
    master_gone_seconds: int = MASTER_GONE_SECONDS
    bind_host: str = ''
    worker_processes: Optional[int] = None
    work_dir: str = ''


def env_text(env: Mapping[str, str], name: str, required: bool) -> str:
    """A DL_* text variable, stripped; a missing required one is a configuration error."""
    value = env.get(name, '').strip()
    if required and not value:
        raise not_set(name)
    return value


def not_set(name: str) -> EntrypointError:
    """The error for a required DL_* variable that is missing."""
    return EntrypointError(EXIT_CONFIG, f'{name} is not set: the task needs it (see docs/aws-contract.md)')


def env_int(env: Mapping[str, str], name: str, default: Optional[int], minimum: int) -> int:
    """A whole-number DL_* variable of at least `minimum`; missing means `default` (None: required)."""
    raw = env.get(name, '').strip()
    if not raw:
        if default is None:
            raise not_set(name)
        return default
    try:
        value = int(raw)
    except ValueError:
        raise EntrypointError(EXIT_CONFIG, f"{name} must be a whole number, got '{raw}'") from None
    if value < minimum:
        raise EntrypointError(EXIT_CONFIG, f"{name} must be at least {minimum}, got '{raw}'")
    return value


def env_spawn_rate(env: Mapping[str, str]) -> str:
    """DL_SPAWN_RATE as given, once checked to be a positive number (Locust accepts fractions)."""
    raw = env_text(env, 'DL_SPAWN_RATE', required=True)
    try:
        rate = float(raw)
    except ValueError:
        rate = -1.0
    if not math.isfinite(rate) or rate <= 0:
        raise EntrypointError(
            EXIT_CONFIG, f"DL_SPAWN_RATE must be a positive number of users per second, got '{raw}'"
        )
    return raw


def env_deadline(env: Mapping[str, str]) -> Optional[float]:
    """DL_DEADLINE_EPOCH as Unix seconds, or None when unset."""
    raw = env.get('DL_DEADLINE_EPOCH', '').strip()
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        raise EntrypointError(
            EXIT_CONFIG, f"DL_DEADLINE_EPOCH must be a Unix time in seconds, got '{raw}'"
        ) from None


def env_locust_args(env: Mapping[str, str]) -> list[str]:
    """DL_LOCUST_ARGS: a JSON array of strings (extra Locust flags), empty when unset."""
    raw = env.get('DL_LOCUST_ARGS', '').strip()
    if not raw:
        return []
    example = 'give a JSON array of strings, e.g. ["--stop-timeout", "10"]'
    try:
        parsed = json.loads(raw)
    except json.JSONDecodeError as error:
        raise EntrypointError(
            EXIT_CONFIG, f'DL_LOCUST_ARGS is not valid JSON ({error.msg}): {example}'
        ) from None
    if not isinstance(parsed, list) or not all(isinstance(item, str) for item in parsed):
        raise EntrypointError(EXIT_CONFIG, f'DL_LOCUST_ARGS must be a JSON array of strings: {example}')
    return parsed


def normalised_prefix(prefix: str) -> str:
    """An S3 key prefix that ends with exactly one '/' (empty stays empty)."""
    return prefix.strip('/') + '/' if prefix.strip('/') else ''


def parse_plan(argv: Sequence[str], env: Mapping[str, str]) -> Plan:
    """Reads the invocation (native `master|worker [args]` or a raw Locust command) and DL_*."""
    args = list(argv)
    if not args:
        raise EntrypointError(EXIT_CONFIG, "no command: give 'master', 'worker' or a Locust command line")
    if args[0] in ('master', 'worker'):
        plan = Plan(role=args[0], seed_form=False, locust_args=[])
        native_extra = args[1:]
    else:
        raw = args[1:] if Path(args[0]).name == 'locust' else args
        is_master, is_worker = '--master' in raw, '--worker' in raw
        if is_master == is_worker:
            raise EntrypointError(
                EXIT_CONFIG,
                f"cannot tell the role of command {' '.join(args)!r}: give 'master'/'worker', "
                'or a Locust command with exactly one of --master and --worker',
            )
        plan = Plan(role='master' if is_master else 'worker', seed_form=True, locust_args=raw)
        native_extra = []

    plan.run_id = env_text(env, 'DL_RUN_ID', required=False)
    plan.bucket = env_text(env, 'DL_BUCKET', required=not plan.seed_form)
    plan.bundle_prefix = normalised_prefix(env_text(env, 'DL_BUNDLE_PREFIX', required=not plan.seed_form))
    plan.results_prefix = normalised_prefix(
        env_text(env, 'DL_RESULTS_PREFIX', required=not plan.seed_form and plan.role == 'master')
    )
    if plan.seed_form and plan.bundle_prefix and not plan.bucket:
        raise EntrypointError(
            EXIT_CONFIG, 'DL_BUNDLE_PREFIX is set but DL_BUCKET is not: set both or neither'
        )
    plan.expect_workers_timeout = env_int(env, 'DL_EXPECT_WORKERS_TIMEOUT', DEFAULT_EXPECT_WORKERS_TIMEOUT, 1)
    plan.deadline_epoch = env_deadline(env)
    plan.master_gone_seconds = env_int(env, 'DL_MASTER_GONE_SECONDS', MASTER_GONE_SECONDS, 1)
    plan.work_dir = env_text(env, 'DL_WORK_DIR', required=False)
    if env.get('DL_WORKER_PROCESSES', '').strip():
        plan.worker_processes = env_int(env, 'DL_WORKER_PROCESSES', None, 1)

    if plan.seed_form:
        read_seed_command(plan, env)
    else:
        read_native_settings(plan, env, native_extra)
    return plan


def read_seed_command(plan: Plan, env: Mapping[str, str]) -> None:
    """Fills the plan's master address and expected workers from a raw Locust command."""
    args = plan.locust_args
    if plan.role == 'master':
        plan.master_port = parse_port(option_value(args, '--master-bind-port'), '--master-bind-port')
        expected = option_value(args, '--expect-workers')
        plan.expect_workers = parse_count(expected, '--expect-workers') if expected else 0
    else:
        # Locust's own default when the command names no master.
        fallback = env_text(env, 'DL_MASTER_HOST', required=False) or '127.0.0.1'
        plan.master_host = option_value(args, '--master-host') or fallback
        plan.master_port = parse_port(option_value(args, '--master-port'), '--master-port')


def read_native_settings(plan: Plan, env: Mapping[str, str], extra: list[str]) -> None:
    """Fills the plan from DL_* (native form); `extra` are the arguments after the role."""
    plan.locustfile = env_text(env, 'DL_LOCUSTFILE', required=True)
    plan.master_port = env_int(env, 'DL_MASTER_PORT', DEFAULT_MASTER_PORT, 1)
    if plan.role == 'worker':
        from_env = env_text(env, 'DL_MASTER_HOST', required=False)
        plan.master_host = option_value(extra, '--master-host') or from_env
        if not plan.master_host:
            plan.master_address_key = env_text(env, 'DL_MASTER_ADDRESS_KEY', required=False)
        if not plan.master_host and not plan.master_address_key:
            raise EntrypointError(
                EXIT_CONFIG,
                'the worker does not know the master: pass --master-host HOST, or set DL_MASTER_HOST '
                'or DL_MASTER_ADDRESS_KEY (the S3 key in DL_BUCKET that will hold its address)',
            )
        extra = without_option(extra, '--master-host')
    else:
        plan.users = env_int(env, 'DL_USERS', None, 1)
        plan.spawn_rate = env_spawn_rate(env)
        plan.run_time_seconds = env_int(env, 'DL_RUN_TIME_SECONDS', None, 1)
        plan.host = env_text(env, 'DL_HOST', required=False)
        plan.expect_workers = env_int(env, 'DL_EXPECT_WORKERS', None, 1)
        plan.bind_host = env_text(env, 'DL_BIND_HOST', required=False)
    plan.locust_args = env_locust_args(env) + extra
    reserved = reserved_flags_in(plan.locust_args)
    if reserved:
        raise EntrypointError(
            EXIT_CONFIG,
            f"DL_LOCUST_ARGS must not set {', '.join(reserved)}: "
            'the entrypoint sets them from the other DL_* variables',
        )


def parse_port(raw: Optional[str], flag: str) -> int:
    """A TCP port from a seed command's `flag`, defaulting to Locust's 5557."""
    if raw is None:
        return DEFAULT_MASTER_PORT
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise EntrypointError(EXIT_CONFIG, f"{flag} must be a port number, got '{raw}'")
    return int(raw)


def parse_count(raw: str, flag: str) -> int:
    """A non-negative whole number from a seed command's `flag`."""
    if not raw.isdigit():
        raise EntrypointError(EXIT_CONFIG, f"{flag} must be a whole number, got '{raw}'")
    return int(raw)


# ---------------------------------------------------------------------------------------------
# S3: bundle in, results out
# ---------------------------------------------------------------------------------------------


def s3_client(env: Mapping[str, str]) -> Any:
    """A boto3 S3 client; honours AWS_ENDPOINT_URL_S3 (older boto3 ignores it) with path-style keys."""
    import boto3
    from botocore.config import Config

    endpoint = env.get('AWS_ENDPOINT_URL_S3') or env.get('AWS_ENDPOINT_URL') or None
    region = env.get('AWS_REGION') or env.get('AWS_DEFAULT_REGION') or None
    config = Config(
        connect_timeout=5,
        read_timeout=60,
        retries={'max_attempts': 5, 'mode': 'standard'},
        s3={'addressing_style': 'path'} if endpoint else {},
    )
    return boto3.client('s3', endpoint_url=endpoint, region_name=region, config=config)


def bundle_path(key: str, prefix: str, destination: Path) -> Optional[Path]:
    """Where the bundle object `key` goes under `destination`; None for folder markers.

    Refuses keys that would land outside `destination` (`..`, absolute paths)."""
    relative = key[len(prefix) :]
    if not relative or relative.endswith('/'):
        return None
    parts = PurePosixPath(relative).parts
    if relative.startswith('/') or '..' in parts:
        raise EntrypointError(
            EXIT_CONFIG, f"bundle object '{key}' points outside the bundle: re-stage the run"
        )
    return destination.joinpath(*parts)


def describe_error(error: BaseException) -> str:
    """A short one-line description of a boto3 or OS error."""
    return ' '.join(str(error).split()) or type(error).__name__


def download_bundle(s3: Any, bucket: str, prefix: str, destination: Path) -> list[str]:
    """Downloads every object under s3://bucket/prefix into `destination`; returns relative paths."""
    from botocore.exceptions import BotoCoreError, ClientError

    where = f's3://{bucket}/{prefix}'
    files: list[str] = []
    try:
        for page in s3.get_paginator('list_objects_v2').paginate(Bucket=bucket, Prefix=prefix):
            for item in page.get('Contents', []):
                target = bundle_path(item['Key'], prefix, destination)
                if target is None:
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                s3.download_file(bucket, item['Key'], str(target))
                files.append(target.relative_to(destination).as_posix())
    except (BotoCoreError, ClientError, OSError) as error:
        raise EntrypointError(
            EXIT_CONFIG, f'could not download the bundle from {where}: {describe_error(error)}'
        ) from None
    if not files:
        raise EntrypointError(
            EXIT_CONFIG, f'the bundle {where} is empty: stage the locustfile and data there first'
        )
    return sorted(files)


def upload_results(s3: Any, bucket: str, prefix: str, results_dir: Path) -> list[str]:
    """Uploads every file of `results_dir` to s3://bucket/prefix, result.json last (it marks completion)."""
    from botocore.exceptions import BotoCoreError, ClientError

    names = sorted(path.name for path in results_dir.iterdir() if path.is_file())
    names.sort(key=lambda name: name == RESULT_FILE)
    for name in names:
        content_type = CONTENT_TYPES.get(Path(name).suffix, 'application/octet-stream')
        try:
            s3.upload_file(
                str(results_dir / name), bucket, prefix + name, ExtraArgs={'ContentType': content_type}
            )
        except (BotoCoreError, ClientError, OSError) as error:
            raise EntrypointError(
                EXIT_UPLOAD, f'could not upload {name} to s3://{bucket}/{prefix}: {describe_error(error)}'
            ) from None
    return names


# ---------------------------------------------------------------------------------------------
# Locust: what the installed version can do, and its command lines
# ---------------------------------------------------------------------------------------------


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


def master_command(plan: Plan, locust: LocustInfo, results_dir: Path, expected_processes: int) -> list[str]:
    """The Locust master command line for this plan."""
    csv_flags = ['--csv', str(results_dir / CSV_PREFIX), '--csv-full-history']
    html_flags = ['--html', str(results_dir / REPORT_FILE)]
    if plan.seed_form:
        args = list(plan.locust_args)
        args += [] if has_flag(args, '--csv') else csv_flags
        args += [] if has_flag(args, '--html') else html_flags
        max_wait_missing = not has_flag(args, '--expect-workers-max-wait')
        if plan.expect_workers and locust.has_expect_workers_max_wait and max_wait_missing:
            args += ['--expect-workers-max-wait', str(plan.expect_workers_timeout)]
        return locust.command + args
    args = ['-f', plan.locustfile, '--master', '--headless', '--master-bind-port', str(plan.master_port)]
    args += ['--master-bind-host', plan.bind_host] if plan.bind_host else []
    args += ['--expect-workers', str(expected_processes)]
    if locust.has_expect_workers_max_wait:
        args += ['--expect-workers-max-wait', str(plan.expect_workers_timeout)]
    args += ['-u', str(plan.users), '-r', plan.spawn_rate, '-t', f'{plan.run_time_seconds}s']
    args += ['-H', plan.host] if plan.host else []
    # INFO is what the entrypoint reads to count connected workers.
    args += csv_flags + html_flags + ['--loglevel', 'INFO']
    return locust.command + args + plan.locust_args


def worker_command(plan: Plan, locust: LocustInfo, processes: int) -> list[str]:
    """The Locust worker command line for this plan."""
    if plan.seed_form:
        return locust.command + plan.locust_args
    args = ['-f', plan.locustfile, '--worker', '--master-host', plan.master_host]
    args += ['--master-port', str(plan.master_port)]
    args += ['--processes', str(processes)] if processes > 1 else []
    return locust.command + args + plan.locust_args


# ---------------------------------------------------------------------------------------------
# Processes, signals and logs
# ---------------------------------------------------------------------------------------------


class StopRequest:
    """Remembers a SIGTERM/SIGINT and forwards SIGTERM to the running Locust process group."""

    def __init__(self) -> None:
        self.signal_number: Optional[int] = None
        self.process: Optional[subprocess.Popen[Any]] = None
        self.forwarded_to: Optional[int] = None

    def install(self) -> None:
        """Routes SIGTERM and SIGINT here."""
        signal.signal(signal.SIGTERM, self._handle)
        signal.signal(signal.SIGINT, self._handle)

    def _handle(self, signal_number: int, _frame: object) -> None:
        self.signal_number = signal_number
        if self.process is not None:
            signal_group(self.process, signal.SIGTERM)
            self.forwarded_to = self.process.pid

    @property
    def requested(self) -> bool:
        """True once a stop signal has arrived."""
        return self.signal_number is not None

    @property
    def exit_code(self) -> int:
        """The conventional 128 + signal number."""
        return 128 + (self.signal_number or signal.SIGTERM)

    @property
    def name(self) -> str:
        """The signal's name, e.g. SIGTERM."""
        return signal.Signals(self.signal_number or signal.SIGTERM).name


def signal_group(process: subprocess.Popen[Any], signal_number: int) -> None:
    """Sends a signal to the process group Locust leads (it includes --processes children)."""
    try:
        os.killpg(process.pid, signal_number)
    except ProcessLookupError:
        pass


def stop_locust(process: subprocess.Popen[Any], stop: StopRequest) -> None:
    """SIGTERM (Locust then writes its CSVs and report), SIGKILL if it hangs; waits for the end."""
    stop.process = None
    # A second SIGTERM would start Locust's shutdown twice.
    if process.poll() is None and stop.forwarded_to != process.pid:
        signal_group(process, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        signal_group(process, signal.SIGKILL)
        process.wait()
    # --processes children may outlive their parent for a moment.
    signal_group(process, signal.SIGKILL)


def start_locust(command: list[str], cwd: Path, capture: bool) -> subprocess.Popen[str]:
    """Starts Locust in its own process group, unbuffered (so logs reach awslogs promptly)."""
    environment = dict(os.environ, PYTHONUNBUFFERED='1')
    try:
        return subprocess.Popen(
            command,
            cwd=cwd,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE if capture else None,
            stderr=subprocess.STDOUT if capture else None,
            text=True,
            errors='replace',
            start_new_session=True,
        )
    except OSError as error:
        raise EntrypointError(EXIT_LOCUST, f'could not start Locust: {describe_error(error)}') from None


class RunLog:
    """The task's log: to stdout (awslogs) and, once opened, to master.log as well."""

    def __init__(self) -> None:
        self._file: Optional[IO[str]] = None
        self._lock = threading.Lock()

    def open(self, path: Path) -> None:
        """Starts copying every line to `path`."""
        self._file = path.open('a', encoding='utf-8')

    def close(self) -> None:
        """Closes the log file (before it is uploaded)."""
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None

    def line(self, text: str) -> None:
        """Writes one line (Locust's own or ours)."""
        with self._lock:
            sys.stdout.write(text + '\n')
            sys.stdout.flush()
            if self._file is not None:
                self._file.write(text + '\n')
                self._file.flush()

    def note(self, text: str) -> None:
        """Writes one of the entrypoint's own lines, marked as such."""
        self.line(f'[entrypoint] {text}')


@dataclass
class MasterWatch:
    """What the master's log has told us so far."""

    workers_connected: int = 0
    gave_up_waiting: bool = False
    last_line: str = ''
    all_connected_at: Optional[str] = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def read(self, line: str, expected: int) -> None:
        """Updates the counts from one log line."""
        with self.lock:
            match = WORKERS_CONNECTED.search(line)
            if match:
                self.workers_connected = max(self.workers_connected, int(match.group(1)))
                if self.workers_connected >= expected and self.all_connected_at is None:
                    self.all_connected_at = iso_now()
            if GAVE_UP_WAITING in line:
                self.gave_up_waiting = True
            if line.strip():
                self.last_line = line.strip()


def pump_output(
    process: subprocess.Popen[str], log: RunLog, watch: MasterWatch, expected: int
) -> threading.Thread:
    """Copies Locust's output to the log while watching it, in a background thread."""

    def pump() -> None:
        assert process.stdout is not None
        for raw in process.stdout:
            line = raw.rstrip('\n')
            log.line(line)
            watch.read(line, expected)

    thread = threading.Thread(target=pump, name='locust-output', daemon=True)
    thread.start()
    return thread


def iso_now() -> str:
    """Current UTC time in ISO 8601 with milliseconds, e.g. 2024-05-01T12:00:00.000Z."""
    return datetime.now(timezone.utc).isoformat(timespec='milliseconds').replace('+00:00', 'Z')


def deadline_passed(plan: Plan) -> bool:
    """True once DL_DEADLINE_EPOCH is behind us."""
    return plan.deadline_epoch is not None and time.time() >= plan.deadline_epoch


def master_reachable(host: str, port: int) -> bool:
    """True when a TCP connection to the master port opens."""
    try:
        with socket.create_connection((host, port), timeout=PROBE_SECONDS):
            return True
    except OSError:
        return False


def prepare_work_dir(plan: Plan) -> Path:
    """The task's scratch folder (DL_WORK_DIR or a new temporary one)."""
    if plan.work_dir:
        path = Path(plan.work_dir)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return Path(tempfile.mkdtemp(prefix='distributed-locust-'))


def stage_bundle(
    plan: Plan, log: RunLog, env: Mapping[str, str], work_dir: Optional[Path] = None, s3: Any = None
) -> Path:
    """Downloads the bundle (when there is one) into the work folder; returns the folder Locust runs in."""
    if not plan.bucket or not plan.bundle_prefix:
        log.note('no DL_BUCKET/DL_BUNDLE_PREFIX: running in the current directory')
        return Path.cwd()
    bundle_dir = (work_dir or prepare_work_dir(plan)) / 'bundle'
    bundle_dir.mkdir(parents=True, exist_ok=True)
    files = download_bundle(s3 or s3_client(env), plan.bucket, plan.bundle_prefix, bundle_dir)
    where = f's3://{plan.bucket}/{plan.bundle_prefix}'
    log.note(f'downloaded {len(files)} file(s) from {where}: {", ".join(files)}')
    if plan.locustfile and plan.locustfile not in files:
        raise EntrypointError(
            EXIT_CONFIG,
            f"DL_LOCUSTFILE '{plan.locustfile}' is not in the bundle {where} "
            f'(it holds: {", ".join(files)}): stage it or fix the path',
        )
    return bundle_dir


# ---------------------------------------------------------------------------------------------
# Master
# ---------------------------------------------------------------------------------------------


@dataclass
class MasterOutcome:
    """How the master's run ended: the container exit code and the facts for result.json."""

    exit_code: int = EXIT_OK
    reason: Optional[str] = None
    partial: bool = False
    locust_exit_code: Optional[int] = None
    started_at: Optional[str] = None
    ended_at: Optional[str] = None
    locust_version: Optional[str] = None
    worker_processes_expected: int = 0
    processes_per_worker: int = 1
    watch: MasterWatch = field(default_factory=MasterWatch)


def run_master(plan: Plan, stop: StopRequest, env: Mapping[str, str]) -> int:
    """Runs the master and uploads its results (also after failures); returns the exit code."""
    work_dir = prepare_work_dir(plan)
    results_dir = work_dir / 'results'
    results_dir.mkdir(parents=True, exist_ok=True)
    log = RunLog()
    log.open(results_dir / LOG_FILE)
    outcome = MasterOutcome()
    try:
        run_master_locust(plan, stop, env, work_dir, results_dir, log, outcome)
    except EntrypointError as error:
        outcome.exit_code, outcome.reason = error.exit_code, error.reason
    except Exception as error:  # noqa: BLE001 - whatever broke, the results still go up
        outcome.exit_code = EXIT_LOCUST
        outcome.reason = f'the entrypoint failed: {type(error).__name__}: {error}'
    outcome.partial = outcome.partial or stop.requested
    if outcome.reason:
        log.note(outcome.reason)
    log.close()
    write_result(plan, outcome, results_dir / RESULT_FILE)
    if not plan.bucket or not plan.results_prefix:
        print(f'[entrypoint] no DL_BUCKET/DL_RESULTS_PREFIX: results kept in {results_dir}', flush=True)
        return finish(outcome.exit_code, outcome.reason)
    where = f's3://{plan.bucket}/{plan.results_prefix}'
    try:
        names = upload_results(s3_client(env), plan.bucket, plan.results_prefix, results_dir)
        print(f'[entrypoint] uploaded {", ".join(names)} to {where}', flush=True)
    except EntrypointError as error:
        return finish(error.exit_code, error.reason)
    except Exception as error:  # noqa: BLE001 - boto3 setup errors (no credentials, bad endpoint)
        return finish(EXIT_UPLOAD, f'could not upload the results to {where}: {describe_error(error)}')
    return finish(outcome.exit_code, outcome.reason)


def run_master_locust(
    plan: Plan,
    stop: StopRequest,
    env: Mapping[str, str],
    work_dir: Path,
    results_dir: Path,
    log: RunLog,
    outcome: MasterOutcome,
) -> None:
    """Stages the bundle, runs the Locust master to its end and records how it ended in `outcome`."""
    cwd = stage_bundle(plan, log, env, work_dir)
    locust = inspect_locust()
    outcome.locust_version = locust.version
    outcome.processes_per_worker = processes_per_worker(plan, locust, env)
    expected = plan.expect_workers * outcome.processes_per_worker
    outcome.worker_processes_expected = expected
    if stop.requested:
        raise EntrypointError(stop.exit_code, f'stopped by {stop.name} before Locust started')
    command = master_command(plan, locust, results_dir, expected)
    log.note(f'Locust {locust.version}, expecting {expected} worker process(es): {" ".join(command)}')

    outcome.started_at = iso_now()
    process = start_locust(command, cwd, capture=True)
    stop.process = process
    log.note(f'Locust master started (pid {process.pid})')
    pump = pump_output(process, log, outcome.watch, expected)
    launched = time.monotonic()
    # Locust enforces --expect-workers-max-wait itself where it can; this watchdog covers the rest.
    grace = WATCHDOG_GRACE_SECONDS if locust.has_expect_workers_max_wait else 0
    wait_limit = plan.expect_workers_timeout + grace
    timed_out = deadline_hit = False
    while process.poll() is None:
        started = expected == 0 or outcome.watch.all_connected_at is not None
        if stop.requested:
            break
        if deadline_passed(plan):
            deadline_hit = True
            break
        if plan.expect_workers and not started and time.monotonic() - launched > wait_limit:
            timed_out = True
            break
        time.sleep(POLL_SECONDS)
    stop_locust(process, stop)
    pump.join(timeout=10)
    outcome.ended_at = iso_now()
    outcome.locust_exit_code = process.returncode if process.returncode >= 0 else None
    gave_up = timed_out or outcome.watch.gave_up_waiting
    classify_master_end(plan, stop, outcome, expected, gave_up, deadline_hit)


def classify_master_end(
    plan: Plan, stop: StopRequest, outcome: MasterOutcome, expected: int, gave_up: bool, deadline_hit: bool
) -> None:
    """Turns how Locust ended into the container's exit code, reason and partial flag."""
    started = expected == 0 or outcome.watch.all_connected_at is not None
    connected = outcome.watch.workers_connected
    if stop.requested:
        outcome.exit_code, outcome.partial = stop.exit_code, True
        outcome.reason = f'stopped by {stop.name}: results are partial'
    elif deadline_hit:
        outcome.exit_code, outcome.partial = EXIT_DEADLINE, True
        outcome.reason = (
            'the run deadline (DL_DEADLINE_EPOCH) passed before Locust finished: results are partial'
        )
    elif not started and gave_up:
        outcome.exit_code = EXIT_LOCUST
        outcome.reason = (
            f'only {connected} of {expected} worker process(es) connected within '
            f'{plan.expect_workers_timeout} s (DL_EXPECT_WORKERS_TIMEOUT): check that the workers '
            f'started and can reach port {plan.master_port}'
        )
    elif not started:
        outcome.exit_code = EXIT_LOCUST
        outcome.reason = (
            f'Locust exited with code {outcome.locust_exit_code} before the test started: '
            f'{outcome.watch.last_line}'
        )
    elif outcome.locust_exit_code is None:
        # Killed by a signal mid-test (e.g. out of memory): the CSVs cover only part of the run.
        outcome.exit_code, outcome.partial = EXIT_LOCUST, True
        outcome.reason = 'the Locust master was killed during the test: results are partial'


def write_result(plan: Plan, outcome: MasterOutcome, path: Path) -> None:
    """Writes result.json: how the run went, for the action's report."""
    result = {
        'runId': plan.run_id or None,
        'exitCode': outcome.exit_code,
        'locustExitCode': outcome.locust_exit_code,
        'partial': outcome.partial,
        'reason': outcome.reason,
        'startedAt': outcome.started_at,
        'allWorkersConnectedAt': outcome.watch.all_connected_at,
        'endedAt': outcome.ended_at or iso_now(),
        'workersExpected': plan.expect_workers,
        'processesPerWorker': outcome.processes_per_worker,
        'workerProcessesExpected': outcome.worker_processes_expected,
        'workersConnected': outcome.watch.workers_connected,
        'locustVersion': outcome.locust_version,
        'seedForm': plan.seed_form,
    }
    path.write_text(json.dumps(result, indent=2) + '\n', encoding='utf-8')


# ---------------------------------------------------------------------------------------------
# Worker
# ---------------------------------------------------------------------------------------------


def run_worker(plan: Plan, stop: StopRequest, env: Mapping[str, str]) -> int:
    """Runs the Locust worker(s) until the master is gone, the deadline passes or we are stopped."""
    # One DL_EXPECT_WORKERS_TIMEOUT covers finding the master's address and reaching it.
    waiting_since = time.monotonic()
    log = RunLog()
    cwd = stage_bundle_and_find_master(plan, stop, log, env, waiting_since)
    locust = inspect_locust()
    processes = processes_per_worker(plan, locust, env)
    if stop.requested:
        return finish(stop.exit_code, f'stopped by {stop.name} before Locust started')
    command = worker_command(plan, locust, processes)
    log.note(f'Locust {locust.version}, {processes} worker process(es): {" ".join(command)}')
    process = start_locust(command, cwd, capture=False)
    stop.process = process
    log.note(f'Locust worker started (pid {process.pid})')
    exit_code, reason = supervise_worker(plan, stop, process, waiting_since)
    stop_locust(process, stop)
    log.note(reason)
    return finish(exit_code, reason if exit_code != EXIT_OK else None)


def stage_bundle_and_find_master(
    plan: Plan, stop: StopRequest, log: RunLog, env: Mapping[str, str], waiting_since: float
) -> Path:
    """Stages the bundle and, when the worker learns its master from S3, reads the address meanwhile."""
    if not plan.master_address_key:
        return stage_bundle(plan, log, env)
    s3 = s3_client(env)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix='bundle') as pool:
        staged = pool.submit(stage_bundle, plan, log, env, None, s3)
        plan.master_host = await_master_address(plan, stop, s3, waiting_since, staged)
        log.note(f'master address {plan.master_host} read from s3://{plan.bucket}/{plan.master_address_key}')
        return staged.result()


def await_master_address(
    plan: Plan, stop: StopRequest, s3: Any, waiting_since: float, alongside: Future[Path]
) -> str:
    """Polls s3://DL_BUCKET/DL_MASTER_ADDRESS_KEY until the state machine has written the address.

    Gives up at DL_EXPECT_WORKERS_TIMEOUT, the deadline, a stop signal, or when `alongside` (the
    bundle download running meanwhile) fails."""
    from botocore.exceptions import BotoCoreError, ClientError

    where = f's3://{plan.bucket}/{plan.master_address_key}'
    last_answer = 'nothing yet'
    while True:
        if stop.requested:
            raise EntrypointError(stop.exit_code, f'stopped by {stop.name} before Locust started')
        if deadline_passed(plan):
            raise EntrypointError(
                EXIT_DEADLINE, 'the run deadline (DL_DEADLINE_EPOCH) passed before the master address was known'
            )
        if alongside.done():
            alongside.result()  # a failed download ends the wait at once
        try:
            response = s3.get_object(Bucket=plan.bucket, Key=plan.master_address_key)
            address = response['Body'].read().decode('utf-8', errors='replace').strip()
            if address:
                return address
            last_answer = 'an empty object'
        except ClientError as error:
            if error.response.get('Error', {}).get('Code') == 'NoSuchBucket':
                raise EntrypointError(
                    EXIT_CONFIG, f'could not read the master address from {where}: {describe_error(error)}'
                ) from None
            # Until the object exists S3 answers 404, or 403 to a role that may not list the bucket.
            last_answer = describe_error(error)
        except BotoCoreError as error:
            last_answer = describe_error(error)
        if time.monotonic() - waiting_since >= plan.expect_workers_timeout:
            raise EntrypointError(
                EXIT_LOCUST,
                f'the master address did not appear at {where} within {plan.expect_workers_timeout} s '
                f'(DL_EXPECT_WORKERS_TIMEOUT; last answer: {last_answer}): check the execution and '
                'that the task role may read that key',
            )
        time.sleep(ADDRESS_POLL_SECONDS)


def supervise_worker(
    plan: Plan, stop: StopRequest, process: subprocess.Popen[str], waiting_since: float
) -> tuple[int, str]:
    """Watches a running worker: Locust 2.12 workers never give up on a vanished master."""
    address = f'{plan.master_host}:{plan.master_port}'
    last_reached: Optional[float] = None
    next_probe = 0.0
    while True:
        code = process.poll()
        if stop.requested:
            return stop.exit_code, f'stopped by {stop.name}'
        if code is not None:
            if last_reached is not None or code == 0:
                return EXIT_OK, f'Locust worker exited with code {code}'
            return EXIT_LOCUST, (
                f'Locust worker exited with code {code} before the master at {address} was reachable'
            )
        if deadline_passed(plan):
            return EXIT_DEADLINE, 'the run deadline (DL_DEADLINE_EPOCH) passed: worker stopped'
        now = time.monotonic()
        if now >= next_probe:
            next_probe = now + PROBE_SECONDS
            if master_reachable(plan.master_host, plan.master_port):
                last_reached = time.monotonic()
            elif last_reached is not None and now - last_reached >= plan.master_gone_seconds:
                return EXIT_OK, (
                    f'the master at {address} is gone (unreachable for {plan.master_gone_seconds} s): '
                    'worker stopped'
                )
            elif last_reached is None and now - waiting_since >= plan.expect_workers_timeout:
                return EXIT_LOCUST, (
                    f'the master at {address} was not reachable within {plan.expect_workers_timeout} s '
                    '(DL_EXPECT_WORKERS_TIMEOUT): check its address and the security group'
                )
        time.sleep(POLL_SECONDS)


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------


def finish(exit_code: int, reason: Optional[str]) -> int:
    """Prints the one-line reason of a failure on stderr and returns the exit code."""
    if exit_code != EXIT_OK and reason:
        print(f'distributed-locust: {reason}', file=sys.stderr, flush=True)
    return exit_code


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


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))

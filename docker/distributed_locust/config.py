"""The entrypoint's command line and DL_* environment: the plan of one task, and the reserved Locust flags."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Optional, Sequence

from .common import (
    DEFAULT_EXPECT_WORKERS_TIMEOUT,
    DEFAULT_MASTER_PORT,
    EXIT_CONFIG,
    MASTER_GONE_SECONDS,
    EntrypointError,
)

if TYPE_CHECKING:
    from .secrets import SecretReference

# The entrypoint sets these itself from DL_*; taking them from DL_LOCUST_ARGS too would break the run.
# The action refuses the same list, read from the same file, before any task starts.
RESERVED_FLAGS_FILE = Path(__file__).resolve().parent.parent / 'reserved-flags.json'
RESERVED_FLAGS = frozenset(
    flag for entry in json.loads(RESERVED_FLAGS_FILE.read_text())['flags'] for flag in entry['flags']
)


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
    # The `secrets` input's references, staged in the bundle (their values never enter the plan).
    secrets: list[SecretReference] = field(default_factory=list)
    # Rounds driven by the master's control channel (control.py's DL_ROUNDS, JSON): from the bundle's
    # ROUNDS_FILE, or DL_ROUNDS; empty for one plain run.
    rounds: str = ''


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
    plan.rounds = env_text(env, 'DL_ROUNDS', required=False)
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

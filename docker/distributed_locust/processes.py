"""Processes, signals and logs: starting and stopping Locust, the run log, the work folder."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any, Mapping, Optional

from .common import (
    EXIT_CONFIG,
    EXIT_LOCUST,
    EntrypointError,
    GAVE_UP_WAITING,
    HOST_FILE,
    ROUNDS_FILE,
    PROBE_SECONDS,
    SECRETS_FILE,
    STOP_GRACE_SECONDS,
    WORKERS_CONNECTED,
)
from .config import Plan
from .secrets import parse_staged_secrets
from .storage import describe_error, download_bundle, s3_client


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


def start_locust(
    command: list[str], cwd: Path, capture: bool, extra_env: Optional[Mapping[str, str]] = None
) -> subprocess.Popen[str]:
    """Starts Locust in its own process group, unbuffered (so logs reach awslogs promptly)."""
    environment = dict(os.environ, **(extra_env or {}), PYTHONUNBUFFERED='1')
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
    # Every join over the run: a replaced worker's processes join again.
    workers_joined: int = 0
    gave_up_waiting: bool = False
    last_line: str = ''
    all_connected_at: Optional[str] = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def read(self, line: str, expected: int) -> None:
        """Updates the counts from one log line."""
        with self.lock:
            match = WORKERS_CONNECTED.search(line)
            if match:
                self.workers_joined += 1
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
    staged_rounds = take_staged_file(bundle_dir, ROUNDS_FILE)
    if staged_rounds:
        plan.rounds = staged_rounds
        log.note(f'the test runs in rounds, as {ROUNDS_FILE} in the bundle says')
    staged_host = take_staged_file(bundle_dir, HOST_FILE)
    if staged_host:
        plan.host = staged_host
        log.note(f'the host comes from {HOST_FILE} in the bundle: it carries credentials')
    plan.secrets = parse_staged_secrets(take_staged_file(bundle_dir, SECRETS_FILE))
    if plan.locustfile and plan.locustfile not in files:
        raise EntrypointError(
            EXIT_CONFIG,
            f"DL_LOCUSTFILE '{plan.locustfile}' is not in the bundle {where} "
            f'(it holds: {", ".join(files)}): stage it or fix the path',
        )
    return bundle_dir


def take_staged_file(bundle_dir: Path, name: str) -> Optional[str]:
    """A file the action staged in the bundle (HOST_FILE, SECRETS_FILE, ROUNDS_FILE), removed from the folder Locust
    runs in; None without one."""
    path = bundle_dir / name
    if not path.is_file():
        return None
    text = path.read_text(encoding='utf-8').strip()
    path.unlink()
    try:
        path.parent.rmdir()
    except OSError:  # the folder holds other staged files, or files of the user's own
        pass
    return text or None

"""The master: runs Locust, watches it and its workers, and uploads the results whatever happens."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional

from .common import (
    EXIT_CONFIG,
    EXIT_DEADLINE,
    EXIT_LOCUST,
    EXIT_OK,
    EXIT_UPLOAD,
    LOG_FILE,
    POLL_SECONDS,
    RESULT_FILE,
    ROUNDS_FILE,
    WATCHDOG_GRACE_SECONDS,
    EntrypointError,
    finish,
)
from .config import Plan, normalised_prefix
from .secrets import secret_environment
from .control import rounds_plan
from .storage import DuetMeeting, LiveSync, RoundsUpload, describe_error, live_sync_interval, s3_client, upload_results
from .locust_cli import (
    inspect_locust,
    locust_version,
    master_command,
    master_environment,
    processes_per_worker,
    shown_command,
)
from .processes import (
    MasterWatch,
    RunLog,
    StopRequest,
    deadline_passed,
    iso_now,
    prepare_work_dir,
    pump_output,
    stage_bundle,
    start_locust,
    stop_locust,
)


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
    secrets = secret_environment(plan.secrets, env, log.note)
    locust = inspect_locust()
    outcome.locust_version = locust.version
    outcome.processes_per_worker = processes_per_worker(plan, locust, env)
    expected = plan.expect_workers * outcome.processes_per_worker
    outcome.worker_processes_expected = expected
    if stop.requested:
        raise EntrypointError(stop.exit_code, f'stopped by {stop.name} before Locust started')
    meeting = start_duet_meeting(plan, env, work_dir, log)
    if plan.rounds:
        check_rounds(plan.rounds)
    command = master_command(plan, locust, results_dir, expected)
    log.note(f'Locust {locust.version}, expecting {expected} worker process(es): {shown_command(command)}')

    outcome.started_at = iso_now()
    process = start_locust(
        command, cwd, capture=True, extra_env={**secrets, **master_environment(env, plan.rounds)}
    )
    stop.process = process
    log.note(f'Locust master started (pid {process.pid})')
    pump = pump_output(process, log, outcome.watch, expected)
    live = start_live_sync(plan, env, results_dir, log)
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
    for sync in (live, meeting):
        if sync is not None:
            sync.stop()
    pump.join(timeout=10)
    outcome.ended_at = iso_now()
    outcome.locust_exit_code = process.returncode if process.returncode >= 0 else None
    gave_up = timed_out or outcome.watch.gave_up_waiting
    classify_master_end(plan, stop, outcome, expected, gave_up, deadline_hit)


def check_rounds(settings: str) -> None:
    """Refuses rounds settings the control channel could not run, before Locust starts."""
    try:
        rounds_plan(settings)
    except ValueError as error:  # json.JSONDecodeError is one too
        raise EntrypointError(EXIT_CONFIG, f'the rounds settings ({ROUNDS_FILE} in the bundle) are invalid: {error}') from None


def with_meeting_folder(rounds: str, folder: Path) -> Optional[dict]:
    """A duet's rounds settings on AWS (they name the other execution's results, partnerResults)
    with this task's meeting folder as syncDir; None for any other settings (checked later)."""
    try:
        settings = json.loads(rounds)
    except ValueError:
        return None
    if not isinstance(settings, dict) or settings.get('design') != 'duet' or not settings.get('partnerResults'):
        return None
    return {**settings, 'syncDir': str(folder)}


def start_duet_meeting(plan: Plan, env: Mapping[str, str], work_dir: Path, log: RunLog) -> Optional[DuetMeeting]:
    """One master of a duet on AWS: it meets the other execution's master before each round
    through S3 (storage.DuetMeeting), its meeting files in the task's work folder."""
    folder = work_dir / 'meeting'
    settings = with_meeting_folder(plan.rounds, folder) if plan.rounds else None
    if settings is None or not plan.bucket or not plan.results_prefix:
        return None
    plan.rounds = json.dumps(settings)
    partner = normalised_prefix(str(settings['partnerResults']))
    s3 = s3_client(env)
    rounds = RoundsUpload(s3, plan.bucket, plan.results_prefix, work_dir / 'results')
    meeting = DuetMeeting(s3, plan.bucket, plan.results_prefix, partner, folder, str(settings.get('side')), log.note, rounds)
    meeting.start()
    log.note(f"the duet's {settings.get('side')} side: meets the other master through s3://{plan.bucket}/{partner}")
    return meeting


def start_live_sync(plan: Plan, env: Mapping[str, str], results_dir: Path, log: RunLog) -> Optional[LiveSync]:
    """Progress up and commands down while Locust runs (docs/live.md); none without a bucket."""
    if not plan.bucket or not plan.results_prefix:
        return None
    try:
        live = LiveSync(s3_client(env), plan.bucket, plan.results_prefix, results_dir, log.note)
    except Exception as error:  # noqa: BLE001 - no live progress is no reason to fail the run
        log.note(f'no live progress: {describe_error(error)}')
        return None
    live.start(live_sync_interval(env))
    return live


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
        'workersJoined': outcome.watch.workers_joined,
        'locustVersion': outcome.locust_version,
        'seedForm': plan.seed_form,
    }
    path.write_text(json.dumps(result, indent=2) + '\n', encoding='utf-8')

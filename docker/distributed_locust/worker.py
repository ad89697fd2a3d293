"""The worker: finds its master (argument, DL_MASTER_HOST or the S3 address key) and runs Locust."""

from __future__ import annotations

import subprocess
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Mapping, Optional

from .common import (
    ADDRESS_POLL_SECONDS,
    EXIT_CONFIG,
    EXIT_DEADLINE,
    EXIT_LOCUST,
    EXIT_OK,
    POLL_SECONDS,
    PROBE_SECONDS,
    EntrypointError,
    finish,
)
from .config import Plan
from .secrets import secret_environment
from .storage import describe_error, s3_client
from .locust_cli import inspect_locust, processes_per_worker, shown_command, worker_command
from .processes import (
    RunLog,
    StopRequest,
    deadline_passed,
    master_reachable,
    stage_bundle,
    start_locust,
    stop_locust,
)


def run_worker(plan: Plan, stop: StopRequest, env: Mapping[str, str]) -> int:
    """Runs the Locust worker(s) until the master is gone, the deadline passes or we are stopped."""
    # One DL_EXPECT_WORKERS_TIMEOUT covers finding the master's address and reaching it.
    waiting_since = time.monotonic()
    log = RunLog()
    cwd = stage_bundle_and_find_master(plan, stop, log, env, waiting_since)
    secrets = secret_environment(plan.secrets, env, log.note)
    locust = inspect_locust()
    processes = processes_per_worker(plan, locust, env)
    if stop.requested:
        return finish(stop.exit_code, f'stopped by {stop.name} before Locust started')
    command = worker_command(plan, locust, processes)
    log.note(f'Locust {locust.version}, {processes} worker process(es): {shown_command(command)}')
    process = start_locust(command, cwd, capture=False, extra_env=secrets)
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

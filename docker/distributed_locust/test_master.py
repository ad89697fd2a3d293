"""Unit tests of master.py (run by __tests__/container/python.test.ts)."""

from __future__ import annotations

import json
import shutil
import signal
import tempfile
import unittest
from pathlib import Path
from typing import Optional

from distributed_locust.common import EXIT_DEADLINE, EXIT_LOCUST
from distributed_locust.config import parse_plan
from distributed_locust.locust_cli import LocustInfo, master_command, shown_command
from distributed_locust.master import MasterOutcome, classify_master_end, write_result
from distributed_locust.processes import RunLog, StopRequest, stage_bundle
from distributed_locust.test_support import NATIVE_MASTER_ENV


class MasterEndTest(unittest.TestCase):
    def outcome(self, lines: list[str], expected: int = 2) -> MasterOutcome:
        outcome = MasterOutcome(locust_exit_code=1)
        for line in lines:
            outcome.watch.read(line, expected)
        return outcome

    def classify(self, outcome: MasterOutcome, signum: Optional[int] = None, **flags: bool) -> None:
        stop = StopRequest()
        stop.signal_number = signum
        plan = parse_plan(['master'], {**NATIVE_MASTER_ENV, 'DL_EXPECT_WORKERS_TIMEOUT': '60'})
        classify_master_end(
            plan, stop, outcome, 2, flags.get('gave_up', False), flags.get('deadline_hit', False)
        )

    READY = 'x/INFO/locust.runners: Worker w{} (index {}) reported as ready. {} workers connected.'

    def test_the_log_tells_how_many_workers_connected(self) -> None:
        outcome = self.outcome([self.READY.format(1, 0, 1)])
        self.assertEqual((outcome.watch.workers_connected, outcome.watch.all_connected_at), (1, None))
        outcome.watch.read(self.READY.format(2, 1, 2), 2)
        self.assertEqual(outcome.watch.workers_connected, 2)
        self.assertIsNotNone(outcome.watch.all_connected_at)

    def test_every_join_is_counted_also_a_replacement_after_a_worker_left(self) -> None:
        outcome = self.outcome([self.READY.format(1, 0, 1), self.READY.format(2, 1, 2)])
        # Worker 2 was reclaimed; its replacement joins: still 2 connected, 3 joins.
        outcome.watch.read(self.READY.format(3, 2, 2), 2)
        self.assertEqual((outcome.watch.workers_connected, outcome.watch.workers_joined), (2, 3))

    def test_a_run_that_started_is_a_success_whatever_locust_says(self) -> None:
        outcome = self.outcome([self.READY.format(1, 0, 1), self.READY.format(2, 1, 2)])
        self.classify(outcome)
        self.assertEqual((outcome.exit_code, outcome.partial, outcome.reason), (0, False, None))

    def test_a_master_killed_mid_test_is_an_infrastructure_failure_with_partial_results(self) -> None:
        outcome = self.outcome([self.READY.format(1, 0, 1), self.READY.format(2, 1, 2)])
        outcome.locust_exit_code = None
        self.classify(outcome)
        self.assertEqual((outcome.exit_code, outcome.partial), (EXIT_LOCUST, True))
        self.assertIn('killed during the test', outcome.reason or '')

    def test_sigterm_and_deadline_mark_the_results_partial(self) -> None:
        stopped = self.outcome([])
        self.classify(stopped, signum=signal.SIGTERM)
        self.assertEqual((stopped.exit_code, stopped.partial), (143, True))
        self.assertIn('stopped by SIGTERM', stopped.reason or '')
        late = self.outcome([self.READY.format(1, 0, 1), self.READY.format(2, 1, 2)])
        self.classify(late, deadline_hit=True)
        self.assertEqual((late.exit_code, late.partial), (EXIT_DEADLINE, True))

    def test_workers_missing_or_locust_failing_before_the_start_is_exit_3(self) -> None:
        gave_up = 'x/ERROR/locust.main: Gave up waiting for workers to connect'
        waiting = self.outcome([self.READY.format(1, 0, 1), gave_up])
        self.classify(waiting, gave_up=waiting.watch.gave_up_waiting)
        self.assertEqual(waiting.exit_code, EXIT_LOCUST)
        self.assertIn('only 1 of 2 worker process(es) connected within 60 s', waiting.reason or '')
        import_error = "ModuleNotFoundError: No module named 'x'"
        broken = self.outcome(['Traceback (most recent call last):', import_error])
        self.classify(broken)
        self.assertEqual(broken.exit_code, EXIT_LOCUST)
        self.assertIn(f'before the test started: {import_error}', broken.reason or '')


class ResultFileTest(unittest.TestCase):
    def test_result_json_has_the_contract_fields(self) -> None:
        plan = parse_plan(['master'], NATIVE_MASTER_ENV)
        outcome = MasterOutcome(exit_code=0, locust_exit_code=1, locust_version='2.12.1')
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / 'result.json'
            write_result(plan, outcome, path)
            result = json.loads(path.read_text())
        self.assertEqual(result['runId'], 'run-1')
        self.assertEqual((result['exitCode'], result['locustExitCode'], result['partial']), (0, 1, False))
        self.assertEqual((result['workersExpected'], result['locustVersion']), (3, '2.12.1'))
        self.assertRegex(result['endedAt'], r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$')


class FakeBundleBucket:
    """The bundle's objects, served as boto3's S3 client serves them to download_bundle."""

    def __init__(self, objects: dict[str, str]) -> None:
        self.objects = objects

    def get_paginator(self, _name: str) -> 'FakeBundleBucket':
        return self

    def paginate(self, Bucket: str, Prefix: str) -> list[dict]:  # noqa: N803 - boto3's names
        return [{'Contents': [{'Key': key} for key in self.objects if key.startswith(Prefix)]}]

    def download_file(self, _bucket: str, key: str, path: str) -> None:
        Path(path).write_text(self.objects[key], encoding='utf-8')


class StagedHostTest(unittest.TestCase):
    PREFIX = 'runs/run-1/bundle/'

    def stage(self, objects: dict[str, str]) -> tuple[list[str], Path, str]:
        """Stages `objects` for a master whose DL_HOST is redacted; its command, folder and log."""
        env = {
            **NATIVE_MASTER_ENV,
            'DL_BUNDLE_PREFIX': self.PREFIX,
            'DL_HOST': 'http://***@target:8080',
        }
        plan = parse_plan(['master'], env)
        work = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, work)
        log_path = work / 'master.log'
        log = RunLog()
        log.open(log_path)
        bucket = FakeBundleBucket({self.PREFIX + key: text for key, text in objects.items()})
        cwd = stage_bundle(plan, log, env, work, bucket)
        locust = LocustInfo(['locust'], '2.12.1', False, has_expect_workers_max_wait=True)
        command = master_command(plan, locust, work / 'results', 3)
        log.note(shown_command(command))
        log.close()
        return command, cwd, log_path.read_text(encoding='utf-8')

    def test_the_master_runs_against_the_staged_host_and_removes_it_from_the_bundle(self) -> None:
        command, cwd, log = self.stage(
            {
                'tests/locustfile.py': 'x',
                '.distributed-locust/host': 'http://alice:s3cret@target:8080\n',
            }
        )
        self.assertEqual(command[command.index('-H') + 1], 'http://alice:s3cret@target:8080')
        self.assertFalse((cwd / '.distributed-locust').exists())
        self.assertTrue((cwd / 'tests' / 'locustfile.py').is_file())
        self.assertIn('-H http://***@target:8080', log)
        self.assertNotIn('s3cret', log)

    def test_without_a_staged_host_dl_host_is_used(self) -> None:
        command, _, _ = self.stage({'tests/locustfile.py': 'x'})
        self.assertEqual(command[command.index('-H') + 1], 'http://***@target:8080')

"""Unit tests of entrypoint.py's pure parts (run by __tests__/container/python.test.ts).

    python3 -m unittest -v test_entrypoint      (from this folder)
"""

from __future__ import annotations

import json
import signal
import tempfile
import threading
import unittest
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Optional

import entrypoint as ep

NATIVE_MASTER_ENV = {
    'DL_RUN_ID': 'run-1',
    'DL_BUCKET': 'bucket',
    'DL_BUNDLE_PREFIX': 'runs/run-1/bundle',
    'DL_RESULTS_PREFIX': 'runs/run-1/results/',
    'DL_LOCUSTFILE': 'tests/locustfile.py',
    'DL_USERS': '50',
    'DL_SPAWN_RATE': '2.5',
    'DL_RUN_TIME_SECONDS': '300',
    'DL_HOST': 'https://staging.example.com',
    'DL_LOCUST_ARGS': '["--stop-timeout", "10"]',
    'DL_EXPECT_WORKERS': '3',
}

LOCUST_212 = ep.LocustInfo(['python', '-m', 'locust'], '2.12.1', False, has_expect_workers_max_wait=True)
LOCUST_CURRENT = ep.LocustInfo(['python', '-m', 'locust'], '2.43.3', True, has_expect_workers_max_wait=True)


def error_of(callable_, *args) -> ep.EntrypointError:
    """The EntrypointError that `callable_(*args)` raises."""
    try:
        callable_(*args)
    except ep.EntrypointError as error:
        return error
    raise AssertionError('no EntrypointError raised')


class FlagHelpersTest(unittest.TestCase):
    def test_option_value_reads_every_spelling_and_keeps_the_last(self) -> None:
        self.assertEqual(ep.option_value(['--master-host', 'a', '--master-host=b'], '--master-host'), 'b')
        self.assertEqual(ep.option_value(['-u', '5'], '-u', '--users'), '5')
        self.assertEqual(ep.option_value(['-u7'], '-u', '--users'), '7')
        self.assertIsNone(ep.option_value(['--users-x', '5'], '--users'))
        self.assertIsNone(ep.option_value(['--master-host'], '--master-host'))

    def test_without_option_drops_the_flag_and_its_value(self) -> None:
        args = ['--master-host', '10.0.0.1', '-T', 'smoke', '--master-host=10.0.0.2']
        self.assertEqual(ep.without_option(args, '--master-host'), ['-T', 'smoke'])

    def test_reserved_flags_are_found_in_any_spelling(self) -> None:
        found = ep.reserved_flags_in(['--stop-timeout', '10', '-u5', '--csv=x', '--tags', 'a', '--html', 'r'])
        self.assertEqual(found, ['--csv', '--html', '-u'])
        self.assertEqual(ep.reserved_flags_in(['--stop-timeout', '10', '-T', 'a']), [])


class ParsePlanTest(unittest.TestCase):
    def test_native_master_reads_the_contract_variables(self) -> None:
        plan = ep.parse_plan(['master'], NATIVE_MASTER_ENV)
        self.assertEqual((plan.role, plan.seed_form), ('master', False))
        self.assertEqual(plan.bundle_prefix, 'runs/run-1/bundle/')
        self.assertEqual(plan.results_prefix, 'runs/run-1/results/')
        self.assertEqual((plan.users, plan.spawn_rate, plan.run_time_seconds), (50, '2.5', 300))
        self.assertEqual((plan.expect_workers, plan.expect_workers_timeout), (3, 120))
        self.assertEqual(plan.master_port, 5557)
        self.assertEqual(plan.locust_args, ['--stop-timeout', '10'])

    def test_each_missing_or_bad_variable_is_named(self) -> None:
        cases = {
            'DL_BUCKET': ('', 'DL_BUCKET is not set'),
            'DL_USERS': ('many', "DL_USERS must be a whole number, got 'many'"),
            'DL_EXPECT_WORKERS': ('0', "DL_EXPECT_WORKERS must be at least 1, got '0'"),
            'DL_SPAWN_RATE': ('-1', 'DL_SPAWN_RATE must be a positive number'),
            'DL_DEADLINE_EPOCH': ('soon', 'DL_DEADLINE_EPOCH must be a Unix time'),
            'DL_LOCUST_ARGS': ('--stop-timeout 10', 'DL_LOCUST_ARGS is not valid JSON'),
        }
        for name, (value, message) in cases.items():
            with self.subTest(name):
                error = error_of(ep.parse_plan, ['master'], {**NATIVE_MASTER_ENV, name: value})
                self.assertEqual(error.exit_code, ep.EXIT_CONFIG)
                self.assertIn(message, error.reason)

    def test_locust_args_must_be_an_array_of_strings_without_reserved_flags(self) -> None:
        for value, message in [
            ('{"a": 1}', 'must be a JSON array of strings'),
            ('["--users", "9"]', 'DL_LOCUST_ARGS must not set --users'),
        ]:
            with self.subTest(value):
                error = error_of(ep.parse_plan, ['master'], {**NATIVE_MASTER_ENV, 'DL_LOCUST_ARGS': value})
                self.assertIn(message, error.reason)

    def test_native_worker_takes_the_master_host_appended_by_the_state_machine(self) -> None:
        env = {key: NATIVE_MASTER_ENV[key] for key in ('DL_BUCKET', 'DL_BUNDLE_PREFIX', 'DL_LOCUSTFILE')}
        plan = ep.parse_plan(['worker', '--master-host', '10.0.1.7'], {**env, 'DL_MASTER_HOST': 'ignored'})
        self.assertEqual((plan.role, plan.master_host, plan.locust_args), ('worker', '10.0.1.7', []))
        from_env = ep.parse_plan(['worker'], {**env, 'DL_MASTER_HOST': '10.0.1.8'})
        self.assertEqual(from_env.master_host, '10.0.1.8')
        self.assertIn('does not know the master', error_of(ep.parse_plan, ['worker'], env).reason)

    def test_native_worker_without_a_master_host_learns_it_from_the_address_key(self) -> None:
        env = {key: NATIVE_MASTER_ENV[key] for key in ('DL_BUCKET', 'DL_BUNDLE_PREFIX', 'DL_LOCUSTFILE')}
        key = 'runs/run-1/master-address'
        plan = ep.parse_plan(['worker'], {**env, 'DL_MASTER_ADDRESS_KEY': key})
        self.assertEqual((plan.master_host, plan.master_address_key), ('', key))
        given = ep.parse_plan(['worker', '--master-host', '10.0.1.7'], {**env, 'DL_MASTER_ADDRESS_KEY': key})
        self.assertEqual((given.master_host, given.master_address_key), ('10.0.1.7', ''))
        self.assertIn('DL_MASTER_ADDRESS_KEY', error_of(ep.parse_plan, ['worker'], env).reason)

    def test_seed_form_takes_the_role_and_addresses_from_the_locust_command(self) -> None:
        master = ep.parse_plan(
            ['locust', '-f', 'f.py', '--master', '--expect-workers', '4', '--master-bind-port', '6000'], {}
        )
        self.assertEqual((master.role, master.seed_form, master.expect_workers), ('master', True, 4))
        self.assertEqual((master.master_port, master.bucket), (6000, ''))
        self.assertEqual(master.locust_args[0], '-f')
        worker = ep.parse_plan(['-f', 'f.py', '--worker', '--master-host', '10.0.0.9'], {})
        self.assertEqual((worker.role, worker.master_host, worker.master_port), ('worker', '10.0.0.9', 5557))

    def test_seed_form_needs_exactly_one_role(self) -> None:
        for argv in (['-f', 'f.py'], ['-f', 'f.py', '--master', '--worker']):
            with self.subTest(argv):
                self.assertIn('cannot tell the role', error_of(ep.parse_plan, argv, {}).reason)
        self.assertIn('no command', error_of(ep.parse_plan, [], {}).reason)


class BundleTest(unittest.TestCase):
    def test_keys_map_below_the_destination(self) -> None:
        destination = Path('/work')
        self.assertEqual(ep.bundle_path('p/a/b.csv', 'p/', destination), Path('/work/a/b.csv'))
        self.assertIsNone(ep.bundle_path('p/data/', 'p/', destination))

    def test_keys_escaping_the_destination_are_refused(self) -> None:
        for key in ('p/../etc/passwd', 'p//etc/passwd'):
            with self.subTest(key):
                self.assertEqual(error_of(ep.bundle_path, key, 'p/', Path('/work')).exit_code, ep.EXIT_CONFIG)


class CommandTest(unittest.TestCase):
    def test_native_master_command(self) -> None:
        plan = ep.parse_plan(['master'], {**NATIVE_MASTER_ENV, 'DL_BIND_HOST': '127.0.0.5'})
        command = ep.master_command(plan, LOCUST_212, Path('/r'), expected_processes=6)
        self.assertEqual(command[:3], ['python', '-m', 'locust'])
        self.assertEqual(command[-2:], ['--stop-timeout', '10'])
        for flag, value in [
            ('--expect-workers', '6'),
            ('--expect-workers-max-wait', '120'),
            ('--master-bind-host', '127.0.0.5'),
            ('-t', '300s'),
            ('-r', '2.5'),
            ('--csv', '/r/locust'),
            ('--html', '/r/report.html'),
            ('-H', 'https://staging.example.com'),
        ]:
            self.assertEqual(ep.option_value(command, flag), value, flag)
        self.assertIn('--csv-full-history', command)

    def test_master_without_max_wait_support_relies_on_the_watchdog(self) -> None:
        plan = ep.parse_plan(['master'], {**NATIVE_MASTER_ENV, 'DL_HOST': ''})
        locust = ep.LocustInfo(['locust'], '2.4.0', has_processes=False, has_expect_workers_max_wait=False)
        command = ep.master_command(plan, locust, Path('/r'), 3)
        self.assertFalse(ep.has_flag(command, '--expect-workers-max-wait'))
        self.assertFalse(ep.has_flag(command, '-H'))

    def test_seed_master_gets_results_flags_only_where_missing(self) -> None:
        plan = ep.parse_plan(['-f', 'f.py', '--master', '--expect-workers', '2', '--csv', 'mine'], {})
        command = ep.master_command(plan, LOCUST_212, Path('/r'), 2)
        self.assertEqual(ep.option_value(command, '--csv'), 'mine')
        self.assertEqual(ep.option_value(command, '--html'), '/r/report.html')
        self.assertEqual(ep.option_value(command, '--expect-workers-max-wait'), '120')

    def test_worker_command_forks_only_when_useful(self) -> None:
        env = {**NATIVE_MASTER_ENV, 'DL_MASTER_PORT': '6001'}
        plan = ep.parse_plan(['worker', '--master-host', '10.0.0.1'], env)
        self.assertFalse(ep.has_flag(ep.worker_command(plan, LOCUST_CURRENT, 1), '--processes'))
        command = ep.worker_command(plan, LOCUST_CURRENT, 4)
        self.assertEqual(ep.option_value(command, '--processes'), '4')
        self.assertEqual(ep.option_value(command, '--master-port'), '6001')

    def test_processes_per_worker(self) -> None:
        native = ep.parse_plan(['master'], {**NATIVE_MASTER_ENV, 'DL_WORKER_PROCESSES': '3'})
        self.assertEqual(ep.processes_per_worker(native, LOCUST_CURRENT, {}), 3)
        self.assertEqual(ep.processes_per_worker(native, LOCUST_212, {}), 1)
        seed = ep.parse_plan(['-f', 'f.py', '--master'], {})
        self.assertEqual(ep.processes_per_worker(seed, LOCUST_CURRENT, {}), 1)


class TaskVcpusTest(unittest.TestCase):
    def serve_task_metadata(self, cpu: float) -> str:
        """A throwaway ECS task metadata endpoint on a free loopback port; returns its URI."""

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                body = json.dumps({'Limits': {'CPU': cpu, 'Memory': 4096}}).encode()
                self.send_response(200 if self.path == '/v4/task' else 404)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: object) -> None:
                pass

        server = HTTPServer(('127.0.0.1', 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        return f'http://127.0.0.1:{server.server_address[1]}/v4'

    def test_reads_the_task_cpu_limit_on_ecs(self) -> None:
        self.assertEqual(ep.task_vcpus({'ECS_CONTAINER_METADATA_URI_V4': self.serve_task_metadata(4.0)}), 4)
        self.assertEqual(ep.task_vcpus({'ECS_CONTAINER_METADATA_URI_V4': self.serve_task_metadata(0.5)}), 1)

    def test_falls_back_to_the_cpus_we_may_use(self) -> None:
        self.assertGreaterEqual(ep.task_vcpus({'ECS_CONTAINER_METADATA_URI_V4': 'http://127.0.0.1:1/v4'}), 1)


class LocustVersionTest(unittest.TestCase):
    def test_the_metadata_version_serves_unless_it_is_a_placeholder(self) -> None:
        self.assertEqual(ep.locust_version('2.43.3', "version = '2.12.1'"), '2.43.3')
        # Debian's locust 2.12.1 records 0.0.0 in its metadata; its _version.py has the real one.
        self.assertEqual(ep.locust_version('0.0.0', "# generated\nversion = '2.12.1'\n"), '2.12.1')
        self.assertEqual(ep.locust_version(None, "__version__ = version = '2.20.0.dev3'"), '2.20.0.dev3')
        self.assertIsNone(ep.locust_version('0.0.0', None))
        self.assertIsNone(ep.locust_version(None, 'nothing here'))

    def test_flags_follow_the_version(self) -> None:
        self.assertEqual(ep.version_numbers('2.19.0'), (2, 19))
        self.assertEqual(ep.version_numbers('unknown'), (0, 0))
        self.assertGreaterEqual(ep.version_numbers('2.19.0'), ep.PROCESSES_SINCE)
        self.assertLess(ep.version_numbers('2.18.4'), ep.PROCESSES_SINCE)

    def test_the_installed_locust_is_read_without_running_it(self) -> None:
        info = ep.inspect_locust()
        self.assertRegex(info.version, r'^2\.\d+')
        self.assertEqual(info.has_processes, ep.version_numbers(info.version) >= (2, 19))


class FakeS3Body:
    def __init__(self, text: str) -> None:
        self.text = text

    def read(self) -> bytes:
        return self.text.encode()


class FakeAddressBucket:
    """get_object answers with the given errors (S3 error codes), then with the address."""

    def __init__(self, errors: list[str], address: str) -> None:
        self.errors = errors
        self.address = address
        self.calls = 0

    def get_object(self, Bucket: str, Key: str) -> dict:  # noqa: N803 - boto3's names
        from botocore.exceptions import ClientError

        self.calls += 1
        if self.errors:
            code = self.errors.pop(0)
            raise ClientError({'Error': {'Code': code, 'Message': f'{code} for {Key}'}}, 'GetObject')
        return {'Body': FakeS3Body(self.address + '\n')}


class MasterAddressTest(unittest.TestCase):
    def plan(self, timeout: str = '30') -> ep.Plan:
        env = {key: NATIVE_MASTER_ENV[key] for key in ('DL_BUCKET', 'DL_BUNDLE_PREFIX', 'DL_LOCUSTFILE')}
        env.update(DL_MASTER_ADDRESS_KEY='runs/run-1/master-address', DL_EXPECT_WORKERS_TIMEOUT=timeout)
        return ep.parse_plan(['worker'], env)

    def await_address(self, plan: ep.Plan, bucket: FakeAddressBucket) -> str:
        pending: 'ep.Future[Path]' = ep.Future()
        return ep.await_master_address(plan, ep.StopRequest(), bucket, ep.time.monotonic(), pending)

    def test_missing_or_forbidden_means_not_written_yet(self) -> None:
        bucket = FakeAddressBucket(['NoSuchKey', 'AccessDenied'], '10.0.3.4')
        self.assertEqual(self.await_address(self.plan(), bucket), '10.0.3.4')
        self.assertEqual(bucket.calls, 3)

    def test_gives_up_at_the_timeout_with_the_last_answer(self) -> None:
        bucket = FakeAddressBucket(['AccessDenied'] * 100, 'never')
        error = error_of(self.await_address, self.plan('1'), bucket)
        self.assertEqual(error.exit_code, ep.EXIT_LOCUST)
        self.assertIn('did not appear at s3://bucket/runs/run-1/master-address within 1 s', error.reason)
        self.assertIn('AccessDenied', error.reason)

    def test_a_missing_bucket_or_a_failed_download_ends_the_wait_at_once(self) -> None:
        error = error_of(self.await_address, self.plan(), FakeAddressBucket(['NoSuchBucket'], ''))
        self.assertEqual(error.exit_code, ep.EXIT_CONFIG)
        failed: 'ep.Future[Path]' = ep.Future()
        failed.set_exception(ep.EntrypointError(ep.EXIT_CONFIG, 'the bundle is empty'))
        bucket = FakeAddressBucket(['NoSuchKey'] * 100, 'never')
        started = ep.time.monotonic()
        error = error_of(ep.await_master_address, self.plan(), ep.StopRequest(), bucket, started, failed)
        self.assertEqual(error.reason, 'the bundle is empty')
        self.assertEqual(bucket.calls, 0)


class MasterEndTest(unittest.TestCase):
    def outcome(self, lines: list[str], expected: int = 2) -> ep.MasterOutcome:
        outcome = ep.MasterOutcome(locust_exit_code=1)
        for line in lines:
            outcome.watch.read(line, expected)
        return outcome

    def classify(self, outcome: ep.MasterOutcome, signum: Optional[int] = None, **flags: bool) -> None:
        stop = ep.StopRequest()
        stop.signal_number = signum
        plan = ep.parse_plan(['master'], {**NATIVE_MASTER_ENV, 'DL_EXPECT_WORKERS_TIMEOUT': '60'})
        ep.classify_master_end(
            plan, stop, outcome, 2, flags.get('gave_up', False), flags.get('deadline_hit', False)
        )

    READY = 'x/INFO/locust.runners: Worker w{} (index {}) reported as ready. {} workers connected.'

    def test_the_log_tells_how_many_workers_connected(self) -> None:
        outcome = self.outcome([self.READY.format(1, 0, 1)])
        self.assertEqual((outcome.watch.workers_connected, outcome.watch.all_connected_at), (1, None))
        outcome.watch.read(self.READY.format(2, 1, 2), 2)
        self.assertEqual(outcome.watch.workers_connected, 2)
        self.assertIsNotNone(outcome.watch.all_connected_at)

    def test_a_run_that_started_is_a_success_whatever_locust_says(self) -> None:
        outcome = self.outcome([self.READY.format(1, 0, 1), self.READY.format(2, 1, 2)])
        self.classify(outcome)
        self.assertEqual((outcome.exit_code, outcome.partial, outcome.reason), (0, False, None))

    def test_a_master_killed_mid_test_is_an_infrastructure_failure_with_partial_results(self) -> None:
        outcome = self.outcome([self.READY.format(1, 0, 1), self.READY.format(2, 1, 2)])
        outcome.locust_exit_code = None
        self.classify(outcome)
        self.assertEqual((outcome.exit_code, outcome.partial), (ep.EXIT_LOCUST, True))
        self.assertIn('killed during the test', outcome.reason or '')

    def test_sigterm_and_deadline_mark_the_results_partial(self) -> None:
        stopped = self.outcome([])
        self.classify(stopped, signum=signal.SIGTERM)
        self.assertEqual((stopped.exit_code, stopped.partial), (143, True))
        self.assertIn('stopped by SIGTERM', stopped.reason or '')
        late = self.outcome([self.READY.format(1, 0, 1), self.READY.format(2, 1, 2)])
        self.classify(late, deadline_hit=True)
        self.assertEqual((late.exit_code, late.partial), (ep.EXIT_DEADLINE, True))

    def test_workers_missing_or_locust_failing_before_the_start_is_exit_3(self) -> None:
        gave_up = 'x/ERROR/locust.main: Gave up waiting for workers to connect'
        waiting = self.outcome([self.READY.format(1, 0, 1), gave_up])
        self.classify(waiting, gave_up=waiting.watch.gave_up_waiting)
        self.assertEqual(waiting.exit_code, ep.EXIT_LOCUST)
        self.assertIn('only 1 of 2 worker process(es) connected within 60 s', waiting.reason or '')
        import_error = "ModuleNotFoundError: No module named 'x'"
        broken = self.outcome(['Traceback (most recent call last):', import_error])
        self.classify(broken)
        self.assertEqual(broken.exit_code, ep.EXIT_LOCUST)
        self.assertIn(f'before the test started: {import_error}', broken.reason or '')


class ResultFileTest(unittest.TestCase):
    def test_result_json_has_the_contract_fields(self) -> None:
        plan = ep.parse_plan(['master'], NATIVE_MASTER_ENV)
        outcome = ep.MasterOutcome(exit_code=0, locust_exit_code=1, locust_version='2.12.1')
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / 'result.json'
            ep.write_result(plan, outcome, path)
            result = json.loads(path.read_text())
        self.assertEqual(result['runId'], 'run-1')
        self.assertEqual((result['exitCode'], result['locustExitCode'], result['partial']), (0, 1, False))
        self.assertEqual((result['workersExpected'], result['locustVersion']), (3, '2.12.1'))
        self.assertRegex(result['endedAt'], r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$')


if __name__ == '__main__':
    unittest.main()

"""Unit tests of locust_cli.py (run by __tests__/container/python.test.ts)."""

from __future__ import annotations

import json
import threading
import unittest
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

from distributed_locust.common import PROCESSES_SINCE
from distributed_locust.config import has_flag, option_value, parse_plan
from distributed_locust.locust_cli import (
    LocustInfo,
    inspect_locust,
    locust_version,
    master_command,
    processes_per_worker,
    shown_command,
    task_vcpus,
    version_numbers,
    worker_command,
)
from distributed_locust.test_support import NATIVE_MASTER_ENV


LOCUST_212 = LocustInfo(['python', '-m', 'locust'], '2.12.1', False, has_expect_workers_max_wait=True)


LOCUST_CURRENT = LocustInfo(['python', '-m', 'locust'], '2.43.3', True, has_expect_workers_max_wait=True)


class CommandTest(unittest.TestCase):
    def test_native_master_command(self) -> None:
        plan = parse_plan(['master'], {**NATIVE_MASTER_ENV, 'DL_BIND_HOST': '127.0.0.5'})
        command = master_command(plan, LOCUST_212, Path('/r'), expected_processes=6)
        self.assertEqual(command[:3], ['python', '-m', 'distributed_locust.control'])
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
            self.assertEqual(option_value(command, flag), value, flag)
        self.assertIn('--csv-full-history', command)
        self.assertIn('--enable-rebalancing', command)

    def test_master_without_max_wait_support_relies_on_the_watchdog(self) -> None:
        plan = parse_plan(['master'], {**NATIVE_MASTER_ENV, 'DL_HOST': ''})
        locust = LocustInfo(['locust'], '2.4.0', has_processes=False, has_expect_workers_max_wait=False)
        command = master_command(plan, locust, Path('/r'), 3)
        self.assertFalse(has_flag(command, '--expect-workers-max-wait'))
        self.assertFalse(has_flag(command, '-H'))

    def test_seed_master_gets_results_flags_only_where_missing(self) -> None:
        plan = parse_plan(['-f', 'f.py', '--master', '--expect-workers', '2', '--csv', 'mine'], {})
        command = master_command(plan, LOCUST_212, Path('/r'), 2)
        self.assertEqual(option_value(command, '--csv'), 'mine')
        self.assertEqual(option_value(command, '--html'), '/r/report.html')
        self.assertEqual(option_value(command, '--expect-workers-max-wait'), '120')

    def test_worker_command_forks_only_when_useful(self) -> None:
        env = {**NATIVE_MASTER_ENV, 'DL_MASTER_PORT': '6001'}
        plan = parse_plan(['worker', '--master-host', '10.0.0.1'], env)
        self.assertFalse(has_flag(worker_command(plan, LOCUST_CURRENT, 1), '--processes'))
        command = worker_command(plan, LOCUST_CURRENT, 4)
        self.assertEqual(option_value(command, '--processes'), '4')
        self.assertEqual(option_value(command, '--master-port'), '6001')

    def test_processes_per_worker(self) -> None:
        native = parse_plan(['master'], {**NATIVE_MASTER_ENV, 'DL_WORKER_PROCESSES': '3'})
        self.assertEqual(processes_per_worker(native, LOCUST_CURRENT, {}), 3)
        self.assertEqual(processes_per_worker(native, LOCUST_212, {}), 1)
        seed = parse_plan(['-f', 'f.py', '--master'], {})
        self.assertEqual(processes_per_worker(seed, LOCUST_CURRENT, {}), 1)


class ShownCommandTest(unittest.TestCase):
    def test_credentials_in_a_url_are_never_logged(self) -> None:
        plan = parse_plan(['master'], {**NATIVE_MASTER_ENV, 'DL_HOST': 'https://alice:s3cret@staging.example.com/api'})
        command = master_command(plan, LOCUST_212, Path('/results'), 3)
        self.assertIn('https://alice:s3cret@staging.example.com/api', command)
        shown = shown_command(command + ['--host=http://token@other.example', 'user@example.com'])
        self.assertNotIn('s3cret', shown)
        self.assertNotIn('token', shown)
        self.assertIn(' -H https://***@staging.example.com/api ', shown)
        self.assertIn(' --host=http://***@other.example user@example.com', shown)


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
        self.assertEqual(task_vcpus({'ECS_CONTAINER_METADATA_URI_V4': self.serve_task_metadata(4.0)}), 4)
        self.assertEqual(task_vcpus({'ECS_CONTAINER_METADATA_URI_V4': self.serve_task_metadata(0.5)}), 1)

    def test_falls_back_to_the_cpus_we_may_use(self) -> None:
        self.assertGreaterEqual(task_vcpus({'ECS_CONTAINER_METADATA_URI_V4': 'http://127.0.0.1:1/v4'}), 1)


class LocustVersionTest(unittest.TestCase):
    def test_the_metadata_version_serves_unless_it_is_a_placeholder(self) -> None:
        self.assertEqual(locust_version('2.43.3', "version = '2.12.1'"), '2.43.3')
        # Debian's locust 2.12.1 records 0.0.0 in its metadata; its _version.py has the real one.
        self.assertEqual(locust_version('0.0.0', "# generated\nversion = '2.12.1'\n"), '2.12.1')
        self.assertEqual(locust_version(None, "__version__ = version = '2.20.0.dev3'"), '2.20.0.dev3')
        self.assertIsNone(locust_version('0.0.0', None))
        self.assertIsNone(locust_version(None, 'nothing here'))

    def test_flags_follow_the_version(self) -> None:
        self.assertEqual(version_numbers('2.19.0'), (2, 19))
        self.assertEqual(version_numbers('unknown'), (0, 0))
        self.assertGreaterEqual(version_numbers('2.19.0'), PROCESSES_SINCE)
        self.assertLess(version_numbers('2.18.4'), PROCESSES_SINCE)

    def test_the_installed_locust_is_read_without_running_it(self) -> None:
        info = inspect_locust()
        self.assertRegex(info.version, r'^2\.\d+')
        self.assertEqual(info.has_processes, version_numbers(info.version) >= (2, 19))

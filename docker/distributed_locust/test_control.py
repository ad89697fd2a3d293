"""Unit tests of control.py (run by __tests__/container/python.test.ts).

Locust is not imported here (it patches the standard library with gevent); its StatsEntry objects
are stood in for by plain ones with the same fields. __tests__/local/histograms.test.ts and the
container tests run the module inside a real Locust master.
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
import unittest
from contextlib import redirect_stderr
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Optional

from distributed_locust.control import (
    HISTOGRAMS_FILE,
    PROGRESS_FILE,
    LiveControl,
    MasterControl,
    histograms_document,
    percentile_key,
    progress_interval,
    results_dir_of,
    write_json_atomically,
)
from distributed_locust.locust_cli import LocustInfo, master_environment, master_launcher, PACKAGE_PARENT

WRITTEN_AT = datetime(2026, 12, 7, 14, 0, 0, tzinfo=timezone.utc)


def entry(method: Optional[str], name: str, response_times: dict[int, int]) -> Any:
    return SimpleNamespace(method=method, name=name, response_times=response_times)


def stats(entries: list[Any], total: Any) -> Any:
    return SimpleNamespace(entries={(e.name, e.method): e for e in entries}, total=total)


class EventHook:
    def __init__(self) -> None:
        self.listeners: list[Any] = []

    def add_listener(self, listener: Any) -> None:
        self.listeners.append(listener)

    def fire(self, **kwargs: Any) -> None:
        for listener in self.listeners:
            listener(**kwargs)


class HistogramsDocumentTest(unittest.TestCase):
    def test_the_documented_format_with_keys_in_ascending_order(self) -> None:
        items = entry('GET', '/items', {110: 3, 4: 120, 5: 80})
        document = histograms_document([items], entry(None, 'Aggregated', {4: 130, 5: 90}), '2.12.1', WRITTEN_AT)
        self.assertEqual(
            document,
            {
                'version': 1,
                'locustVersion': '2.12.1',
                'writtenAt': '2026-12-07T14:00:00Z',
                'endpoints': [{'method': 'GET', 'name': '/items', 'responseTimes': {'4': 120, '5': 80, '110': 3}}],
                'aggregate': {'method': '', 'name': 'Aggregated', 'responseTimes': {'4': 130, '5': 90}},
            },
        )
        self.assertEqual(list(document['endpoints'][0]['responseTimes']), ['4', '5', '110'])

    def test_endpoints_in_name_then_method_order_and_empty_buckets_left_out(self) -> None:
        endpoints = [entry('POST', '/b', {3: 1}), entry('GET', '/b', {2: 0, 7: 2}), entry('GET', '/a', {})]
        document = histograms_document(endpoints, entry('', 'Aggregated', {3: 1, 7: 2}), None, WRITTEN_AT)
        self.assertEqual(
            [(e['method'], e['name'], e['responseTimes']) for e in document['endpoints']],
            [('GET', '/a', {}), ('GET', '/b', {'7': 2}), ('POST', '/b', {'3': 1})],
        )
        # Debian's Locust may not know its version: null rather than an empty string.
        self.assertIsNone(histograms_document([], entry('', 'Aggregated', {}), '', WRITTEN_AT)['locustVersion'])


class WritingTest(unittest.TestCase):
    def setUp(self) -> None:
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)

    def test_written_whole_and_nothing_left_beside_it(self) -> None:
        path = self.dir / HISTOGRAMS_FILE
        write_json_atomically(path, {'version': 1})
        write_json_atomically(path, {'version': 1, 'again': True})
        self.assertEqual(json.loads(path.read_text(encoding='utf-8')), {'version': 1, 'again': True})
        self.assertEqual([p.name for p in self.dir.iterdir()], [HISTOGRAMS_FILE])

    def test_results_go_beside_the_csv_files(self) -> None:
        self.assertEqual(results_dir_of(SimpleNamespace(csv_prefix='/r/locust')), Path('/r'))
        self.assertIsNone(results_dir_of(SimpleNamespace(csv_prefix=None)))
        self.assertIsNone(results_dir_of(SimpleNamespace()))

    def attached(self, results_dir: Path) -> tuple[Any, Any]:
        events = SimpleNamespace(test_stop=EventHook(), quitting=EventHook())
        items = entry('GET', '/items', {4: 1})
        environment = SimpleNamespace(stats=stats([items], entry(None, 'Aggregated', {4: 1})))
        MasterControl(environment, results_dir, '2.12.1', lambda: WRITTEN_AT).attach(events)
        return events, items

    def test_written_when_the_test_stops_and_rewritten_with_the_last_reports_when_locust_quits(self) -> None:
        events, items = self.attached(self.dir)
        events.test_stop.fire(environment=None)
        path = self.dir / HISTOGRAMS_FILE
        self.assertEqual(json.loads(path.read_text(encoding='utf-8'))['endpoints'][0]['responseTimes'], {'4': 1})
        # A worker's last report arrives after test_stop (Locust 2.12 quits without waiting for it).
        items.response_times[9] = 2
        events.quitting.fire(environment=None)
        self.assertEqual(
            json.loads(path.read_text(encoding='utf-8'))['endpoints'][0]['responseTimes'], {'4': 1, '9': 2}
        )

    def test_a_failed_write_is_reported_and_never_breaks_the_run(self) -> None:
        events, _ = self.attached(self.dir / 'missing')
        stderr = io.StringIO()
        with redirect_stderr(stderr):
            events.quitting.fire(environment=None)
        self.assertIn(f'could not write {HISTOGRAMS_FILE}', stderr.getvalue())


class FiguresEntry(SimpleNamespace):
    """A StatsEntry with the figures progress.json reads."""

    def get_response_time_percentile(self, fraction: float) -> int:
        return int(fraction * 100) * 2


def figures_entry(method: Optional[str], name: str, requests: int, failures: int) -> Any:
    return FiguresEntry(
        method=method,
        name=name,
        num_requests=requests,
        num_failures=failures,
        min_response_time=3 if requests else None,
        max_response_time=250 if requests else 0,
        avg_response_time=20.5 if requests else 0.0,
        median_response_time=16 if requests else 0,
        avg_content_length=120 if requests else 0,
        total_rps=requests / 10,
        total_fail_per_sec=failures / 10,
        current_rps=requests / 12,
    )


class LiveControlTest(unittest.TestCase):
    def setUp(self) -> None:
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)
        self.quits = 0
        runner = SimpleNamespace(state='running', user_count=20, worker_count=2, quit=self.quit)
        items = figures_entry('GET', '/items', 40, 10)
        idle = figures_entry('POST', '/idle', 0, 0)
        environment = SimpleNamespace(
            runner=runner, stats=stats([items, idle], figures_entry(None, 'Aggregated', 40, 10))
        )
        self.moment = WRITTEN_AT
        self.live = LiveControl(environment, self.dir, '2.12.1', lambda: self.moment, 5.0)
        self.live.percentiles = lambda: [0.5, 0.95, 0.999]  # type: ignore[method-assign]
        self.events = SimpleNamespace(test_start=EventHook(), quitting=EventHook())
        self.live.attach(self.events)

    def quit(self) -> None:
        self.quits += 1

    def progress(self) -> Any:
        return json.loads((self.dir / PROGRESS_FILE).read_text(encoding='utf-8'))

    def test_the_figures_so_far_with_every_percentile_and_the_time_since_the_test_started(self) -> None:
        self.events.test_start.fire(environment=None)
        self.moment = WRITTEN_AT.replace(minute=2, second=10)
        self.live.write_progress()
        document = self.progress()
        self.assertEqual(
            {key: document[key] for key in ('version', 'state', 'elapsedSeconds', 'users', 'workersConnected')},
            {'version': 1, 'state': 'running', 'elapsedSeconds': 130.0, 'users': 20, 'workersConnected': 2},
        )
        self.assertEqual(document['testStartedAt'], '2026-12-07T14:00:00Z')
        self.assertEqual(document['writtenAt'], '2026-12-07T14:02:10Z')
        self.assertEqual(
            document['aggregate'],
            {
                'method': '',
                'name': 'Aggregated',
                'numRequests': 40,
                'numFailures': 10,
                'minMs': 3,
                'maxMs': 250,
                'avgMs': 20.5,
                'medianMs': 16,
                'avgContentLength': 120,
                'rps': 4.0,
                'failRps': 1.0,
                'currentRps': 40 / 12,
                'percentiles': {'50': 100, '95': 190, '99.9': 198},
            },
        )
        # Endpoints in name order; one without requests has no times, as Locust writes N/A.
        self.assertEqual([e['name'] for e in document['endpoints']], ['/idle', '/items'])
        self.assertEqual(document['endpoints'][0]['percentiles'], {'50': None, '95': None, '99.9': None})
        self.assertIsNone(document['endpoints'][0]['minMs'])
        self.assertIsNone(document['abortRequested'])

    def test_before_the_test_starts_there_is_no_elapsed_time(self) -> None:
        self.live.write_progress()
        self.assertIsNone(self.progress()['elapsedSeconds'])
        self.assertIsNone(self.progress()['testStartedAt'])

    def test_percentile_keys_are_locusts_column_labels(self) -> None:
        self.assertEqual([percentile_key(p) for p in (0.5, 0.95, 0.999, 0.9999, 1.0)], ['50', '95', '99.9', '99.99', '100'])

    def test_an_abort_command_quits_locust_once_and_is_recorded(self) -> None:
        self.live.check_commands()
        self.assertEqual(self.quits, 0)
        (self.dir / 'control').mkdir()
        (self.dir / 'control' / 'abort.json').write_text('{"reason": "fail_ratio < 5% abort after 30s"}')
        stderr = io.StringIO()
        with redirect_stderr(stderr):
            self.live.check_commands()
            self.live.check_commands()
        self.assertEqual(self.quits, 1)
        self.assertIn('abort requested (fail_ratio < 5% abort after 30s)', stderr.getvalue())
        self.assertEqual(self.progress()['abortRequested'], 'fail_ratio < 5% abort after 30s')

    def test_a_stop_command_quits_locust_once_and_is_no_abort(self) -> None:
        (self.dir / 'control').mkdir()
        (self.dir / 'control' / 'stop.json').write_text('{"reason": "the run time (3s) is over"}')
        stderr = io.StringIO()
        with redirect_stderr(stderr):
            self.live.check_commands()
            self.live.check_commands()
        self.assertEqual(self.quits, 1)
        self.assertIn('stop requested (the run time (3s) is over)', stderr.getvalue())
        self.live.write_progress()
        self.assertIsNone(self.progress()['abortRequested'])

    def test_an_unreadable_abort_command_still_aborts(self) -> None:
        (self.dir / 'control').mkdir()
        (self.dir / 'control' / 'abort.json').write_text('not json')
        with redirect_stderr(io.StringIO()):
            self.live.check_commands()
        self.assertEqual(self.quits, 1)

    def test_the_loop_writes_on_its_interval_polls_commands_and_ends_when_locust_quits(self) -> None:
        clock = [0.0]
        writes: list[float] = []
        original = self.live.write_progress

        def counted() -> None:
            writes.append(clock[0])
            original()

        self.live.write_progress = counted  # type: ignore[method-assign]

        def sleep(seconds: float) -> None:
            clock[0] += seconds
            if clock[0] >= 12:
                self.events.quitting.fire(environment=None)

        self.live.loop(sleep, lambda: clock[0])
        # Every 5 s from the start, and a last time when Locust quits.
        self.assertEqual(writes, [0.0, 5.0, 10.0, 12.0])

    def test_a_failing_write_is_reported_and_the_loop_goes_on(self) -> None:
        live = LiveControl(SimpleNamespace(), self.dir / 'missing', None, lambda: WRITTEN_AT, 5.0)
        stderr = io.StringIO()
        with redirect_stderr(stderr):
            live.on_quitting()
        self.assertIn(f'could not handle {PROGRESS_FILE}', stderr.getvalue())

    def test_the_interval_comes_from_the_environment_within_bounds(self) -> None:
        self.assertEqual(progress_interval({}), 5.0)
        self.assertEqual(progress_interval({'DL_PROGRESS_SECONDS': '2'}), 2.0)
        self.assertEqual(progress_interval({'DL_PROGRESS_SECONDS': '0'}), 1.0)
        self.assertEqual(progress_interval({'DL_PROGRESS_SECONDS': '3600'}), 60.0)
        self.assertEqual(progress_interval({'DL_PROGRESS_SECONDS': 'soon'}), 5.0)


class MasterLaunchTest(unittest.TestCase):
    def test_the_master_runs_locust_through_the_control_module(self) -> None:
        locust = LocustInfo(['python', '-m', 'locust'], '2.12.1', False, has_expect_workers_max_wait=True)
        self.assertEqual(master_launcher(locust), ['python', '-m', 'distributed_locust.control'])
        # A Locust known only as a command of its own cannot load our module: it runs plain.
        plain = LocustInfo(['locust'], '2.12.1', False, has_expect_workers_max_wait=True)
        self.assertEqual(master_launcher(plain), ['locust'])

    def test_the_package_is_importable_after_the_users_own_paths(self) -> None:
        self.assertTrue((PACKAGE_PARENT / 'distributed_locust' / 'control.py').is_file())
        self.assertEqual(master_environment({}), {'PYTHONPATH': str(PACKAGE_PARENT)})
        joined = master_environment({'PYTHONPATH': '/mine'})['PYTHONPATH']
        self.assertEqual(joined.split(':'), ['/mine', str(PACKAGE_PARENT)])


if __name__ == '__main__':
    unittest.main()

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
    MasterControl,
    histograms_document,
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

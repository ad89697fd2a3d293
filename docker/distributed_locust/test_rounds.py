"""Unit tests of the round driver's pure parts in control.py (run by __tests__/container/python.test.ts).

The driving itself runs inside real Locust masters: __tests__/local/rounds.test.ts (2.12 and current).
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import unittest
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

from distributed_locust.control import ROUNDS_FILE, RoundDriver, round_schedule, rounds_plan

HOSTS = {'candidate': 'http://127.0.0.1:8080', 'baseline': 'http://127.0.0.1:8081'}


def plan(**fields) -> dict:
    return {'design': 'interleaved', 'rounds': 3, 'warmupSeconds': 10, 'roundSeconds': 30, 'seed': 1, 'hosts': HOSTS, **fields}


class RoundsPlanTest(unittest.TestCase):
    def test_a_good_plan_is_taken_as_given(self) -> None:
        self.assertEqual(rounds_plan(json.dumps(plan())), plan())

    def test_what_is_wrong_is_named(self) -> None:
        cases = [
            (plan(design='calibrate'), 'design must be one of repeated, interleaved, duet'),
            (plan(rounds=0), 'rounds must be a number of at least 1'),
            (plan(hosts={'candidate': HOSTS['candidate']}), 'hosts must give baseline'),
            (plan(design='duet', side='baseline'), 'a duet needs side (candidate or baseline) and syncDir'),
        ]
        for given, message in cases:
            with self.subTest(message), self.assertRaisesRegex(ValueError, re.escape(message)):
                rounds_plan(json.dumps(given))


class RoundScheduleTest(unittest.TestCase):
    def test_interleaved_rounds_run_both_sides_in_an_order_drawn_from_the_seed(self) -> None:
        schedule = round_schedule(plan(rounds=20, seed=7))
        self.assertEqual(len(schedule), 40)
        for index in range(1, 21):
            self.assertEqual(sorted(side for i, side in schedule if i == index), ['baseline', 'candidate'])
        firsts = [side for position, (_, side) in enumerate(schedule) if position % 2 == 0]
        self.assertEqual(set(firsts), {'candidate', 'baseline'})
        self.assertEqual(round_schedule(plan(rounds=20, seed=7)), schedule)
        self.assertNotEqual(round_schedule(plan(rounds=20, seed=8)), schedule)

    def test_a_repeated_run_or_a_duet_master_runs_its_one_side(self) -> None:
        self.assertEqual(round_schedule(plan(design='repeated', rounds=2)), [(1, 'candidate'), (2, 'candidate')])
        duet = plan(design='duet', rounds=2, side='baseline', syncDir='/sync')
        self.assertEqual(round_schedule(duet), [(1, 'baseline'), (2, 'baseline')])


class QuittingTest(unittest.TestCase):
    def setUp(self) -> None:
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)

    def test_a_round_cut_short_is_kept_and_listed_as_incomplete(self) -> None:
        entry = SimpleNamespace(method='GET', name='/', response_times={20: 3}, num_requests=3, num_failures=0)
        stats = SimpleNamespace(entries={('/', 'GET'): entry}, total=entry)
        environment = SimpleNamespace(stats=stats, events=None, runner=None)
        now = datetime(2026, 12, 7, 17, 0, 40, tzinfo=timezone.utc)
        driver = RoundDriver(environment, plan(), self.dir, '2.12.1', lambda: now)
        done = {'index': 1, 'side': 'baseline', 'folder': 'rounds/1-baseline', 'complete': True}
        running = {'index': 1, 'side': 'candidate', 'folder': 'rounds/1-candidate', 'complete': False, 'endedAt': None}
        driver.records, driver.running, driver.measuring = [done, running], running, True
        driver.on_quitting()
        written = json.loads((self.dir / ROUNDS_FILE).read_text())
        self.assertEqual([r['complete'] for r in written['rounds']], [True, False])
        self.assertEqual(written['rounds'][1]['endedAt'], '2026-12-07T17:00:40.000Z')
        kept = json.loads((self.dir / 'rounds/1-candidate/histograms.json').read_text())
        self.assertEqual(kept['aggregate']['numRequests'], 3)


if __name__ == '__main__':
    unittest.main()

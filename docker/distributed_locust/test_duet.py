"""Unit tests of a duet's meeting on AWS: control.py's meet_partner with storage.py's DuetMeeting
carrying the meeting files between the two executions' masters through one S3 bucket (run by
__tests__/container/python.test.ts, on Locust 2.12.1 and current). The duet end to end, in real
containers on the AWS emulator: __tests__/e2e-aws/duet.test.ts.
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
import threading
import time
import unittest
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Optional
from unittest import mock

from distributed_locust import control
from distributed_locust.control import RoundDriver
from distributed_locust.master import with_meeting_folder
from distributed_locust.storage import DuetMeeting, RoundsUpload

# Polls of the meeting folder and of S3, short to keep the test short; the waits are bounded below.
SYNC_SECONDS = 0.02
MEET_SECONDS = 0.3
WAIT_LIMIT_SECONDS = 20


class SharedBucket:
    """The one bucket both executions' masters write to and read from. A missing key is denied,
    as S3 answers a reader that may not list the folder."""

    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}
        self.lock = threading.Lock()

    def upload_file(self, path: str, bucket: str, key: str, ExtraArgs: dict[str, str]) -> None:  # noqa: N803
        with self.lock:
            self.objects[key] = Path(path).read_bytes()

    def get_object(self, Bucket: str, Key: str) -> dict[str, Any]:  # noqa: N803
        from botocore.exceptions import ClientError

        with self.lock:
            body = self.objects.get(Key)
        if body is None:
            raise ClientError({'Error': {'Code': 'AccessDenied', 'Message': 'Access Denied'}}, 'GetObject')
        return {'Body': io.BytesIO(body)}


class DuetMeetingTest(unittest.TestCase):
    def setUp(self) -> None:
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)
        self.bucket = SharedBucket()
        self.notes: list[str] = []

    def master(self, side: str, own: str, partner: str) -> RoundDriver:
        """One execution's master: its round driver and the thread that syncs its meeting folder with S3."""
        folder = self.dir / side
        meeting = DuetMeeting(self.bucket, 'bucket', f'runs/{own}/results/', f'runs/{partner}/results/', folder, side, self.notes.append)
        meeting.start(SYNC_SECONDS)
        self.addCleanup(meeting.stop)
        plan = {'design': 'duet', 'rounds': 2, 'warmupSeconds': 0, 'roundSeconds': 1, 'side': side,
                'syncDir': str(folder), 'meetSeconds': MEET_SECONDS}
        return RoundDriver(SimpleNamespace(), plan, self.dir, None, lambda: None)

    def meet(self, index: int, candidate: RoundDriver, baseline: RoundDriver, baseline_delay: float) -> list[tuple[Optional[float], float]]:
        """Both masters meet before round `index`, the baseline `baseline_delay` s after the
        candidate; returns each one's agreed start and when its wait ended."""
        import gevent

        def arrive(driver: RoundDriver, delay: float) -> tuple[Optional[float], float]:
            gevent.sleep(delay)
            start = driver.meet_partner(index)
            return start, time.time()

        greenlets = [gevent.spawn(arrive, candidate, 0.0), gevent.spawn(arrive, baseline, baseline_delay)]
        gevent.joinall(greenlets, timeout=WAIT_LIMIT_SECONDS)
        return [greenlet.value for greenlet in greenlets]

    def test_a_master_seen_ready_for_a_round_has_its_earlier_rounds_in_s3(self) -> None:
        # A cancel gives the masters seconds for their final upload: the rounds before the meeting
        # must not depend on it.
        results = self.dir / 'results'
        (results / 'rounds' / '1-candidate').mkdir(parents=True)
        (results / 'rounds' / '1-candidate' / 'histograms.json').write_text('{"round": 1}')
        (results / 'rounds.json').write_text('{"rounds": [{"index": 1, "complete": true}]}')
        folder = self.dir / 'meeting'
        folder.mkdir()
        (folder / control.meeting_file(2, 'candidate')).write_text('{"readyAt": 1}')
        rounds = RoundsUpload(self.bucket, 'bucket', 'runs/run-c/results/', results)
        meeting = DuetMeeting(
            self.bucket, 'bucket', 'runs/run-c/results/', 'runs/run-b/results/', folder, 'candidate', self.notes.append, rounds
        )
        uploaded: list[str] = []
        original = self.bucket.upload_file

        def recording(path: str, bucket: str, key: str, ExtraArgs: dict[str, str]) -> None:  # noqa: N803
            uploaded.append(key)
            original(path, bucket, key, ExtraArgs)

        with mock.patch.object(self.bucket, 'upload_file', recording):
            meeting.sync()
        self.assertEqual(
            uploaded,
            [
                'runs/run-c/results/rounds/1-candidate/histograms.json',
                'runs/run-c/results/rounds.json',
                'runs/run-c/results/meeting/2-candidate.json',
            ],
        )

    def test_two_executions_masters_meet_through_s3_and_start_each_round_at_one_agreed_moment(self) -> None:
        candidate = self.master('candidate', 'run-c', 'run-b')
        baseline = self.master('baseline', 'run-b', 'run-c')
        for index, baseline_delay in ((1, 0.0), (2, 0.4)):
            with self.subTest(round=index):
                before = time.time()
                (candidate_start, candidate_went), (baseline_start, baseline_went) = self.meet(
                    index, candidate, baseline, baseline_delay
                )
                self.assertIsNotNone(candidate_start)
                # Both sides computed the same moment from both meeting files, and neither went before it.
                self.assertEqual(candidate_start, baseline_start)
                self.assertGreaterEqual(candidate_went, candidate_start)
                self.assertGreaterEqual(baseline_went, baseline_start)
                # The later side's readiness, plus the margin.
                self.assertGreaterEqual(candidate_start, before + baseline_delay + MEET_SECONDS)
        # Each master wrote its files into its own results folder; the other read them there.
        self.assertEqual(
            sorted(self.bucket.objects),
            [
                'runs/run-b/results/meeting/1-baseline.json',
                'runs/run-b/results/meeting/2-baseline.json',
                'runs/run-c/results/meeting/1-candidate.json',
                'runs/run-c/results/meeting/2-candidate.json',
            ],
        )
        ready = json.loads(self.bucket.objects['runs/run-b/results/meeting/2-baseline.json'])['readyAt']
        self.assertEqual(candidate_start, ready + MEET_SECONDS)
        self.assertEqual(self.notes, [])

    def test_a_master_whose_partner_never_comes_stops_waiting(self) -> None:
        candidate = self.master('candidate', 'run-c', 'run-b')
        with mock.patch.object(control, 'PARTNER_WAIT_SECONDS', 0.5):
            self.assertIsNone(candidate.meet_partner(1))
        self.assertIn('runs/run-c/results/meeting/1-candidate.json', self.bucket.objects)


class MeetingFolderTest(unittest.TestCase):
    def test_a_duet_on_aws_meets_in_the_task_s_own_folder(self) -> None:
        duet = {'design': 'duet', 'side': 'baseline', 'partnerResults': 'runs/run-c/results/'}
        self.assertEqual(with_meeting_folder(json.dumps(duet), Path('/work/meeting')), {**duet, 'syncDir': '/work/meeting'})

    def test_other_settings_are_left_to_the_rounds_check(self) -> None:
        for settings in ('{"design": "interleaved"}', '{"design": "duet", "side": "candidate"}', 'not json', '[]'):
            with self.subTest(settings):
                self.assertIsNone(with_meeting_folder(settings, Path('/work/meeting')))


if __name__ == '__main__':
    unittest.main()

"""Unit tests of storage.py (run by __tests__/container/python.test.ts)."""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import time
import unittest
from pathlib import Path
from typing import Any

from distributed_locust.common import EXIT_CONFIG
from distributed_locust.storage import LiveSync, RoundsUpload, bundle_path, live_sync_interval, run_folder_of
from distributed_locust.test_support import error_of


class BundleTest(unittest.TestCase):
    def test_keys_map_below_the_destination(self) -> None:
        destination = Path('/srv/bundle')
        self.assertEqual(bundle_path('p/a/b.csv', 'p/', destination), Path('/srv/bundle/a/b.csv'))
        self.assertIsNone(bundle_path('p/data/', 'p/', destination))

    def test_keys_escaping_the_destination_are_refused(self) -> None:
        for key in ('p/../etc/passwd', 'p//etc/passwd'):
            with self.subTest(key):
                self.assertEqual(error_of(bundle_path, key, 'p/', Path('/srv/bundle')).exit_code, EXIT_CONFIG)


class FakeS3:
    """The two calls LiveSync makes, recorded; get_object answers from `objects` (else 404, or `missing`)."""

    def __init__(self, missing_code: str = 'NoSuchKey') -> None:
        self.uploads: list[tuple[str, str, bytes]] = []
        self.objects: dict[str, bytes] = {}
        self.gets: list[str] = []
        self.missing_code = missing_code

    def upload_file(self, path: str, bucket: str, key: str, ExtraArgs: dict[str, str]) -> None:  # noqa: N803
        self.uploads.append((bucket, key, Path(path).read_bytes()))

    def get_object(self, Bucket: str, Key: str) -> dict[str, Any]:  # noqa: N803
        from botocore.exceptions import ClientError

        self.gets.append(Key)
        if Key not in self.objects:
            raise ClientError({'Error': {'Code': self.missing_code, 'Message': 'missing'}}, 'GetObject')
        return {'Body': io.BytesIO(self.objects[Key])}


class LiveSyncTest(unittest.TestCase):
    def setUp(self) -> None:
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)
        self.notes: list[str] = []

    def live(self, s3: FakeS3) -> LiveSync:
        return LiveSync(s3, 'bucket', 'runs/r1/results/', self.dir, self.notes.append)

    def test_the_interval_is_ten_seconds_unless_the_environment_says_otherwise(self) -> None:
        self.assertEqual(live_sync_interval({}), 10.0)
        self.assertEqual(live_sync_interval({'DL_LIVE_SYNC_SECONDS': '2'}), 2.0)
        self.assertEqual(live_sync_interval({'DL_LIVE_SYNC_SECONDS': '0.01'}), 1.0)
        self.assertEqual(live_sync_interval({'DL_LIVE_SYNC_SECONDS': 'often'}), 10.0)

    def test_the_run_folder_is_the_parent_of_the_results_prefix(self) -> None:
        self.assertEqual(run_folder_of('runs/r1/results/'), 'runs/r1/')
        self.assertEqual(run_folder_of('results/'), '')

    def test_progress_is_uploaded_to_the_results_prefix_each_time_the_master_rewrote_it(self) -> None:
        s3 = FakeS3()
        live = self.live(s3)
        live.sync()
        self.assertEqual(s3.uploads, [])
        progress = self.dir / 'progress.json'
        progress.write_text('{"version": 1}')
        live.sync()
        live.sync()
        self.assertEqual(s3.uploads, [('bucket', 'runs/r1/results/progress.json', b'{"version": 1}')])
        progress.write_text('{"version": 1, "users": 2}')
        os.utime(progress, (1, 1))
        live.sync()
        self.assertEqual(len(s3.uploads), 2)

    def test_finished_rounds_go_up_before_the_listing_that_names_them_and_again_only_when_changed(self) -> None:
        s3 = FakeS3()
        live = self.live(s3)
        live.sync()
        self.assertEqual(s3.uploads, [])
        (self.dir / 'rounds' / '1-candidate').mkdir(parents=True)
        (self.dir / 'rounds' / '1-candidate' / 'histograms.json').write_text('{"round": 1}')
        (self.dir / 'rounds.json').write_text('{"rounds": [1]}')
        live.sync()
        live.sync()
        self.assertEqual(
            [key for _, key, _ in s3.uploads],
            ['runs/r1/results/rounds/1-candidate/histograms.json', 'runs/r1/results/rounds.json'],
        )
        (self.dir / 'rounds.json').write_text('{"rounds": [1, 2]}')
        os.utime(self.dir / 'rounds.json', (1, 1))
        live.sync()
        self.assertEqual(s3.uploads[-1], ('bucket', 'runs/r1/results/rounds.json', b'{"rounds": [1, 2]}'))
        self.assertEqual(len(s3.uploads), 3)

    def test_rounds_upload_skips_partial_files_being_written(self) -> None:
        s3 = FakeS3()
        (self.dir / 'rounds' / '2-baseline').mkdir(parents=True)
        (self.dir / 'rounds' / '2-baseline' / '.histograms.json.partial').write_text('{')
        RoundsUpload(s3, 'bucket', 'p/', self.dir).upload()
        self.assertEqual(s3.uploads, [])

    def test_the_abort_command_is_copied_into_the_results_folder_once(self) -> None:
        for missing in ('NoSuchKey', 'AccessDenied'):  # 403 where the task may not list the prefix
            with self.subTest(missing):
                s3 = FakeS3(missing)
                live = self.live(s3)
                live.sync()
                self.assertFalse((self.dir / 'control' / 'abort.json').exists())
                self.assertEqual(self.notes, [])
                s3.objects['runs/r1/control/abort.json'] = b'{"reason": "aborted at 0:30 by x"}'
                live.sync()
                live.sync()
                self.assertEqual(
                    (self.dir / 'control' / 'abort.json').read_text(), '{"reason": "aborted at 0:30 by x"}'
                )
                self.assertEqual(s3.gets, ['runs/r1/control/abort.json'] * 2)
                self.assertEqual(self.notes, ['the action asked to abort the run (s3://bucket/runs/r1/control/abort.json)'])
                shutil.rmtree(self.dir / 'control')
                self.notes.clear()

    def test_a_failing_call_is_noted_once_and_never_ends_the_run(self) -> None:
        s3 = FakeS3('SlowDown')
        live = self.live(s3)
        live.sync()
        live.sync()
        self.assertEqual(len(self.notes), 1)
        self.assertIn('could not read control/abort.json (live progress and abort rules may lag)', self.notes[0])

    def test_the_thread_syncs_on_its_interval_and_stops_when_asked(self) -> None:
        s3 = FakeS3()
        live = self.live(s3)
        live.start(interval=0.05)
        deadline = time.monotonic() + 5
        while len(s3.gets) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        live.stop()
        self.assertGreaterEqual(len(s3.gets), 2)
        self.assertFalse(live.thread is not None and live.thread.is_alive())

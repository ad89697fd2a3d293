"""S3: the bundle in, the results out."""

from __future__ import annotations

import threading
from pathlib import Path, PurePosixPath
from typing import Any, Mapping, Optional

from .common import CONTENT_TYPES, EXIT_CONFIG, EXIT_UPLOAD, EntrypointError, RESULT_FILE
from .control import (
    ABORT_COMMAND as ABORT_COMMAND_PARTS,
    PROGRESS_FILE,
    ROUNDS_FILE as ROUNDS_LISTING,
    meeting_file,
    other_side,
    seconds_from_env,
)


def s3_client(env: Mapping[str, str]) -> Any:
    """A boto3 S3 client; honours AWS_ENDPOINT_URL_S3 (older boto3 ignores it) with path-style keys."""
    import boto3
    from botocore.config import Config

    endpoint = env.get('AWS_ENDPOINT_URL_S3') or env.get('AWS_ENDPOINT_URL') or None
    region = env.get('AWS_REGION') or env.get('AWS_DEFAULT_REGION') or None
    config = Config(
        connect_timeout=5,
        read_timeout=60,
        retries={'max_attempts': 5, 'mode': 'standard'},
        s3={'addressing_style': 'path'} if endpoint else {},
    )
    return boto3.client('s3', endpoint_url=endpoint, region_name=region, config=config)


def bundle_path(key: str, prefix: str, destination: Path) -> Optional[Path]:
    """Where the bundle object `key` goes under `destination`; None for folder markers.

    Refuses keys that would land outside `destination` (`..`, absolute paths)."""
    relative = key[len(prefix) :]
    if not relative or relative.endswith('/'):
        return None
    parts = PurePosixPath(relative).parts
    if relative.startswith('/') or '..' in parts:
        raise EntrypointError(
            EXIT_CONFIG, f"bundle object '{key}' points outside the bundle: re-stage the run"
        )
    return destination.joinpath(*parts)


def describe_error(error: BaseException) -> str:
    """A short one-line description of a boto3 or OS error."""
    return ' '.join(str(error).split()) or type(error).__name__


def download_bundle(s3: Any, bucket: str, prefix: str, destination: Path) -> list[str]:
    """Downloads every object under s3://bucket/prefix into `destination`; returns relative paths."""
    from botocore.exceptions import BotoCoreError, ClientError

    where = f's3://{bucket}/{prefix}'
    files: list[str] = []
    try:
        for page in s3.get_paginator('list_objects_v2').paginate(Bucket=bucket, Prefix=prefix):
            for item in page.get('Contents', []):
                target = bundle_path(item['Key'], prefix, destination)
                if target is None:
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                s3.download_file(bucket, item['Key'], str(target))
                files.append(target.relative_to(destination).as_posix())
    except (BotoCoreError, ClientError, OSError) as error:
        raise EntrypointError(
            EXIT_CONFIG, f'could not download the bundle from {where}: {describe_error(error)}'
        ) from None
    if not files:
        raise EntrypointError(
            EXIT_CONFIG, f'the bundle {where} is empty: stage the locustfile and data there first'
        )
    return sorted(files)


def upload_result_file(s3: Any, bucket: str, prefix: str, results_dir: Path, name: str) -> None:
    """One file of `results_dir` (`name` relative to it) to s3://bucket/prefix + name, typed by its suffix."""
    content_type = CONTENT_TYPES.get(Path(name).suffix, 'application/octet-stream')
    s3.upload_file(str(results_dir / name), bucket, prefix + name, ExtraArgs={'ContentType': content_type})


def upload_results(s3: Any, bucket: str, prefix: str, results_dir: Path) -> list[str]:
    """Uploads every file of `results_dir`, its subfolders' too (rounds/), to s3://bucket/prefix,
    result.json last (it marks completion)."""
    from botocore.exceptions import BotoCoreError, ClientError

    names = sorted(path.relative_to(results_dir).as_posix() for path in results_dir.rglob('*') if path.is_file())
    names.sort(key=lambda name: name == RESULT_FILE)
    for name in names:
        try:
            upload_result_file(s3, bucket, prefix, results_dir, name)
        except (BotoCoreError, ClientError, OSError) as error:
            raise EntrypointError(
                EXIT_UPLOAD, f'could not upload {name} to s3://{bucket}/{prefix}: {describe_error(error)}'
            ) from None
    return names


# Live progress up, commands down, while Locust runs (docs/live.md); the names are control.py's
# (and src/run/live-stats.ts').
ABORT_COMMAND = '/'.join(ABORT_COMMAND_PARTS)
LIVE_SYNC_SECONDS = 10.0
# S3 answers a missing key with 404 where the reader may list the prefix, with 403 where not.
MISSING_KEY_CODES = ('NoSuchKey', '404', 'NotFound', 'AccessDenied', '403')


def live_sync_interval(env: Mapping[str, str]) -> float:
    """Seconds between two syncs: DL_LIVE_SYNC_SECONDS (1 to 60; tests shorten it), else 10."""
    return seconds_from_env(env, 'DL_LIVE_SYNC_SECONDS', LIVE_SYNC_SECONDS, 1.0, 60.0)


def run_folder_of(results_prefix: str) -> str:
    """The run's folder from its results prefix: runs/<run id>/results/ → runs/<run id>/."""
    parent = results_prefix.rstrip('/').rpartition('/')[0]
    return f'{parent}/' if parent else ''


class BackgroundSync:
    """A thread that calls sync() every `interval` seconds until stopped. A step that fails is noted
    once, with what it delays, and tried again the next time."""

    default_interval = LIVE_SYNC_SECONDS
    thread_name = 'sync'
    delays = ''

    def __init__(self, note: Any) -> None:
        self.note = note
        self.failures_noted: set[str] = set()
        self.stopped = threading.Event()
        self.thread: Optional[threading.Thread] = None

    def sync(self) -> None:
        raise NotImplementedError

    def guarded(self, what: str, action: Any) -> None:
        try:
            action()
        except Exception as error:  # noqa: BLE001 - never ends the run: the final upload carries the results
            if what not in self.failures_noted:
                self.failures_noted.add(what)
                self.note(f'could not {what} ({self.delays}): {describe_error(error)}')

    def start(self, interval: Optional[float] = None) -> None:
        def loop() -> None:
            while not self.stopped.wait(interval or self.default_interval):
                self.sync()

        self.thread = threading.Thread(target=loop, name=self.thread_name, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        if self.thread is not None:
            self.thread.join(timeout=LIVE_SYNC_SECONDS)


class RoundsUpload:
    """The rounds measured so far, up while the run goes on: every file of rounds/ (a round's
    histograms, written when it ends), then rounds.json, each again only when it changed. A run
    stopped before its final upload (a cancel gives the master seconds) so keeps its finished
    rounds, and rounds.json never lists a round whose folder is not up yet."""

    def __init__(self, s3: Any, bucket: str, results_prefix: str, results_dir: Path) -> None:
        self.s3 = s3
        self.bucket = bucket
        self.results_prefix = results_prefix
        self.results_dir = results_dir
        self.uploaded: dict[Path, float] = {}

    def upload(self) -> None:
        folder = self.results_dir / 'rounds'
        files = sorted(path for path in folder.rglob('*') if path.is_file()) if folder.is_dir() else []
        for path in [*files, self.results_dir / ROUNDS_LISTING]:
            if not path.is_file() or path.name.startswith('.'):
                continue
            mtime = path.stat().st_mtime
            if self.uploaded.get(path) == mtime:
                continue
            name = path.relative_to(self.results_dir).as_posix()
            upload_result_file(self.s3, self.bucket, self.results_prefix, self.results_dir, name)
            self.uploaded[path] = mtime


class LiveSync(BackgroundSync):
    """Every LIVE_SYNC_SECONDS: uploads progress.json when the master rewrote it, and copies the
    abort command (the run folder's control/abort.json, written by the action) into the results
    folder, where the control channel inside the master finds it. A failure is noted once and the
    run goes on: the final upload still carries the results."""

    thread_name = 'live-sync'
    delays = 'live progress and abort rules may lag'

    def __init__(self, s3: Any, bucket: str, results_prefix: str, results_dir: Path, note: Any) -> None:
        super().__init__(note)
        self.s3 = s3
        self.bucket = bucket
        self.results_prefix = results_prefix
        self.results_dir = results_dir
        self.uploaded_mtime: Optional[float] = None
        self.abort_fetched = False
        self.rounds = RoundsUpload(s3, bucket, results_prefix, results_dir)

    def sync(self) -> None:
        self.guarded('upload progress.json', self.upload_progress)
        self.guarded('upload the rounds so far', self.rounds.upload)
        self.guarded(f'read {ABORT_COMMAND}', self.fetch_abort_command)

    def upload_progress(self) -> None:
        path = self.results_dir / PROGRESS_FILE
        if not path.is_file() or path.stat().st_mtime == self.uploaded_mtime:
            return
        mtime = path.stat().st_mtime
        upload_result_file(self.s3, self.bucket, self.results_prefix, self.results_dir, PROGRESS_FILE)
        self.uploaded_mtime = mtime

    def fetch_abort_command(self) -> None:
        from botocore.exceptions import ClientError

        if self.abort_fetched:
            return
        key = run_folder_of(self.results_prefix) + ABORT_COMMAND
        try:
            body = self.s3.get_object(Bucket=self.bucket, Key=key)['Body'].read()
        except ClientError as error:
            if str(error.response.get('Error', {}).get('Code')) in MISSING_KEY_CODES:
                return
            raise
        target = self.results_dir / ABORT_COMMAND
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f'.{target.name}.partial')
        partial.write_bytes(body)
        partial.replace(target)
        self.abort_fetched = True
        self.note(f'the action asked to abort the run (s3://{self.bucket}/{key})')


# A duet on AWS: each master's meeting files go to its own results folder (MEETING_FOLDER), where
# the other execution's master reads them (docs/rounds.md, "On AWS").
MEETING_FOLDER = 'meeting/'
MEETING_SYNC_SECONDS = 0.25


class DuetMeeting(BackgroundSync):
    """Carries a duet's meeting files (control.py's meet_partner) between the masters of its two
    executions through S3, every MEETING_SYNC_SECONDS: uploads each file this master leaves in the
    meeting folder, and while it waits at round N fetches the other master's file for N into it.
    A failed call is noted once and tried again; a master that never gets the other's file stops
    after control.py's PARTNER_WAIT_SECONDS. With `rounds`, the rounds measured so far go up before
    each meeting file: a master seen ready for round N has its rounds before N in S3."""

    default_interval = MEETING_SYNC_SECONDS
    thread_name = 'duet-meeting'
    delays = 'the duet waits for it'

    def __init__(
        self,
        s3: Any,
        bucket: str,
        results_prefix: str,
        partner_prefix: str,
        folder: Path,
        side: str,
        note: Any,
        rounds: Optional[RoundsUpload] = None,
    ) -> None:
        super().__init__(note)
        self.rounds = rounds
        self.s3 = s3
        self.bucket = bucket
        self.own = results_prefix + MEETING_FOLDER
        self.partner = partner_prefix + MEETING_FOLDER
        self.folder = folder
        self.side = side
        self.uploaded: set[str] = set()
        folder.mkdir(parents=True, exist_ok=True)

    def sync(self) -> None:
        for index in self.own_rounds():
            self.guarded('upload a meeting file', lambda: self.upload(index))
            self.guarded("fetch the other master's meeting file", lambda: self.fetch(index))

    def own_rounds(self) -> list[int]:
        """The rounds this master is (or was) ready for: its own meeting files."""
        suffix = f'-{self.side}.json'
        return sorted(int(path.name[: -len(suffix)]) for path in self.folder.glob(f'*{suffix}'))

    def upload(self, index: int) -> None:
        name = meeting_file(index, self.side)
        if name in self.uploaded:
            return
        if self.rounds is not None:  # never holds up the meeting: the final upload has them too
            self.guarded('upload the rounds so far', self.rounds.upload)
        self.s3.upload_file(
            str(self.folder / name), self.bucket, self.own + name, ExtraArgs={'ContentType': 'application/json'}
        )
        self.uploaded.add(name)

    def fetch(self, index: int) -> None:
        from botocore.exceptions import ClientError

        name = meeting_file(index, other_side(self.side))
        target = self.folder / name
        if target.exists():
            return
        try:
            body = self.s3.get_object(Bucket=self.bucket, Key=self.partner + name)['Body'].read()
        except ClientError as error:
            if str(error.response.get('Error', {}).get('Code')) in MISSING_KEY_CODES:
                return
            raise
        partial = target.with_name(f'.{name}.partial')
        partial.write_bytes(body)
        partial.replace(target)

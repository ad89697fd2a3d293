"""Unit tests of worker.py (run by __tests__/container/python.test.ts)."""

from __future__ import annotations

import time
import unittest
from concurrent.futures import Future
from pathlib import Path

from distributed_locust.common import EXIT_CONFIG, EXIT_LOCUST, EntrypointError
from distributed_locust.config import Plan, parse_plan
from distributed_locust.processes import StopRequest
from distributed_locust.test_support import NATIVE_MASTER_ENV, error_of
from distributed_locust.worker import await_master_address


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
    def plan(self, timeout: str = '30') -> Plan:
        env = {key: NATIVE_MASTER_ENV[key] for key in ('DL_BUCKET', 'DL_BUNDLE_PREFIX', 'DL_LOCUSTFILE')}
        env.update(DL_MASTER_ADDRESS_KEY='runs/run-1/master-address', DL_EXPECT_WORKERS_TIMEOUT=timeout)
        return parse_plan(['worker'], env)

    def await_address(self, plan: Plan, bucket: FakeAddressBucket) -> str:
        pending: 'Future[Path]' = Future()
        return await_master_address(plan, StopRequest(), bucket, time.monotonic(), pending)

    def test_missing_or_forbidden_means_not_written_yet(self) -> None:
        bucket = FakeAddressBucket(['NoSuchKey', 'AccessDenied'], '10.0.3.4')
        self.assertEqual(self.await_address(self.plan(), bucket), '10.0.3.4')
        self.assertEqual(bucket.calls, 3)

    def test_gives_up_at_the_timeout_with_the_last_answer(self) -> None:
        bucket = FakeAddressBucket(['AccessDenied'] * 100, 'never')
        error = error_of(self.await_address, self.plan('1'), bucket)
        self.assertEqual(error.exit_code, EXIT_LOCUST)
        self.assertIn('did not appear at s3://bucket/runs/run-1/master-address within 1 s', error.reason)
        self.assertIn('AccessDenied', error.reason)

    def test_a_missing_bucket_or_a_failed_download_ends_the_wait_at_once(self) -> None:
        error = error_of(self.await_address, self.plan(), FakeAddressBucket(['NoSuchBucket'], ''))
        self.assertEqual(error.exit_code, EXIT_CONFIG)
        failed: 'Future[Path]' = Future()
        failed.set_exception(EntrypointError(EXIT_CONFIG, 'the bundle is empty'))
        bucket = FakeAddressBucket(['NoSuchKey'] * 100, 'never')
        started = time.monotonic()
        error = error_of(await_master_address, self.plan(), StopRequest(), bucket, started, failed)
        self.assertEqual(error.reason, 'the bundle is empty')
        self.assertEqual(bucket.calls, 0)

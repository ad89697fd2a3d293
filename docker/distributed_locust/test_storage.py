"""Unit tests of storage.py (run by __tests__/container/python.test.ts)."""

from __future__ import annotations

import unittest
from pathlib import Path

from distributed_locust.common import EXIT_CONFIG
from distributed_locust.storage import bundle_path
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

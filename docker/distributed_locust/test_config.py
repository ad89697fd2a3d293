"""Unit tests of config.py (run by __tests__/container/python.test.ts)."""

from __future__ import annotations

import unittest

from distributed_locust.common import EXIT_CONFIG
from distributed_locust.config import option_value, parse_plan, reserved_flags_in, without_option
from distributed_locust.test_support import NATIVE_MASTER_ENV, error_of


class FlagHelpersTest(unittest.TestCase):
    def test_option_value_reads_every_spelling_and_keeps_the_last(self) -> None:
        self.assertEqual(option_value(['--master-host', 'a', '--master-host=b'], '--master-host'), 'b')
        self.assertEqual(option_value(['-u', '5'], '-u', '--users'), '5')
        self.assertEqual(option_value(['-u7'], '-u', '--users'), '7')
        self.assertIsNone(option_value(['--users-x', '5'], '--users'))
        self.assertIsNone(option_value(['--master-host'], '--master-host'))

    def test_without_option_drops_the_flag_and_its_value(self) -> None:
        args = ['--master-host', '10.0.0.1', '-T', 'smoke', '--master-host=10.0.0.2']
        self.assertEqual(without_option(args, '--master-host'), ['-T', 'smoke'])

    def test_reserved_flags_are_found_in_any_spelling(self) -> None:
        found = reserved_flags_in(['--stop-timeout', '10', '-u5', '--csv=x', '--tags', 'a', '--html', 'r'])
        self.assertEqual(found, ['--csv', '--html', '-u'])
        self.assertEqual(reserved_flags_in(['--stop-timeout', '10', '-T', 'a']), [])


class ParsePlanTest(unittest.TestCase):
    def test_native_master_reads_the_contract_variables(self) -> None:
        plan = parse_plan(['master'], NATIVE_MASTER_ENV)
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
                error = error_of(parse_plan, ['master'], {**NATIVE_MASTER_ENV, name: value})
                self.assertEqual(error.exit_code, EXIT_CONFIG)
                self.assertIn(message, error.reason)

    def test_locust_args_must_be_an_array_of_strings_without_reserved_flags(self) -> None:
        for value, message in [
            ('{"a": 1}', 'must be a JSON array of strings'),
            ('["--users", "9"]', 'DL_LOCUST_ARGS must not set --users'),
        ]:
            with self.subTest(value):
                error = error_of(parse_plan, ['master'], {**NATIVE_MASTER_ENV, 'DL_LOCUST_ARGS': value})
                self.assertIn(message, error.reason)

    def test_native_worker_takes_the_master_host_appended_by_the_state_machine(self) -> None:
        env = {key: NATIVE_MASTER_ENV[key] for key in ('DL_BUCKET', 'DL_BUNDLE_PREFIX', 'DL_LOCUSTFILE')}
        plan = parse_plan(['worker', '--master-host', '10.0.1.7'], {**env, 'DL_MASTER_HOST': 'ignored'})
        self.assertEqual((plan.role, plan.master_host, plan.locust_args), ('worker', '10.0.1.7', []))
        from_env = parse_plan(['worker'], {**env, 'DL_MASTER_HOST': '10.0.1.8'})
        self.assertEqual(from_env.master_host, '10.0.1.8')
        self.assertIn('does not know the master', error_of(parse_plan, ['worker'], env).reason)

    def test_native_worker_without_a_master_host_learns_it_from_the_address_key(self) -> None:
        env = {key: NATIVE_MASTER_ENV[key] for key in ('DL_BUCKET', 'DL_BUNDLE_PREFIX', 'DL_LOCUSTFILE')}
        key = 'runs/run-1/master-address'
        plan = parse_plan(['worker'], {**env, 'DL_MASTER_ADDRESS_KEY': key})
        self.assertEqual((plan.master_host, plan.master_address_key), ('', key))
        given = parse_plan(['worker', '--master-host', '10.0.1.7'], {**env, 'DL_MASTER_ADDRESS_KEY': key})
        self.assertEqual((given.master_host, given.master_address_key), ('10.0.1.7', ''))
        self.assertIn('DL_MASTER_ADDRESS_KEY', error_of(parse_plan, ['worker'], env).reason)

    def test_seed_form_takes_the_role_and_addresses_from_the_locust_command(self) -> None:
        master = parse_plan(
            ['locust', '-f', 'f.py', '--master', '--expect-workers', '4', '--master-bind-port', '6000'], {}
        )
        self.assertEqual((master.role, master.seed_form, master.expect_workers), ('master', True, 4))
        self.assertEqual((master.master_port, master.bucket), (6000, ''))
        self.assertEqual(master.locust_args[0], '-f')
        worker = parse_plan(['-f', 'f.py', '--worker', '--master-host', '10.0.0.9'], {})
        self.assertEqual((worker.role, worker.master_host, worker.master_port), ('worker', '10.0.0.9', 5557))

    def test_seed_form_needs_exactly_one_role(self) -> None:
        for argv in (['-f', 'f.py'], ['-f', 'f.py', '--master', '--worker']):
            with self.subTest(argv):
                self.assertIn('cannot tell the role', error_of(parse_plan, argv, {}).reason)
        self.assertIn('no command', error_of(parse_plan, [], {}).reason)

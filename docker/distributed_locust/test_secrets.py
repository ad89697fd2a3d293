"""Unit tests of secrets.py (run by __tests__/container/python.test.ts)."""

from __future__ import annotations

import json
import tempfile
import unittest
from pathlib import Path
from typing import Any

from distributed_locust.common import EXIT_CONFIG, SECRETS_FILE
from distributed_locust.processes import take_staged_file
from distributed_locust.secrets import parse_reference, parse_staged_secrets, read_secrets
from distributed_locust.test_support import error_of

SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:load-test/api-AbCdEf'
PARAMETER_ARN = 'arn:aws:ssm:eu-west-1:123456789012:parameter/load-test/password'
CANARY = 'canary-7f3e9b'


def access_denied(operation: str) -> Exception:
    from botocore.exceptions import ClientError

    return ClientError({'Error': {'Code': 'AccessDeniedException', 'Message': 'not authorized'}}, operation)


class FakeSecretsManager:
    def __init__(self, secrets: dict[str, dict[str, Any]]) -> None:
        self.secrets = secrets
        self.requests: list[dict[str, str]] = []

    def get_secret_value(self, **request: str) -> dict[str, Any]:
        self.requests.append(request)
        if request['SecretId'] not in self.secrets:
            raise access_denied('GetSecretValue')
        return self.secrets[request['SecretId']]


class FakeSsm:
    def __init__(self, values: dict[str, str]) -> None:
        self.values = values
        self.calls: list[list[str]] = []

    def get_parameters(self, Names: list[str], WithDecryption: bool) -> dict[str, Any]:  # noqa: N803
        assert WithDecryption
        self.calls.append(Names)
        return {
            'Parameters': [
                {'ARN': name, 'Value': self.values[name]} for name in Names if name in self.values
            ],
            'InvalidParameters': [name for name in Names if name not in self.values],
        }


def clients(secretsmanager: Any = None, ssm: Any = None) -> Any:
    return lambda service, region: {'secretsmanager': secretsmanager, 'ssm': ssm}[service]


class ParseTest(unittest.TestCase):
    def test_secret_arns_take_the_ecs_suffix_of_json_key_version_stage_and_id(self) -> None:
        plain = parse_reference('API', SECRET_ARN)
        self.assertEqual(
            (plain.service, plain.region, plain.secret_id, plain.json_key),
            ('secretsmanager', 'eu-west-1', SECRET_ARN, ''),
        )
        keyed = parse_reference('API', SECRET_ARN + ':token:AWSPREVIOUS')
        self.assertEqual(
            (keyed.secret_id, keyed.json_key, keyed.version_stage), (SECRET_ARN, 'token', 'AWSPREVIOUS')
        )

    def test_parameter_arns_are_read_as_given(self) -> None:
        self.assertEqual(parse_reference('PASSWORD', PARAMETER_ARN).service, 'ssm')

    def test_other_text_is_refused_naming_the_variable(self) -> None:
        malformed = ('arn:aws:secretsmanager:eu-west-1:1:secret:', SECRET_ARN + ':a:b:c:d')
        for arn in ('load-test/api', 'arn:aws:s3:::bucket/key', *malformed):
            with self.subTest(arn):
                error = error_of(parse_reference, 'API', arn)
                self.assertEqual(error.exit_code, EXIT_CONFIG)
                self.assertIn('secret API', error.reason)

    def test_the_staged_file_is_a_json_object_of_names_to_arns(self) -> None:
        self.assertEqual(parse_staged_secrets(None), [])
        staged = parse_staged_secrets(json.dumps({'API': SECRET_ARN, 'PASSWORD': PARAMETER_ARN}))
        self.assertEqual([reference.name for reference in staged], ['API', 'PASSWORD'])
        self.assertEqual(error_of(parse_staged_secrets, '["API"]').exit_code, EXIT_CONFIG)

    def test_the_staged_file_leaves_the_folder_locust_runs_in(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / SECRETS_FILE
            path.parent.mkdir()
            path.write_text('{"API": "x"}\n')
            self.assertEqual(take_staged_file(Path(folder), SECRETS_FILE), '{"API": "x"}')
            self.assertFalse(path.parent.exists())
            self.assertIsNone(take_staged_file(Path(folder), SECRETS_FILE))


class ReadTest(unittest.TestCase):
    def test_secrets_and_parameters_are_read_by_name(self) -> None:
        document = json.dumps({'token': CANARY, 'port': 5432})
        secretsmanager = FakeSecretsManager({SECRET_ARN: {'SecretString': document}})
        ssm = FakeSsm({PARAMETER_ARN: 'p4ss'})
        references = [
            parse_reference('TOKEN', SECRET_ARN + ':token'),
            parse_reference('PORT', SECRET_ARN + ':port'),
            parse_reference('WHOLE', SECRET_ARN),
            parse_reference('PASSWORD', PARAMETER_ARN),
        ]
        values = read_secrets(references, clients(secretsmanager, ssm))
        self.assertEqual(values, {'TOKEN': CANARY, 'PORT': '5432', 'WHOLE': document, 'PASSWORD': 'p4ss'})
        self.assertEqual(secretsmanager.requests[0], {'SecretId': SECRET_ARN})

    def test_parameters_are_read_ten_at_a_time(self) -> None:
        arns = [f'{PARAMETER_ARN}-{index}' for index in range(12)]
        ssm = FakeSsm({arn: str(index) for index, arn in enumerate(arns)})
        references = [parse_reference(f'P{index}', arn) for index, arn in enumerate(arns)]
        values = read_secrets(references, clients(ssm=ssm))
        self.assertEqual([len(call) for call in ssm.calls], [10, 2])
        self.assertEqual(values['P11'], '11')

    def test_failures_name_the_secret_and_never_quote_its_value(self) -> None:
        secretsmanager = FakeSecretsManager(
            {SECRET_ARN: {'SecretString': json.dumps({'token': CANARY})}, SECRET_ARN + 'x': {'SecretString': CANARY}}
        )
        cases = [
            (parse_reference('TOKEN', SECRET_ARN + ':missing'), "its JSON has no key 'missing'"),
            (parse_reference('TOKEN', SECRET_ARN + 'x:token'), 'it is not a JSON object'),
            (parse_reference('TOKEN', SECRET_ARN.replace('api', 'other')), 'AccessDeniedException'),
            (parse_reference('PASSWORD', PARAMETER_ARN), 'no such parameter'),
        ]
        for reference, why in cases:
            with self.subTest(why):
                error = error_of(read_secrets, [reference], clients(secretsmanager, FakeSsm({})))
                self.assertEqual(error.exit_code, EXIT_CONFIG)
                self.assertIn(f'secret {reference.name} ({reference.arn})', error.reason)
                self.assertIn(why, error.reason)
                self.assertIn('SecretsPrefix', error.reason)
                self.assertNotIn(CANARY, error.reason)

"""Secrets for the locustfile: read from Secrets Manager or SSM Parameter Store with the task role.

The action stages only the ARNs, as SECRETS_FILE in the run's bundle (`{"API_TOKEN": "arn:…"}`):
RunTask overrides have no secrets field, and whatever they carry is shown by DescribeTasks and the
execution history. The values are read here, at the task's start, and given to the Locust process
alone: never to the entrypoint's environment, a log line, result.json or an uploaded file."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional

from .common import EXIT_CONFIG, SECRETS_FILE, EntrypointError
from .storage import describe_error

# GetParameters takes at most ten names a call.
PARAMETERS_PER_CALL = 10
# Where the stack lets the task role read (its SecretsPrefix parameter, docs/security.md).
GRANT_HINT = (
    "the stack's task role reads only secrets and parameters named under its SecretsPrefix "
    'parameter, in its own account and region'
)


@dataclass(frozen=True)
class SecretReference:
    """One `NAME=arn` of the `secrets` input, parsed."""

    name: str
    arn: str
    service: str  # 'secretsmanager' or 'ssm'
    region: str
    # Secrets Manager: the secret's ARN without the ECS-style suffix :json-key:version-stage:version-id.
    secret_id: str = ''
    json_key: str = ''
    version_stage: str = ''
    version_id: str = ''


def parse_reference(name: str, arn: str) -> SecretReference:
    """Parses a Secrets Manager secret ARN (optionally `:json-key[:version-stage[:version-id]]`)
    or an SSM parameter ARN; anything else is a configuration error naming `name`."""
    parts = arn.split(':')
    if len(parts) >= 7 and parts[0] == 'arn' and parts[2] == 'secretsmanager' and parts[5] == 'secret':
        extra = parts[7:10] + [''] * (3 - len(parts[7:10]))
        if len(parts) <= 10 and parts[6]:
            return SecretReference(
                name, arn, 'secretsmanager', parts[3], ':'.join(parts[:7]), extra[0], extra[1], extra[2]
            )
    if len(parts) == 6 and parts[0] == 'arn' and parts[2] == 'ssm' and parts[5].startswith('parameter/'):
        return SecretReference(name, arn, 'ssm', parts[3])
    raise EntrypointError(
        EXIT_CONFIG,
        f"secret {name}: '{arn}' is neither a Secrets Manager secret ARN "
        '(arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME[:json-key]) nor an SSM parameter ARN '
        '(arn:aws:ssm:REGION:ACCOUNT:parameter/NAME)',
    )


def parse_staged_secrets(text: Optional[str]) -> list[SecretReference]:
    """The references of SECRETS_FILE's text (a JSON object of names to ARNs); none without it."""
    if text is None:
        return []
    try:
        staged = json.loads(text)
    except json.JSONDecodeError:
        staged = None
    if not isinstance(staged, dict) or not all(
        isinstance(name, str) and isinstance(arn, str) for name, arn in staged.items()
    ):
        raise EntrypointError(
            EXIT_CONFIG,
            f'{SECRETS_FILE} in the bundle is not a JSON object of names to ARNs: re-stage the run',
        )
    return [parse_reference(name, arn) for name, arn in staged.items()]


def client_factory(env: Mapping[str, str]) -> Callable[[str, str], Any]:
    """Makes boto3 clients of a service in a region; honours AWS_ENDPOINT_URL_SECRETSMANAGER and
    AWS_ENDPOINT_URL_SSM (older boto3 ignores them). Two hundred workers start at once, and SSM
    allows 40 reads a second by default: throttled calls are retried."""
    import boto3
    from botocore.config import Config

    config = Config(connect_timeout=5, read_timeout=30, retries={'max_attempts': 10, 'mode': 'standard'})

    def client(service: str, region: str) -> Any:
        endpoint = env.get(f'AWS_ENDPOINT_URL_{service.upper()}') or env.get('AWS_ENDPOINT_URL') or None
        return boto3.client(service, endpoint_url=endpoint, region_name=region, config=config)

    return client


def read_secrets(references: list[SecretReference], client: Callable[[str, str], Any]) -> dict[str, str]:
    """The value of every reference, by its name; the first that cannot be read is a
    configuration error naming it and its ARN (never a value)."""
    from botocore.exceptions import BotoCoreError, ClientError

    values: dict[str, str] = {}
    parameters: dict[str, list[SecretReference]] = defaultdict(list)
    for reference in references:
        if reference.service == 'ssm':
            parameters[reference.region].append(reference)
            continue
        try:
            values[reference.name] = secret_value(client('secretsmanager', reference.region), reference)
        except (BotoCoreError, ClientError) as error:
            raise unreadable(reference, describe_error(error)) from None
    for region, batch in parameters.items():
        ssm = client('ssm', region)
        for start in range(0, len(batch), PARAMETERS_PER_CALL):
            chunk = batch[start : start + PARAMETERS_PER_CALL]
            try:
                values.update(parameter_values(ssm, chunk))
            except (BotoCoreError, ClientError) as error:
                names = ', '.join(reference.name for reference in chunk)
                raise EntrypointError(
                    EXIT_CONFIG,
                    f'could not read the parameters of {names}: {describe_error(error)} ({GRANT_HINT})',
                ) from None
    for name, value in values.items():
        if '\0' in value:
            raise EntrypointError(
                EXIT_CONFIG, f'secret {name}: its value holds a NUL character, which no environment variable can'
            )
    return values


def unreadable(reference: SecretReference, why: str) -> EntrypointError:
    """The error for a secret that could not be read."""
    return EntrypointError(
        EXIT_CONFIG, f'could not read secret {reference.name} ({reference.arn}): {why} ({GRANT_HINT})'
    )


def secret_value(secretsmanager: Any, reference: SecretReference) -> str:
    """A Secrets Manager secret's text, or the string under its JSON key."""
    request = {'SecretId': reference.secret_id}
    if reference.version_stage:
        request['VersionStage'] = reference.version_stage
    if reference.version_id:
        request['VersionId'] = reference.version_id
    response = secretsmanager.get_secret_value(**request)
    text = response.get('SecretString')
    if text is None:
        try:
            text = bytes(response.get('SecretBinary') or b'').decode('utf-8')
        except UnicodeDecodeError:
            raise unreadable(reference, 'it is binary, not UTF-8 text') from None
    if not reference.json_key:
        return text
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        document = None
    if not isinstance(document, dict):
        raise unreadable(reference, f"it is not a JSON object, so it has no key '{reference.json_key}'")
    if reference.json_key not in document:
        raise unreadable(reference, f"its JSON has no key '{reference.json_key}'")
    value = document[reference.json_key]
    return value if isinstance(value, str) else json.dumps(value)


def parameter_values(ssm: Any, references: list[SecretReference]) -> dict[str, str]:
    """The values of up to ten SSM parameters (SecureString ones decrypted), by reference name."""
    response = ssm.get_parameters(Names=[reference.arn for reference in references], WithDecryption=True)
    found: dict[str, str] = {}
    for parameter in response.get('Parameters', []):
        for key in (parameter.get('ARN'), parameter.get('Name')):
            if key:
                found[key] = parameter.get('Value', '')
    values: dict[str, str] = {}
    for reference in references:
        if reference.arn not in found:
            raise unreadable(reference, 'no such parameter (GetParameters listed it as invalid)')
        values[reference.name] = found[reference.arn]
    return values


def secret_environment(
    references: list[SecretReference], env: Mapping[str, str], note: Callable[[str], None]
) -> dict[str, str]:
    """What the secrets add to the Locust process's environment (and to no other's)."""
    if not references:
        return {}
    values = read_secrets(references, client_factory(env))
    note(f"read {len(values)} secret(s) into Locust's environment: {', '.join(values)}")
    return values

"""S3: the bundle in, the results out."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any, Mapping, Optional

from .common import CONTENT_TYPES, EXIT_CONFIG, EXIT_UPLOAD, EntrypointError, RESULT_FILE


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


def upload_results(s3: Any, bucket: str, prefix: str, results_dir: Path) -> list[str]:
    """Uploads every file of `results_dir`, its subfolders' too (rounds/), to s3://bucket/prefix,
    result.json last (it marks completion)."""
    from botocore.exceptions import BotoCoreError, ClientError

    names = sorted(path.relative_to(results_dir).as_posix() for path in results_dir.rglob('*') if path.is_file())
    names.sort(key=lambda name: name == RESULT_FILE)
    for name in names:
        content_type = CONTENT_TYPES.get(Path(name).suffix, 'application/octet-stream')
        try:
            s3.upload_file(
                str(results_dir / name), bucket, prefix + name, ExtraArgs={'ContentType': content_type}
            )
        except (BotoCoreError, ClientError, OSError) as error:
            raise EntrypointError(
                EXIT_UPLOAD, f'could not upload {name} to s3://{bucket}/{prefix}: {describe_error(error)}'
            ) from None
    return names

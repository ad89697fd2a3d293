"""What the entrypoint's unit tests share (no tests of its own; kept out of the image with them)."""

from __future__ import annotations

from distributed_locust.common import EntrypointError


# The environment a native-form master task gets from the state machine.
NATIVE_MASTER_ENV = {
    'DL_RUN_ID': 'run-1',
    'DL_BUCKET': 'bucket',
    'DL_BUNDLE_PREFIX': 'runs/run-1/bundle',
    'DL_RESULTS_PREFIX': 'runs/run-1/results/',
    'DL_LOCUSTFILE': 'tests/locustfile.py',
    'DL_USERS': '50',
    'DL_SPAWN_RATE': '2.5',
    'DL_RUN_TIME_SECONDS': '300',
    'DL_HOST': 'https://staging.example.com',
    'DL_LOCUST_ARGS': '["--stop-timeout", "10"]',
    'DL_EXPECT_WORKERS': '3',
}


def error_of(callable_, *args) -> EntrypointError:
    """The EntrypointError that `callable_(*args)` raises."""
    try:
        callable_(*args)
    except EntrypointError as error:
        return error
    raise AssertionError('no EntrypointError raised')
